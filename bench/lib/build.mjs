// `next build` into a dist dir of the bench's own. next build adds that dir's type folders to tsconfig.json's
// "include"; the file is not ours to change, so the entries are taken back out afterwards.
import { readFileSync, writeFileSync } from "node:fs";
import { run } from "./procs.mjs";

export async function buildInto({ distDir, logFile, label = "build" }) {
  const before = readFileSync("tsconfig.json", "utf8");
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
      timeoutMs: 20 * 60_000,
    });
  } finally {
    restoreTsconfig(before, distDir, label);
  }
}

function restoreTsconfig(before, distDir, label) {
  const after = readFileSync("tsconfig.json", "utf8");
  if (after === before) return;
  try {
    const a = JSON.parse(after);
    a.include = (a.include ?? []).filter((p) => !p.startsWith(`${distDir}/`));
    if (JSON.stringify(a) === JSON.stringify(JSON.parse(before))) {
      writeFileSync("tsconfig.json", before);
      console.log(`${label}: took ${distDir}'s entries back out of tsconfig.json`);
      return;
    }
  } catch {
    // fall through
  }
  console.warn(`${label}: tsconfig.json changed during the build in a way the bench did not expect; left as it is`);
}
