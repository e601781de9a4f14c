// A profiling script's world: a scratch PostgreSQL database with the demo practice seeded, handed to `body`, and
// afterwards every process the script started stopped and the database dropped, whatever happened. Exits the
// process with 0, or 1 when `body` threw.
import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { run, stopAll } from "./procs.mjs";

export async function withScratchPractice({ adminUrl, workDir, appUrl }, body) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const dbName = `pp_prof_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  let code = 0;
  try {
    await admin.unsafe(`create database "${dbName}"`);
    const dbUrl = new URL(adminUrl);
    dbUrl.pathname = `/${dbName}`;
    const databaseUrl = dbUrl.toString();
    const authSecret = randomBytes(32).toString("base64url");
    const cliEnv = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, APP_URL: appUrl };
    delete cliEnv.PGLITE_DIR;
    delete cliEnv.NODE_ENV;
    await run("seed", "node", ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/seed.ts"], {
      env: cliEnv,
      logFile: path.join(workDir, "seed.log"),
    });
    await body({ databaseUrl, authSecret });
  } catch (e) {
    console.error(e.stack ?? e.message);
    code = 1;
  } finally {
    await stopAll();
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
  }
  process.exit(code);
}
