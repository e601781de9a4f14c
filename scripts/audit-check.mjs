// `npm audit --omit=dev`: fails on any high or critical advisory in what the app ships. Prints "N passed,
// N failed" (one check) like the other suites, or "not checked: <why>" when the registry's audit endpoint
// cannot be reached (some package proxies answer 405), which counts as neither.
import { spawnSync } from "node:child_process";

const r = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", timeout: 120_000 });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why =
    report?.error?.summary ||
    report?.message ||
    (r.stderr || "").split("\n").find((l) => /audit|error/i.test(l)) ||
    `exit ${r.status}`;
  console.log(
    `not checked: npm audit could not reach the registry's audit endpoint (${String(why).trim().slice(0, 200)})`,
  );
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
  if (v.severity === "high" || v.severity === "critical") console.log(`  ${v.severity}: ${name} ${v.range ?? ""}`);
}
console.log(
  `npm audit --omit=dev: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
console.log(serious ? "0 passed, 1 failed" : "1 passed, 0 failed");
process.exit(serious ? 1 : 0);
