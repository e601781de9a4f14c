// A profiling script's world: a scratch PostgreSQL database with the demo practice seeded, handed to `body`, and
// afterwards every process the script started stopped and the database dropped, whatever happened. Exits the
// process with 0, or 1 when `body` threw.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createScratchDatabase } from "../../test-kit/scratch-database.mjs";
import { run, stopAll } from "./procs.mjs";

/** The environment the app's CLIs (seed, import, migrate) run with against the bench's database. */
export function cliEnv({ databaseUrl, authSecret, appUrl }) {
  const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, APP_URL: appUrl };
  delete env.PGLITE_DIR;
  delete env.NODE_ENV;
  return env;
}

/** Seeds the demo practice into the bench's database with the app's own seed script. */
export function seedDemoPractice({ name = "seed", databaseUrl, authSecret, appUrl, logFile }) {
  return run(name, "node", ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/seed.ts"], {
    env: cliEnv({ databaseUrl, authSecret, appUrl }),
    logFile,
  });
}

export async function withScratchPractice({ adminUrl, workDir, appUrl }, body) {
  let scratch;
  let code = 0;
  try {
    scratch = await createScratchDatabase(adminUrl, "pp_prof");
    const databaseUrl = scratch.url;
    const authSecret = randomBytes(32).toString("base64url");
    await seedDemoPractice({ databaseUrl, authSecret, appUrl, logFile: path.join(workDir, "seed.log") });
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
