// `next build` into a dist dir of the bench's own. next build adds that dir's type folders to tsconfig.json's
// "include"; the file is not ours to change, so the entries are taken back out afterwards. `cwd` builds another
// Next.js app of the bench's (bench/floor-app, bench/peer-app) with the `next` its folder resolves to.
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "./procs.mjs";

export async function buildInto({ distDir, logFile, label = "build", cwd }) {
  const before = readFileSync("tsconfig.json", "utf8");
  const { atime, mtime } = statSync("tsconfig.json");
  try {
    await run(label, "npx", ["next", "build"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: "",
        PGLITE_DIR: "",
      },
      logFile,
      cwd,
      timeoutMs: 20 * 60_000,
    });
  } finally {
    // Written back with its old time too: a tsconfig.json newer than the build would make run.mjs rebuild next time.
    if (restoreTsconfig(before, distDir, label)) utimesSync("tsconfig.json", atime, mtime);
  }
}

function restoreTsconfig(before, distDir, label) {
  const after = readFileSync("tsconfig.json", "utf8");
  if (after === before) return false;
  try {
    const a = JSON.parse(after);
    a.include = (a.include ?? []).filter((p) => !p.startsWith(`${distDir}/`));
    if (JSON.stringify(a) === JSON.stringify(JSON.parse(before))) {
      writeFileSync("tsconfig.json", before);
      console.log(`${label}: took ${distDir}'s entries back out of tsconfig.json`);
      return true;
    }
  } catch {
    // fall through
  }
  console.warn(`${label}: tsconfig.json changed during the build in a way the bench did not expect; left as it is`);
  return false;
}

/** Newest modification time of the files under `paths` (folders walked, skipping node_modules and dot entries). */
export function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== "node_modules" && !e.startsWith(".")) walk(path.join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) walk(p);
  return newest;
}

/** Builds the app in `cwd` into `distDir` unless its BUILD_ID is newer than every file of the app. */
export async function buildAppIfStale({ cwd, distDir, logFile, label }) {
  const buildId = path.join(cwd, distDir, "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestMtime([cwd])) {
    console.log(`${label}: ${path.join(cwd, distDir)} is up to date`);
    return;
  }
  console.log(`${label}: next build in ${cwd} into ${distDir} (log: ${logFile})`);
  await buildInto({ distDir, logFile, label, cwd });
}
