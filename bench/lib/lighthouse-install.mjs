// Lighthouse lives in bench/lighthouse/ (its own package.json and package-lock.json, one exact version), never in
// the product's dependencies: the first bench run that needs it installs it there with `npm ci`.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const DIR = path.join("bench", "lighthouse");

/** The path of Lighthouse's CLI, installing bench/lighthouse's locked version first when it is missing or another. */
export function lighthouseCli() {
  const wanted = JSON.parse(readFileSync(path.join(DIR, "package.json"), "utf8")).dependencies.lighthouse;
  const installed = path.join(DIR, "node_modules", "lighthouse", "package.json");
  const have = existsSync(installed) ? JSON.parse(readFileSync(installed, "utf8")).version : null;
  if (have !== wanted) {
    console.log(`lighthouse: installing ${wanted} into ${DIR} (npm ci, once)`);
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: DIR, stdio: "inherit" });
  }
  return path.join(DIR, "node_modules", "lighthouse", "cli", "index.js");
}
