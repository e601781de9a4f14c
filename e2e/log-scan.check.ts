// Runs after every other journey (project "log-scan" in playwright.config.ts): everything the server printed
// during the suite holds none of the link tokens it emailed and none of the passwords the journeys typed
// (docs/security.md T7; "no PHI, password or token in logs").
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { allEmails } from "./support/mailbox";
import { DEMO_PATIENT_PASSWORD } from "./support/patient";
import { ADMIN } from "./support/staff";

const port = Number(process.env.E2E_PORT ?? 3210);

/** Every quoted string of 15+ characters the specs type into a password box. */
function typedPasswords(): string[] {
  const found = new Set<string>([DEMO_PATIENT_PASSWORD, ADMIN.password, "demo-frontdesk-password"]);
  for (const file of readdirSync("e2e").filter((f) => f.endsWith(".spec.ts"))) {
    const text = readFileSync(path.join("e2e", file), "utf8");
    for (const m of text.matchAll(/[Pp]assword[^\n]{0,80}?"([^"\n]{15,128})"/g)) found.add(m[1]);
  }
  return [...found];
}

test("the server's output holds no emailed token and no typed password", async () => {
  const logFile = `test-results/e2e-server-${port}.log`;
  expect(existsSync(logFile), `${logFile} is written by scripts/e2e-server.mjs`).toBe(true);
  const log = readFileSync(logFile, "utf8");

  const tokens = new Set<string>();
  for (const email of await allEmails()) {
    for (const m of `${email.text ?? ""} ${email.html ?? ""}`.matchAll(/[?&]token=([A-Za-z0-9_-]{43})/g))
      tokens.add(m[1]);
  }
  // The journeys before this one emailed many links: an empty set would mean this scan looks at nothing.
  expect(tokens.size).toBeGreaterThan(10);
  const passwords = typedPasswords();
  expect(passwords.length).toBeGreaterThan(3);

  const leakedTokens = [...tokens].filter((t) => log.includes(t));
  const leakedPasswords = passwords.filter((p) => log.includes(p));
  expect(leakedTokens, "tokens found in the server output").toEqual([]);
  expect(leakedPasswords, "passwords found in the server output").toEqual([]);
});
