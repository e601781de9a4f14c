// A profiling script's world: a scratch PostgreSQL database with the demo practice seeded, handed to `body`, and
// afterwards every process the script started stopped and the database dropped, whatever happened. Exits the
// process with 0, or 1 when `body` threw.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createScratchDatabase } from "../../test-kit/scratch-database.mjs";
import { run, stopAll } from "./procs.mjs";

export async function withScratchPractice({ adminUrl, workDir, appUrl }, body) {
  let scratch;
  let code = 0;
  try {
    scratch = await createScratchDatabase(adminUrl, "pp_prof");
    const databaseUrl = scratch.url;
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
    await scratch?.drop().catch((e) => console.error(`could not drop ${scratch.name}: ${e.message}`));
  }
  process.exit(code);
}
