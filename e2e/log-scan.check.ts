// Runs after every other journey (project "log-scan" in playwright.config.ts): everything the server printed
// during the suite holds none of the link tokens it emailed, none of the passwords the journeys typed
// (docs/security.md T7) and none of the seeded patients' names, dates of birth, emails, phones or addresses, also
// after e2e/database-drop.spec.ts killed the database connections mid-request (docs/security.md L1).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PATIENTS, demoContact } from "../db/seed/demo";
import { allEmails } from "./support/mailbox";
import { DEMO_PATIENT_PASSWORD } from "./support/patient";
import { ADMIN } from "./support/staff";

const port = Number(process.env.E2E_PORT ?? 3210);

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Every seeded patient's name, date of birth (in each form it could be printed), email, phone and street, as
 * patterns: names whole-word and case-sensitive (so "Lee" does not match "sleep"), the rest as plain text.
 */
function seededPatientValues(): { label: string; pattern: RegExp }[] {
  const literal = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const plain = (label: string, v: string) => ({ label, pattern: new RegExp(literal(v), "i") });
  const word = (label: string, v: string) => ({
    label,
    pattern: new RegExp(`(?<![\\p{L}])${literal(v)}(?![\\p{L}])`, "u"),
  });
  return DEMO_PATIENTS.flatMap((p, i) => {
    const [y, m, d] = p.dob.split("-");
    const month = MONTHS[Number(m) - 1];
    const { phone, addressLine1 } = demoContact(i);
    const who = `${p.first} ${p.last}`;
    return [
      word(`${who}: name`, who),
      word(`${who}: last name`, p.last),
      word(`${who}: name, last first`, `${p.last}, ${p.first}`),
      plain(`${who}: date of birth`, p.dob),
      plain(`${who}: date of birth`, `${m}/${d}/${y}`),
      plain(`${who}: date of birth`, `${Number(m)}/${Number(d)}/${y}`),
      plain(`${who}: date of birth`, `${month} ${Number(d)}, ${y}`),
      plain(`${who}: date of birth`, `${month.slice(0, 3)} ${d} ${y}`),
      // (a blank email on file, as one demo patient has, is no value to look for)
      ...(p.email?.trim() ? [plain(`${who}: email`, p.email.trim())] : []),
      plain(`${who}: phone`, phone),
      plain(`${who}: phone`, phone.replace(/\D/g, "")),
      plain(`${who}: address`, addressLine1),
    ];
  });
}

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

test("the server's output holds no seeded patient's name, date of birth, email, phone or address", async () => {
  const logFile = `test-results/e2e-server-${port}.log`;
  expect(existsSync(logFile), `${logFile} is written by scripts/e2e-server.mjs`).toBe(true);
  const log = readFileSync(logFile, "utf8");
  const lines = log.split("\n").length;
  const values = seededPatientValues();
  expect(values.length).toBeGreaterThan(300);
  // The patterns find the first demo patient in the line drizzle used to print for a failed insert.
  const { phone, addressLine1 } = demoContact(0);
  const leaky = `Failed query: insert into "patients" ... params: MRN-10001,Maria,García-López,1978-04-12,maria.garcia@example.com,${phone},${addressLine1}`;
  const first = values.filter((v) => v.label.startsWith("Maria García-López:"));
  for (const kind of ["last name", "date of birth", "email", "phone", "address"])
    expect(
      first.some((v) => v.label.endsWith(kind) && v.pattern.test(leaky)),
      kind,
    ).toBe(true);
  const found = values.filter((v) => v.pattern.test(log)).map((v) => `${v.label} (${v.pattern.source})`);
  test.info().annotations.push({
    type: "log scan",
    description: `${values.length} patient values looked for in ${lines} lines of server output`,
  });
  console.log(`log scan: ${values.length} patient values looked for in ${lines} lines of server output`);
  expect(found, "patient data found in the server output").toEqual([]);
});
