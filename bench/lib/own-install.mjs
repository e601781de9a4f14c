// Tools and apps the bench needs but the product must not depend on live in folders of their own under bench/,
// each with its own package.json and package-lock.json (exact versions): bench/lighthouse/ (Lighthouse) and
// bench/peer-app/ (the peer). The first bench run that needs one installs it there with `npm ci`, and again
// whenever an installed version differs from the one its package.json names.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** Installs `dir`'s locked dependencies with `npm ci` unless every one is already there at its named version. */
export function ensureOwnInstall(dir) {
  const wanted = readJson(path.join(dir, "package.json")).dependencies ?? {};
  const stale = Object.entries(wanted).filter(([name, version]) => {
    const installed = path.join(dir, "node_modules", name, "package.json");
    return !existsSync(installed) || readJson(installed).version !== version;
  });
  if (!stale.length) return;
  console.log(`${dir}: installing ${stale.map(([n, v]) => `${n}@${v}`).join(", ")} (npm ci, once)`);
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir, stdio: "inherit" });
}

/** The path of Lighthouse's CLI, installing bench/lighthouse's locked version first when it is missing or another. */
export function lighthouseCli() {
  const dir = path.join("bench", "lighthouse");
  ensureOwnInstall(dir);
  return path.join(dir, "node_modules", "lighthouse", "cli", "index.js");
}
