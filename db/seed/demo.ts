// Demo practice for the embedded default: every portal status and reason, and the awkward cases real
// practices have (shared family email, ZIP+4, accented, hyphenated and apostrophe names).
import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { accountTokens, patients, portalAccounts, staffUsers } from "../schema";
import type * as schema from "../schema";

type AnyDb = PgDatabase<PgQueryResultHKT, typeof schema>;

// The demo passwords are public (README.md, "Quick start"), so their Argon2id hashes are written here, made with
// today's parameters (lib/auth/password-hash.ts; db/seed/demo.test.ts checks they still verify and need no
// rehash): the data layer seeds rows and knows nothing of how passwords are hashed.
export const DEMO_STAFF = [
  {
    name: "Avery Admin",
    email: "admin@demo.clinic",
    role: "admin",
    password: "demo-admin-password",
    passwordHash: "$argon2id$v=19$m=65536,t=3,p=1$FK3p4oI6oszU4RsWksmFUw$Xl8U8S17kDrd82wCkccH2+QNJxKEPNUp+muzcge/HZU",
  },
  {
    name: "Frankie Desk",
    email: "frontdesk@demo.clinic",
    role: "front_desk",
    password: "demo-frontdesk-password",
    passwordHash: "$argon2id$v=19$m=65536,t=3,p=1$bTLn1Zfn4CpOMvVpWYEhBw$58XHgLNK90+Eo+vkg5SMUmoBW0uujnGtJl6V5f5Ales",
  },
] as const;

type DemoPatient = {
  first: string;
  last: string;
  dob: string;
  email?: string | null;
  zip?: string | null;
  access?: boolean;
  chart?: "active" | "inactive" | "deceased";
  /** account: none; set up but never signed in; or signed in (active) */
  account?: "setup" | "active";
  username?: string;
  /** a setup link: still valid, or expired */
  invite?: "valid" | "expired";
  /** Preferred language: English unless said */
  language?: "es";
};

export const DEMO_PATIENTS: DemoPatient[] = [
  // Active: signed in at least once.
  {
    first: "Maria",
    last: "García-López",
    dob: "1978-04-12",
    email: "maria.garcia@example.com",
    zip: "62701",
    access: true,
    account: "active",
    username: "mgarcia",
  },
  {
    first: "Sean",
    last: "O'Brien",
    dob: "1965-11-30",
    email: "sean.obrien@example.com",
    zip: "62704-1234",
    access: true,
    account: "active",
    username: "sobrien",
  },
  {
    first: "Aiko",
    last: "Tanaka",
    dob: "1990-02-28",
    email: "aiko.tanaka@example.com",
    zip: "62702",
    access: true,
    account: "active",
    username: "aiko.t",
  },
  {
    first: "Li",
    last: "Wei",
    dob: "1984-07-04",
    email: "li.wei@example.com",
    zip: "62703",
    access: true,
    account: "active",
    username: "liwei84",
  },
  {
    first: "Grace",
    last: "Okafor",
    dob: "1951-09-15",
    email: "grace.okafor@example.com",
    zip: "62711",
    access: true,
    account: "active",
    username: "gokafor",
  },
  {
    first: "Jean-Luc",
    last: "Picard",
    dob: "1959-07-13",
    email: "jl.picard@example.com",
    zip: "62712",
    access: true,
    account: "active",
    username: "jlpicard",
  },
  // Unactivated, each detail staff may see.
  { first: "Nora", last: "Lindqvist", dob: "1972-01-09", email: "nora.l@example.com", zip: "62701", access: true },
  {
    first: "Diego",
    last: "Hernández",
    dob: "2001-05-21",
    email: "diego.h@example.com",
    zip: "62702-0042",
    access: true,
    invite: "valid",
  },
  {
    first: "Fatima",
    last: "Al-Sayed",
    dob: "1988-12-01",
    email: "fatima.alsayed@example.com",
    zip: "62703",
    access: true,
    invite: "expired",
  },
  {
    first: "Patrick",
    last: "D'Angelo",
    dob: "1995-03-17",
    email: "patrick.dangelo@example.com",
    zip: "62704",
    access: true,
    account: "setup",
    username: "pdangelo",
  },
  { first: "Chloé", last: "Dubois", dob: "1999-10-10", email: "chloe.dubois@example.com", zip: "62705", access: true },
  {
    first: "Samuel",
    last: "Mensah",
    dob: "1947-06-02",
    email: "sam.mensah@example.com",
    zip: "62706",
    access: true,
    invite: "valid",
  },
  {
    first: "Ingrid",
    last: "Van der Berg",
    dob: "1969-08-23",
    email: "ingrid.vdb@example.com",
    zip: "62707",
    access: true,
  },
  { first: "Kwame", last: "Asante", dob: "1980-11-11", email: "kwame.asante@example.com", zip: "62708", access: true },
  // A family sharing one email: verification must tell them apart by name and date of birth.
  {
    first: "Robert",
    last: "Nguyen",
    dob: "1975-03-03",
    email: "nguyen.family@example.com",
    zip: "62709",
    access: true,
    account: "active",
    username: "rnguyen",
  },
  { first: "Linh", last: "Nguyen", dob: "1977-08-19", email: "nguyen.family@example.com", zip: "62709", access: true },
  { first: "Minh", last: "Nguyen", dob: "2010-12-24", email: "nguyen.family@example.com", zip: "62709", access: true },
  // Inactive, each reason alone.
  { first: "Harold", last: "Finch", dob: "1955-05-05", email: "harold.finch@example.com", zip: "62710", access: false },
  { first: "Beatrice", last: "Kowalski", dob: "1982-04-30", email: null, zip: "62711", access: true },
  { first: "Tomás", last: "Ruiz", dob: "1993-09-09", email: "tomas.ruiz@example.com", zip: null, access: true },
  {
    first: "Eleanor",
    last: "Whitfield",
    dob: "1938-02-14",
    email: "eleanor.w@example.com",
    zip: "62712",
    access: true,
    chart: "deceased",
  },
  {
    first: "Victor",
    last: "Stone",
    dob: "1970-07-07",
    email: "victor.stone@example.com",
    zip: "62713",
    access: true,
    chart: "inactive",
  },
  { first: "Priya", last: "Raman", dob: "1986-06-16", email: "   ", zip: "62714", access: true },
  // Inactive, several reasons together.
  { first: "Oscar", last: "Petrov", dob: "1960-01-01", email: null, zip: null, access: false },
  { first: "Yusuf", last: "Demir", dob: "1991-12-12", email: "yusuf.demir@example.com", zip: "", access: false },
  // Activated once, then access switched off: Inactive, activation kept.
  {
    first: "Hannah",
    last: "Schmidt",
    dob: "1974-03-25",
    email: "hannah.schmidt@example.com",
    zip: "62715",
    access: false,
    account: "active",
    username: "hschmidt",
  },
  // More of each, so the list pages and filters have something to show.
  {
    first: "Ama",
    last: "Boateng",
    dob: "1997-04-04",
    email: "ama.boateng@example.com",
    zip: "62716",
    access: true,
    account: "active",
    username: "aboateng",
  },
  { first: "Lucas", last: "Moreau", dob: "1968-10-31", email: "lucas.moreau@example.com", zip: "62717", access: true },
  {
    first: "Zoë",
    last: "McAllister",
    dob: "2003-08-08",
    email: "zoe.mcallister@example.com",
    zip: "62718-9999",
    access: true,
    invite: "valid",
  },
  {
    first: "Ravi",
    last: "St. James",
    dob: "1979-02-02",
    email: "ravi.stjames@example.com",
    zip: "62719",
    access: false,
  },
  {
    first: "Olga",
    last: "Ivanova",
    dob: "1957-12-25",
    email: "olga.ivanova@example.com",
    zip: "62720",
    access: true,
    account: "active",
    username: "oivanova",
  },
  { first: "Ahmed", last: "Haddad", dob: "1983-05-15", email: "ahmed.haddad@example.com", zip: "62721", access: true },
  {
    first: "Mei",
    last: "Chen-Park",
    dob: "1994-11-05",
    email: "mei.chenpark@example.com",
    zip: "62722",
    access: true,
    invite: "expired",
  },
  {
    first: "Winston",
    last: "Adeyemi",
    dob: "1949-09-29",
    email: "winston.adeyemi@example.com",
    zip: null,
    access: false,
  },
  // Preferred language Spanish: invitations and notices from the practice reach them in Spanish. Their names sort
  // last, so the list's first page (which specs read) is what it was.
  {
    first: "Lucía",
    last: "Zamora",
    dob: "1962-03-15",
    email: "lucia.zamora@example.com",
    zip: "62723",
    access: true,
    account: "active",
    username: "lzamora",
    language: "es",
  },
  {
    first: "Javier",
    last: "Ybarra Ortiz",
    dob: "1987-10-02",
    email: "javier.ybarra@example.com",
    zip: "62724",
    access: true,
    language: "es",
  },
  {
    first: "Rosa",
    last: "Zavala",
    dob: "1944-05-30",
    email: "rosa.zavala@example.com",
    zip: "62725",
    access: true,
    invite: "valid",
    language: "es",
  },
];

/** The phone and street of the i-th demo patient (the e2e log scan looks for them in the server's output). */
export function demoContact(i: number): { phone: string; addressLine1: string } {
  return {
    phone: `(555) 01${String(i).padStart(2, "0")}-${String(1000 + i * 7).slice(-4)}`,
    addressLine1: `${100 + i * 3} ${["Oak", "Maple", "Cedar", "Elm", "Pine"][i % 5]} Street`,
  };
}

export const DEMO_PATIENT_PASSWORD = "demo-patient-password";
export const DEMO_PATIENT_PASSWORD_HASH =
  "$argon2id$v=19$m=65536,t=3,p=1$AQvK/Q6SrjoPHdjiouFp+g$1zxgi5JqnAywgEuprj3ffCX5/GbV3st0opXQV4/tkPQ";

export async function seedDemoIfEmpty(db: AnyDb, log: (line: string) => void) {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(patients)) as { n: number }[];
  if (Number(n) > 0) return;
  await seedDemo(db);
  log("");
  log("Patient Portal demo practice is ready.");
  // No passwords in the server's output, not even the public demo ones: the README lists them.
  for (const s of DEMO_STAFF) log(`  Staff sign-in (${s.role}): ${s.email} (password in README.md, "Quick start")`);
  log("");
}

export async function seedDemo(db: AnyDb) {
  const now = Date.now();
  const day = 86_400_000;
  await db.transaction(async (tx) => {
    const staff = await tx
      .insert(staffUsers)
      .values(DEMO_STAFF.map((s) => ({ name: s.name, email: s.email, role: s.role, passwordHash: s.passwordHash })))
      .returning({ id: staffUsers.id });
    const inserted = await tx
      .insert(patients)
      .values(
        DEMO_PATIENTS.map((p, i) => ({
          chartNumber: `MRN-${String(10001 + i)}`,
          firstName: p.first,
          lastName: p.last,
          dateOfBirth: p.dob,
          email: p.email ?? null,
          zip: p.zip ?? null,
          ...demoContact(i),
          city: "Springfield",
          state: "IL",
          chartStatus: p.chart ?? "active",
          portalAccessEnabled: p.access ?? false,
          preferredLanguage: p.language ?? ("en" as const),
        })),
      )
      .returning({ id: patients.id });
    const accounts = DEMO_PATIENTS.flatMap((p, i) =>
      p.account
        ? [
            {
              patientId: inserted[i].id,
              username: p.username!,
              passwordHash: DEMO_PATIENT_PASSWORD_HASH,
              createdAt: new Date(now - 40 * day),
              activatedAt: p.account === "active" ? new Date(now - 30 * day) : null,
              lastLoginAt: p.account === "active" ? new Date(now - (i % 9) * day - 3_600_000) : null,
            },
          ]
        : [],
    );
    if (accounts.length) await tx.insert(portalAccounts).values(accounts);
    const invites = DEMO_PATIENTS.flatMap((p, i) =>
      p.invite
        ? [
            {
              // A random hash: these demo links were "sent" before the demo existed, so nobody holds them.
              tokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
              purpose: "setup" as const,
              patientId: inserted[i].id,
              issuedByStaffId: staff[1].id,
              createdAt: new Date(now - (p.invite === "valid" ? 2 : 12) * day),
              expiresAt: new Date(now + (p.invite === "valid" ? 5 : -5) * day),
            },
          ]
        : [],
    );
    if (invites.length) await tx.insert(accountTokens).values(invites);
  });
}
