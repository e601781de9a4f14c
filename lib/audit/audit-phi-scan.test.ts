// docs/security.md A1 and A2 on a real database: run the real flows (verification with matching and mismatching
// details, setup and reset links, patient and staff sign-in right and wrong, change password, staff Basic Data
// edits with an email change, invitations, recovery codes, emailed codes, trusted devices), keep every secret used, then dump audit_events (and the other tables
// that outlive a request) and look for those secrets. Also: the audit trail refuses UPDATE, DELETE and TRUNCATE,
// and every flow wrote the events that say what happened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { SecretBook, describeLeaks, dumpDatabase, dumpRows, findLeaks } from "@/test-kit/secret-scan";
import { unseal } from "@/lib/crypto/seal";
import type { EmailMessage } from "@/lib/email/render-email";
import { emailHmac } from "@/lib/audit/record-audit-event";
import { requestVerification, type VerificationFlow } from "@/lib/verification/request-verification";
import { processVerifications } from "@/lib/verification/process-verifications";
import { normalizeLastName } from "@/lib/verification/normalize";
import { setPasswordWithLink } from "@/lib/accounts/set-password-with-link";
import { changePassword } from "@/lib/accounts/change-password";
import { verifyPatientCredentials } from "@/lib/auth/verify-patient-credentials";
import { verifyStaffCredentials } from "@/lib/auth/verify-staff-credentials";
import { LOCKOUT } from "@/lib/auth/lockout";
import { createStaffUser } from "@/lib/staff/create-staff-user";
import { updateBasicData } from "@/lib/patients/update-basic-data";
import { sendPortalInvitation } from "@/lib/patients/send-portal-invitation";
import { basicDataSchema } from "@/lib/validation/patient-record";
import type { TypedDetails } from "@/lib/verification/match-patient";
import { issueRecoveryCodes, useRecoveryCode } from "@/lib/second-factor/recovery-codes";
import { checkEmailCode, sendEmailCode } from "@/lib/second-factor/email-code";
import { isTrustedDevice, trustDevice } from "@/lib/second-factor/trusted-device";
import { completeSignIn } from "@/lib/auth/complete-sign-in";
import { getConfig } from "@/lib/config";
import { passkeyRegistrationOptions, savePasskey } from "@/lib/webauthn/register-passkey";
import { passkeySignInOptions } from "@/lib/webauthn/passkey-assertion";
import { passkeySignIn } from "@/lib/auth/passkey-sign-in";
import { createSoftAuthenticator } from "@/test-kit/soft-authenticator.mjs";
import { findPendingSignIn } from "@/lib/auth/pending-sign-in";
import { patientPasswordStep, staffPasswordStep } from "@/lib/auth/password-step";
import { checkSecondStep } from "@/lib/auth/second-step";
import { insertTotpFactor } from "@/db/queries/second-factors";
import { seal } from "@/lib/crypto/seal";
import { patientRef, staffRef } from "@/lib/second-factor/account-ref";
import { newTotpSecret, totpCodeAt, totpStepAt } from "@/lib/second-factor/totp";
import { signOutPatientEverywhere } from "@/lib/accounts/sign-out-everywhere";

/** The refusal as the database module reports it (table and SQLSTATE only), or null if it succeeded. */
async function failure(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    const err = e as Error & { code?: string; table?: string };
    return `${err.name} ${err.table} ${err.code}`;
  }
}

type AuditRow = {
  id: number;
  event: string;
  actor_type: string;
  actor_staff_id: string | null;
  patient_id: string | null;
  details: Record<string, unknown>;
};
type Observed = { events: string[]; rows: AuditRow[]; result?: unknown };

// Distinctive people: nothing else in the database could contain these values by chance.
const STAFF = {
  name: "Audrey Scanwell",
  email: "Audrey.Scanwell@Clinic-Audit.test",
  password: "brass lantern quiver at noon",
};
const P1 = {
  firstName: "Zelda",
  lastName: "Quillfeather-Núñez",
  dateOfBirth: "1957-11-23",
  zip: "80917-4321",
  email: "Zelda.Quillfeather@Example-Audit.org",
};
const P2 = {
  firstName: "Hector",
  lastName: "Brannigan-Okonkwo",
  dateOfBirth: "1949-06-08",
  zip: "59834",
  email: "Hector.Brannigan@Example-Audit.org",
};
const P3 = {
  firstName: "Ingrid",
  lastName: "Vantongeren",
  dateOfBirth: "1971-08-15",
  zip: "30301",
  email: "Old.Vantongeren@Example-Audit.net",
};
const P3_NEW = {
  lastName: "Vantongeren-Smythe",
  dateOfBirth: "1971-08-16",
  zip: "30302-9876",
  email: "New.Vantongeren@Example-Audit.net",
  phone: "(719) 555-0143",
  addressLine1: "77 Kestrel Hollow Rd",
};
const STRANGER = {
  email: "nobody.knows.me@example-audit.org",
  lastName: "Ghostwhistle",
  dateOfBirth: "1966-06-06",
  zip: "99501",
};
const WRONG = { lastName: "Wrongsurnamexyz", dateOfBirth: "1950-01-02", zip: "11223" };
const PW = {
  p1Setup: "velvet harbour tangerine glow",
  p1Weak: "short-pw-x9",
  p1Wrong: "not my secret zebra crossing",
  p1WrongCurrent: "wrong current guess lilac",
  p1Changed: "marble orchard sparrow dusk",
  p1Reset: "copper kettle meadow rain",
  p2Setup: "silent granite pelican moon",
  p3Original: "ochre tram window thistle",
  p3Wrong: "p3 wrong guess number",
  staffWrong: "staff wrong guess walrus",
  staffUnknown: "ghost staff tries a password",
};
const USERNAMES = { p1: "zquill.audit", p2: "hbrann.audit", p3: "ivant.audit", unknown: "no.such.user.audit" };
const GHOST_STAFF_EMAIL = "Ghost.Staff@Clinic-Audit.test";

// What each flow must write (A1). Staff actions must also name the staff member.
const ESSENTIAL: Record<string, string[]> = {
  "register, details match": ["verification.processed", "token.issued", "email.queued"],
  "register, details do not match": ["verification.processed", "email.queued"],
  "forgot password, unknown email": ["verification.processed", "email.queued"],
  "setup link completed": ["account.created", "email.queued"],
  "patient sign-in, wrong password": ["patient.sign_in_failed"],
  "patient sign-in, unknown username": ["patient.sign_in_failed"],
  "patient sign-in, right (first)": ["patient.activated", "patient.signed_in"],
  "patient sign-in, right (again)": ["patient.signed_in"],
  "change password": ["account.password_changed", "email.queued"],
  "forgot password, details match": ["verification.processed", "token.issued", "email.queued"],
  "reset link completed": ["account.password_reset", "email.queued"],
  "forgot username": ["verification.processed", "email.queued"],
  "staff sign-in, right": ["staff.signed_in"],
  "staff sign-in, wrong password": ["staff.sign_in_failed"],
  "staff sign-in, unknown email": ["staff.sign_in_failed"],
  "staff invitation (no account yet)": ["staff.invitation_sent", "token.issued", "email.queued"],
  "invitation setup, username taken (refused)": ["account.username_taken"],
  "invitation setup completed": ["account.created", "email.queued"],
  "invited patient signs in": ["patient.activated", "patient.signed_in"],
  "staff Basic Data edit with an email change": ["patient.basic_data_changed", "patient.email_changed", "email.queued"],
  "staff Basic Data edit, no email change": ["patient.basic_data_changed"],
  "staff reset email soon after the email change (confirmed)": [
    "staff.reset_sent",
    "token.issued",
    "email.queued",
    "alert.link_sent_after_email_change",
  ],
  "staff recovery codes issued": ["second_factor.recovery_codes_issued"],
  "staff signs in with a recovery code": ["second_factor.recovery_code_used"],
  "emailed code sent": ["second_factor.email_code_sent", "email.queued"],
  "emailed code, right": ["second_factor.email_code_used"],
  "trust this device": ["second_factor.trusted_device_added"],
  "sign-in on a trusted device": ["second_factor.trusted_device_used"],
  "sign out everywhere": ["patient.signed_out_everywhere", "second_factor.trusted_devices_forgotten"],
  "passkey added": ["second_factor.added"],
  "passkey sign-in": ["second_factor.passkey_used", "patient.signed_in"],
};
// Events that must carry the acting staff member's id.
const STAFF_ACTOR_EVENTS = [
  "staff.signed_in",
  "patient.basic_data_changed",
  "patient.email_changed",
  "staff.invitation_sent",
  "staff.reset_sent",
  "alert.link_sent_after_email_change",
  "second_factor.recovery_codes_issued",
  "second_factor.recovery_code_used",
];
// Flows that must write nothing in the name of a patient other than the one concerned (or none).
const NEVER = ["patient.signed_in", "patient.activated"];

describe("the secret scanner itself", () => {
  it("finds planted secrets in any of their forms, and ignores digits inside hashes and UUIDs", () => {
    const book = new SecretBook();
    book.addDob("dob", "1957-11-23");
    book.addZip("zip", "80917-4321");
    book.add("password", "pw", "Velvet Harbour");
    const planted = [
      '{"details":{"note":"born 11/23/1957"}}',
      '{"details":{"dob":"19571123"}}',
      '{"details":{"zip":80917}}',
      '{"details":{"zip":"809174321"}}',
      '{"details":{"typed":"velvet harbour"}}',
    ];
    for (const row of planted) expect(findLeaks("t", [row.toLowerCase()], book.all), row).not.toEqual([]);
    const innocent = [
      '{"id":"a80917bc-0000-4000-8000-000000000000","hash":"ff19571123ee","at":"2026-01-01t10:00:00.809174+00:00"}',
    ];
    expect(findLeaks("t", innocent, book.all)).toEqual([]);
    // Second-factor secrets: an emailed code, a recovery code as shown and as typed, a device token.
    const codes = new SecretBook();
    codes.add("code", "emailed code", "402917");
    codes.add("code", "recovery code", "7kq2-m9xa-04fz");
    codes.add("code", "recovery code, typed", "7kq2m9xa04fz");
    codes.add("token", "trusted device token", "Qm9uZCBKYW1lcyBCb25kIDAwNyBsaWNlbnNlIHRvIGtpbGw");
    for (const row of [
      '{"details":{"code":"402917"}}',
      '{"details":{"typed":"402917 "}}',
      '{"details":{"note":"used 7KQ2-M9XA-04FZ"}}',
      '{"details":{"typed":"7kq2m9xa04fz"}}',
      '{"details":{"device":"qm9uzcbkyw1lcybcb25kidawnybsawnlbnnlihrvigtpbgw"}}',
    ])
      expect(findLeaks("t", [row.toLowerCase()], codes.all), row).not.toEqual([]);
    // A timestamp's microseconds or a hash that happen to hold the same digits are not the code.
    expect(findLeaks("t", ['{"at":"2031-05-04t08:00:00.402917+00:00","hash":"ab402917cd"}'], codes.of("code"))).toEqual(
      [],
    );
    expect(() => book.add("zip", "too short", "123")).toThrow();
  });
});

describe.each(DB_KINDS)("audit trail: PHI-minimal, append-only, complete (%s)", (kind) => {
  let t: TestDb;
  const secrets = new SecretBook();
  const observed: Record<string, Observed> = {};
  let staffId = "";
  const STAFF_TOTP = newTotpSecret();
  // A right password and, for staff, the app's code: the whole sign-in as the actions run it.
  const patientSignIn = async (username: string, password: string) => {
    const step = await patientPasswordStep(t.db, { username, password, address: "audit-scan", now: at() });
    return step.outcome === "done" ? completeSignIn(t.db, { passed: step.passed, now: at() }) : step;
  };
  const staffSignIn = async (email: string, password: string) => {
    const step = await staffPasswordStep(t.db, { email, password, address: "audit-scan", now: at() });
    if (step.outcome !== "second_step") return step;
    const pending = await findPendingSignIn(t.db, { token: step.token, now: at() });
    const code = totpCodeAt(STAFF_TOTP, totpStepAt(at()));
    await checkSecondStep(t.db, { pending: pending!, method: "totp", code, address: "audit-scan", now: at() });
    return completeSignIn(t.db, { token: step.token, now: at() });
  };
  const ids: Record<string, string> = {};
  let ip = 0;
  // A simulated clock, moved on between groups of flows so the per-recipient email cap (3 an hour, counting the
  // "password changed" notices) does not hold back a link this test needs.
  const start = Date.now();
  let hoursLater = 0;
  let tick = 0;
  const at = () => new Date(start + hoursLater * 3_600_000 + ++tick * 1_000);
  const advanceHours = (h: number) => {
    hoursLater += h;
  };

  async function lastAuditId(): Promise<number> {
    const [r] = await queryRows<{ m: number | string | null }>(t.db, sql`select max(id) as m from audit_events`);
    return Number(r.m ?? 0);
  }

  /** Runs one flow and keeps the audit rows it wrote. */
  async function flow<T>(name: string, run: () => Promise<T>): Promise<T> {
    const before = await lastAuditId();
    const result = await run();
    const rows = await queryRows<AuditRow>(
      t.db,
      sql`select id, event, actor_type, actor_staff_id, patient_id, details from audit_events where id > ${before} order by id`,
    );
    observed[name] = { events: rows.map((r) => r.event), rows, result };
    return result;
  }

  async function verify(flowKind: VerificationFlow, details: TypedDetails) {
    secrets.add("email", "typed email", details.email);
    secrets.add("name", "typed last name", details.lastName);
    secrets.add("name", "typed last name, normalised", normalizeLastName(details.lastName));
    secrets.addDob("typed date of birth", details.dateOfBirth);
    secrets.addZip("typed ZIP", details.zip);
    await requestVerification(t.db, { flow: flowKind, details, ipHash: `audit-ip-${++ip}`, now: at() });
    while ((await processVerifications(t.db, { now: at })) > 0);
  }

  /** The token in the newest sealed email of `template` to `recipient`. */
  async function latestToken(recipient: string, template: EmailMessage["template"]): Promise<string> {
    const rows = await queryRows<{ sealed_secret: string }>(
      t.db,
      sql`select sealed_secret from email_outbox where lower(recipient) = ${recipient.toLowerCase()} and template = ${template}
          and sealed_secret is not null order by created_at desc limit 1`,
    );
    expect(rows, `no ${template} email to ${recipient}`).toHaveLength(1);
    const token = /token=([A-Za-z0-9_-]{43})/.exec(JSON.stringify(unseal(rows[0].sealed_secret)))?.[1];
    expect(token).toBeDefined();
    return token!;
  }

  async function addPatient(p: typeof P1) {
    for (const [k, v] of Object.entries(p)) {
      if (k === "dateOfBirth") secrets.addDob(`on-file DOB (${p.lastName})`, v);
      else if (k === "zip") secrets.addZip(`on-file ZIP (${p.lastName})`, v);
      else if (k === "email") secrets.add("email", `on-file email (${p.lastName})`, v);
      else secrets.add("name", `on-file ${k}`, v);
    }
    secrets.add("name", `on-file last name, normalised`, normalizeLastName(p.lastName));
    return insertPatient(t.db, { ...p, portalAccessEnabled: true });
  }

  beforeAll(async () => {
    t = await openTestDb(kind);
    for (const [label, pw] of Object.entries(PW)) secrets.add("password", label, pw);
    secrets.add("password", "staff password", STAFF.password);
    secrets.add("token", "staff authenticator key", STAFF_TOTP);
    for (const [label, u] of Object.entries(USERNAMES)) secrets.add("username", label, u);
    secrets.add("email", "staff email", STAFF.email);
    secrets.add("email", "unknown staff email", GHOST_STAFF_EMAIL);
    for (const [k, v] of Object.entries(P3_NEW)) {
      if (k === "dateOfBirth") secrets.addDob("new DOB", v);
      else if (k === "zip") secrets.addZip("new ZIP", v);
      else if (k === "email") secrets.add("email", "new email", v);
      else secrets.add("name", `new ${k}`, v);
    }

    const created = await createStaffUser(t.db, {
      name: STAFF.name,
      email: STAFF.email,
      role: "admin",
      password: STAFF.password,
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    staffId = created.id;
    // Staff sign in with a second step: an authenticator app whose key the scan must never find anywhere.
    await insertTotpFactor(t.db, {
      owner: staffRef(staffId),
      name: "Phone",
      secretSealed: seal(STAFF_TOTP),
      acceptedStep: 0,
      now: at(),
    });
    ids.p1 = (await addPatient(P1)).id;
    ids.p2 = (await addPatient(P2)).id;
    const p3 = await addPatient(P3);
    ids.p3 = p3.id;
    await insertAccount(t.db, p3.id, { username: USERNAMES.p3, password: PW.p3Original, activated: true });

    const p1Typed = {
      email: P1.email.toLowerCase(),
      lastName: "quillfeather nunez",
      dateOfBirth: P1.dateOfBirth,
      zip: P1.zip.slice(0, 5),
    };

    // Self-service create account: right details, then wrong ones, then an email nobody has.
    await flow("register, details match", () => verify("register", p1Typed));
    await flow("register, details do not match", () => verify("register", { email: P2.email.toLowerCase(), ...WRONG }));
    await flow("forgot password, unknown email", () => verify("forgot_password", STRANGER));

    // The setup link: a refused password first (the link survives), then the real one, then the link again.
    const setupToken = await latestToken(P1.email, "setup_link");
    secrets.add("token", "P1 setup token", setupToken);
    await flow("setup link, weak password refused", () =>
      setPasswordWithLink(t.db, {
        token: setupToken,
        purpose: "setup",
        username: USERNAMES.p1,
        password: PW.p1Weak,
        now: at(),
      }),
    );
    await flow("setup link completed", () =>
      setPasswordWithLink(t.db, {
        token: setupToken,
        purpose: "setup",
        username: USERNAMES.p1,
        password: PW.p1Setup,
        now: at(),
      }),
    );
    await flow("setup link used again (refused)", () =>
      setPasswordWithLink(t.db, {
        token: setupToken,
        purpose: "setup",
        username: "someone.else",
        password: PW.p1Setup,
        now: at(),
      }),
    );
    await flow("unknown link submitted (refused)", () =>
      setPasswordWithLink(t.db, { token: "A".repeat(43), purpose: "reset", password: PW.p1Setup, now: at() }),
    );

    // Patient sign-in, wrong and right; change password; forgot password with a reset link; forgot username.
    await flow("patient sign-in, wrong password", () =>
      verifyPatientCredentials(t.db, { username: USERNAMES.p1, password: PW.p1Wrong, now: at() }),
    );
    await flow("patient sign-in, unknown username", () =>
      verifyPatientCredentials(t.db, { username: USERNAMES.unknown, password: PW.p1Setup, now: at() }),
    );
    await flow("patient sign-in, right (first)", () => patientSignIn(USERNAMES.p1.toUpperCase(), PW.p1Setup));
    await flow("patient sign-in, right (again)", () => patientSignIn(USERNAMES.p1, PW.p1Setup));
    await flow("change password, wrong current (refused)", () =>
      changePassword(t.db, { patientId: ids.p1, current: PW.p1WrongCurrent, password: PW.p1Changed, now: at() }),
    );
    await flow("change password", () =>
      changePassword(t.db, { patientId: ids.p1, current: PW.p1Setup, password: PW.p1Changed, now: at() }),
    );
    advanceHours(2);
    await flow("forgot password, details match", () =>
      verify("forgot_password", { ...p1Typed, lastName: "QUILLFEATHER-NÚÑEZ", zip: P1.zip }),
    );
    const resetToken = await latestToken(P1.email, "reset_link");
    secrets.add("token", "P1 reset token", resetToken);
    await flow("reset link completed", () =>
      setPasswordWithLink(t.db, { token: resetToken, purpose: "reset", password: PW.p1Reset, now: at() }),
    );
    await flow("patient sign-in after reset", () => patientSignIn(USERNAMES.p1, PW.p1Reset));
    advanceHours(2);
    await flow("forgot username", () => verify("forgot_username", { ...p1Typed, dateOfBirth: P1.dateOfBirth }));

    // Staff sign-in, right and wrong.
    await flow("staff sign-in, right", () => staffSignIn(STAFF.email.toLowerCase(), STAFF.password));
    await flow("staff sign-in, wrong password", () =>
      verifyStaffCredentials(t.db, { email: STAFF.email.toLowerCase(), password: PW.staffWrong, now: at() }),
    );
    await flow("staff sign-in, unknown email", () =>
      verifyStaffCredentials(t.db, { email: GHOST_STAFF_EMAIL.toLowerCase(), password: PW.staffUnknown, now: at() }),
    );

    // A staff invitation, completed by the patient, who then signs in.
    await flow("staff invitation (no account yet)", () =>
      t.db.transaction((tx) => sendPortalInvitation(tx, { patientId: ids.p2, staffId, via: "staff", now: at() })),
    );
    const inviteToken = await latestToken(P2.email, "setup_link");
    secrets.add("token", "P2 invitation token", inviteToken);
    // Someone else's username first: refused before any hashing, audited without the username.
    await flow("invitation setup, username taken (refused)", () =>
      setPasswordWithLink(t.db, {
        token: inviteToken,
        purpose: "setup",
        username: USERNAMES.p1.toUpperCase(),
        password: PW.p2Setup,
        now: at(),
      }),
    );
    await flow("invitation setup completed", () =>
      setPasswordWithLink(t.db, {
        token: inviteToken,
        purpose: "setup",
        username: USERNAMES.p2,
        password: PW.p2Setup,
        now: at(),
      }),
    );
    await flow("invited patient signs in", () => patientSignIn(USERNAMES.p2, PW.p2Setup));

    // Staff edit Basic Data, changing the email (and name, DOB, ZIP), then send a reset email to the new address.
    const edited = basicDataSchema.parse({
      ...P3,
      ...P3_NEW,
      dateOfBirth: "08/16/1971",
      addressLine2: "",
      city: "Colorado Springs",
      state: "co",
    });
    await flow("staff Basic Data edit with an email change", () =>
      updateBasicData(t.db, { patientId: ids.p3, expectedVersion: p3.version, data: edited, staffId, now: at() }),
    );
    await flow("staff Basic Data edit, no email change", () =>
      updateBasicData(t.db, {
        patientId: ids.p3,
        expectedVersion: p3.version + 1,
        data: { ...edited, city: "Pueblo" },
        staffId,
        now: at(),
      }),
    );
    await flow("staff reset email soon after the email change (unconfirmed, refused)", () =>
      t.db.transaction((tx) => sendPortalInvitation(tx, { patientId: ids.p3, staffId, via: "staff", now: at() })),
    );
    await flow("staff reset email soon after the email change (confirmed)", () =>
      t.db.transaction((tx) =>
        sendPortalInvitation(tx, { patientId: ids.p3, staffId, via: "staff", emailChangeConfirmed: true, now: at() }),
      ),
    );
    secrets.add("token", "P3 staff reset token", await latestToken(P3_NEW.email, "reset_link"));

    // Second factors: the staff member's recovery codes; an emailed code for P1, wrong then right; a trusted
    // device, used, then forgotten by "sign out everywhere".
    advanceHours(2);
    const recoveryCodes = await flow("staff recovery codes issued", () =>
      t.db.transaction((tx) => issueRecoveryCodes(tx, { staffId, now: at() })),
    );
    for (const [i, c] of recoveryCodes.entries()) {
      secrets.add("code", `recovery code ${i}`, c);
      secrets.add("code", `recovery code ${i}, typed without hyphens`, c.replaceAll("-", ""));
    }
    const wrongRecovery = "zzzz-zzzz-zzzz";
    secrets.add("code", "wrong recovery code typed", wrongRecovery);
    await flow("staff recovery code, wrong (refused)", () =>
      t.db.transaction((tx) => useRecoveryCode(tx, { staffId, typed: wrongRecovery, now: at() })),
    );
    await flow("staff signs in with a recovery code", () =>
      t.db.transaction((tx) => useRecoveryCode(tx, { staffId, typed: recoveryCodes[0].toUpperCase(), now: at() })),
    );
    await flow("emailed code sent", () =>
      t.db.transaction((tx) => sendEmailCode(tx, { patientId: ids.p1, purpose: "sign_in", now: at() })),
    );
    const [sealedCode] = await queryRows<{ sealed_secret: string }>(
      t.db,
      sql`select sealed_secret from email_outbox where patient_id = ${ids.p1} and template = 'sign_in_code'`,
    );
    const emailedCode = unseal<{ code: string }>(sealedCode.sealed_secret).code;
    secrets.add("code", "P1 emailed code", emailedCode);
    const wrongCode = ((Number(emailedCode) + 1) % 1_000_000).toString().padStart(6, "0");
    secrets.add("code", "P1 wrong emailed code typed", wrongCode);
    await flow("emailed code, wrong (refused)", () =>
      t.db.transaction((tx) =>
        checkEmailCode(tx, { patientId: ids.p1, purpose: "sign_in", typed: wrongCode, now: at() }),
      ),
    );
    await flow("emailed code, right", () =>
      t.db.transaction((tx) =>
        checkEmailCode(tx, { patientId: ids.p1, purpose: "sign_in", typed: emailedCode, now: at() }),
      ),
    );
    const deviceToken = await flow("trust this device", () =>
      t.db.transaction((tx) => trustDevice(tx, { patientId: ids.p1, now: at() })),
    );
    secrets.add("token", "P1 trusted device token", deviceToken);
    await flow("sign-in on a trusted device", () =>
      isTrustedDevice(t.db, { patientId: ids.p1, token: deviceToken, now: at() }),
    );
    await flow("sign out everywhere", () => signOutPatientEverywhere(t.db, { patientId: ids.p1 }));
    await flow("trusted device after sign out everywhere (refused)", () =>
      isTrustedDevice(t.db, { patientId: ids.p1, token: deviceToken, now: at() }),
    );
    // A passkey, added and used to sign in: its credential id must not reach the audit trail.
    const authenticator = createSoftAuthenticator({ origin: getConfig().APP_URL });
    const registration = authenticator.register(
      await passkeyRegistrationOptions(t.db, {
        owner: patientRef(ids.p1),
        userName: USERNAMES.p1,
        userDisplayName: P1.firstName,
        now: new Date(),
      }),
    );
    // Kept (as it must be) in second_factors, so only the audit trail is searched for it.
    secrets.add("credential", "P1 passkey credential id", registration.id);
    await flow("passkey added", () =>
      savePasskey(t.db, { owner: patientRef(ids.p1), response: registration, name: "Laptop", now: new Date() }),
    );
    await flow("passkey sign-in", async () => {
      const options = await passkeySignInOptions(t.db, { now: new Date() });
      const step = await passkeySignIn(t.db, {
        kind: "patient",
        response: authenticator.authenticate(options),
        address: "audit-scan",
        now: new Date(),
      });
      return step.outcome === "done" ? completeSignIn(t.db, { token: step.token, now: new Date() }) : step;
    });

    // Failures up to the lock (a minute apart, past the waits between them), then one more while locked.
    const aMinuteOn = () => {
      tick += 60;
      return at();
    };
    for (let i = 1; i < LOCKOUT.maxFailures; i++)
      await verifyPatientCredentials(t.db, { username: USERNAMES.p3, password: PW.p3Wrong, now: aMinuteOn() });
    await flow("patient sign-in failure that sets the lock", () =>
      verifyPatientCredentials(t.db, { username: USERNAMES.p3, password: PW.p3Wrong, now: aMinuteOn() }),
    );
    await flow("patient sign-in while locked", () =>
      verifyPatientCredentials(t.db, { username: USERNAMES.p3, password: PW.p3Original, now: at() }),
    );

    // Every token ever emailed, whatever the flow, is a secret too.
    const sealed = await queryRows<{ sealed_secret: string }>(
      t.db,
      sql`select sealed_secret from email_outbox where sealed_secret is not null`,
    );
    for (const { sealed_secret } of sealed) {
      const message = JSON.stringify(unseal(sealed_secret));
      for (const m of message.matchAll(/token=([A-Za-z0-9_-]{43})/g)) secrets.add("token", "emailed token", m[1]);
      for (const m of message.matchAll(/"code":"(\d{6})"/g)) secrets.add("code", "emailed code", m[1]);
    }
  }, 300_000);
  afterAll(() => t?.close());

  it("the flows did what they should (sanity: the scan below looks at real data)", () => {
    expect(observed["setup link, weak password refused"].result).toMatchObject({ ok: false, reason: "password" });
    expect(observed["setup link completed"].result).toEqual({ ok: true, username: USERNAMES.p1 });
    expect(observed["setup link used again (refused)"].result).toEqual({ ok: false, reason: "link", state: "used" });
    expect(observed["patient sign-in, right (first)"].result).toMatchObject({ id: ids.p1, kind: "patient" });
    expect(observed["patient sign-in, wrong password"].result).toEqual({ ok: false, reason: "invalid" });
    expect(observed["change password"].result).toEqual({ ok: true });
    expect(observed["reset link completed"].result).toEqual({ ok: true, username: USERNAMES.p1 });
    expect(observed["patient sign-in after reset"].result).toMatchObject({ id: ids.p1, kind: "patient" });
    expect(observed["staff sign-in, right"].result).toMatchObject({ id: staffId });
    expect(observed["staff sign-in, wrong password"].result).toBeNull();
    expect(observed["invitation setup, username taken (refused)"].result).toEqual({
      ok: false,
      reason: "username_taken",
    });
    expect(observed["invitation setup completed"].result).toEqual({ ok: true, username: USERNAMES.p2 });
    expect(observed["staff Basic Data edit with an email change"].result).toMatchObject({
      ok: true,
      emailChanged: true,
    });
    expect(observed["staff reset email soon after the email change (unconfirmed, refused)"].result).toMatchObject({
      ok: false,
      reason: "confirm_email_change",
    });
    expect(observed["staff reset email soon after the email change (confirmed)"].result).toMatchObject({
      ok: true,
      kind: "reset",
    });
    expect(observed["patient sign-in while locked"].result).toEqual({ ok: false, reason: "invalid" });
    expect(secrets.of("token").length).toBeGreaterThanOrEqual(4);
    expect(secrets.of("dob").length).toBeGreaterThan(20);
    expect(observed["staff recovery code, wrong (refused)"].result).toBe(false);
    expect(observed["staff signs in with a recovery code"].result).toBe(true);
    expect(observed["emailed code sent"].result).toEqual({ sent: true });
    expect(observed["emailed code, wrong (refused)"].result).toBe("wrong");
    expect(observed["emailed code, right"].result).toBe("ok");
    expect(observed["sign-in on a trusted device"].result).toBe(true);
    expect(observed["trusted device after sign out everywhere (refused)"].result).toBe(false);
    expect(secrets.of("code").length).toBeGreaterThanOrEqual(2 * 10 + 3);
  });

  it("lists the events each flow wrote", () => {
    const table = Object.entries(observed).map(([name, o]) => `${name}: ${o.events.join(", ") || "(none)"}`);
    console.log(`[${kind}] audit events per flow:\n  ${table.join("\n  ")}`);
    expect(table.length).toBeGreaterThan(20);
  });

  it("A2: no row of audit_events holds a password, token, code, passkey credential id, date of birth, ZIP, name, or plain email", async () => {
    const rows = await dumpRows(t.db, sql`select to_jsonb(a) as row from audit_events a order by id`);
    expect(rows.length).toBeGreaterThan(40);
    const leaks = findLeaks(
      "audit_events",
      rows,
      secrets.of("password", "token", "code", "credential", "dob", "zip", "name", "email"),
    );
    expect(leaks, describeLeaks(leaks)).toEqual([]);
  });

  it("A2: emails are in audit_events only as an HMAC: each failed staff sign-in names the typed email by its keyed hash", async () => {
    const failed = [
      ...observed["staff sign-in, wrong password"].rows,
      ...observed["staff sign-in, unknown email"].rows,
    ].filter((r) => r.event === "staff.sign_in_failed");
    expect(failed.map((r) => r.details.email)).toEqual([emailHmac(STAFF.email), emailHmac(GHOST_STAFF_EMAIL)]);
    for (const r of failed) expect(r.details.email).toMatch(/^[0-9a-f]{32}$/);
    // Any value shaped like an email anywhere in the trail is a leak.
    const rows = await dumpRows(t.db, sql`select to_jsonb(a) as row from audit_events a`);
    expect(rows.filter((r) => /[a-z0-9._%+-]+@[a-z0-9-]+\.[a-z]{2,}/.test(r))).toEqual([]);
  });

  it("A2: usernames are not in audit_events either", async () => {
    const rows = await dumpRows(t.db, sql`select to_jsonb(a) as row from audit_events a`);
    const leaks = findLeaks("audit_events", rows, secrets.of("username"));
    expect(leaks, describeLeaks(leaks)).toEqual([]);
  });

  it("verification_attempts, once processed, hold no typed details: input wiped, email only as its HMAC", async () => {
    const [pending] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from verification_attempts where processed_at is null or sealed_input is not null`,
    );
    expect(pending.n).toBe(0);
    const rows = await dumpRows(t.db, sql`select to_jsonb(v) as row from verification_attempts v`);
    expect(rows.length).toBe(5);
    const leaks = findLeaks(
      "verification_attempts",
      rows,
      secrets.of("password", "token", "dob", "zip", "name", "email", "username"),
    );
    expect(leaks, describeLeaks(leaks)).toEqual([]);
    const hmacs = await queryRows<{ email_hmac: string }>(t.db, sql`select email_hmac from verification_attempts`);
    const expected = [P1.email, P2.email, STRANGER.email].map(emailHmac);
    for (const { email_hmac } of hmacs) expect(expected).toContain(email_hmac);
  });

  it("account_tokens hold only token hashes: no raw token, password or PHI", async () => {
    const rows = await dumpRows(t.db, sql`select to_jsonb(a) as row from account_tokens a`);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const leaks = findLeaks("account_tokens", rows, secrets.all);
    expect(leaks, describeLeaks(leaks)).toEqual([]);
  });

  it("email_outbox, apart from sealed_secret and recipient, holds no token, password, PHI or username", async () => {
    const rows = await dumpRows(
      t.db,
      sql`select to_jsonb(o) - 'sealed_secret' - 'recipient' as row from email_outbox o`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const leaks = findLeaks("email_outbox", rows, secrets.all);
    expect(leaks, describeLeaks(leaks)).toEqual([]);
  });

  it("T2, M5, M7, M8: no table anywhere holds a raw emailed token, device token, code or plaintext password (sealed columns aside)", async () => {
    const dump = await dumpDatabase(t.db, { email_outbox: ["sealed_secret"], verification_attempts: ["sealed_input"] });
    expect(Object.keys(dump)).toEqual(
      expect.arrayContaining([
        "audit_events",
        "patients",
        "portal_accounts",
        "staff_users",
        "account_tokens",
        "email_outbox",
        "recovery_codes",
        "email_codes",
        "trusted_devices",
      ]),
    );
    expect(dump.recovery_codes).toHaveLength(10);
    expect(dump.email_codes).toHaveLength(1);
    const leaks = Object.entries(dump).flatMap(([table, rows]) =>
      findLeaks(table, rows, secrets.of("password", "token", "code")),
    );
    expect(leaks, describeLeaks(leaks)).toEqual([]);
  });

  it("A2: UPDATE, DELETE and TRUNCATE on audit_events are refused, and the trail is unchanged", async () => {
    const before = await dumpRows(t.db, sql`select to_jsonb(a) as row from audit_events a order by id`);
    const attempts = [
      sql`update audit_events set event = 'tampered' where id = (select min(id) from audit_events)`,
      sql`update audit_events set details = '{}'::jsonb`,
      sql`delete from audit_events where id = (select max(id) from audit_events)`,
      sql`delete from audit_events`,
      sql`truncate audit_events`,
    ];
    // 42501 is what the append-only trigger raises (insufficient_privilege); the test role may do anything else.
    for (const q of attempts) expect(await failure(t.db.execute(q))).toBe("DatabaseError audit_events 42501");
    // Inside a transaction too: the refusal rolls the transaction back.
    await expect(
      t.db.transaction(async (tx) => {
        await tx.execute(sql`update audit_events set actor_staff_id = null where actor_staff_id is not null`);
      }),
    ).rejects.toThrow();
    expect(await dumpRows(t.db, sql`select to_jsonb(a) as row from audit_events a order by id`)).toEqual(before);
    // Appending still works.
    await t.db.execute(sql`insert into audit_events (actor_type, event) values ('system', 'test.append_still_works')`);
    expect((await dumpRows(t.db, sql`select to_jsonb(a) as row from audit_events a`)).length).toBe(before.length + 1);
  });

  describe("A1: each flow wrote its events", () => {
    it.each(Object.entries(ESSENTIAL))("%s: %j", (name, events) => {
      const seen = observed[name]?.events ?? [];
      expect(seen, `observed: ${seen.join(", ")}`).toEqual(expect.arrayContaining(events));
    });

    it("staff actions carry the staff member's id; patient events carry the patient's id", () => {
      for (const o of Object.values(observed)) {
        for (const r of o.rows) {
          if (STAFF_ACTOR_EVENTS.includes(r.event)) expect(r.actor_staff_id, r.event).toBe(staffId);
          if (r.event.startsWith("patient.") || r.event.startsWith("account.")) {
            if (!(r.event === "patient.sign_in_failed" && r.details.reason === "unknown"))
              expect(r.patient_id, r.event).not.toBeNull();
          }
        }
      }
      const edit = observed["staff Basic Data edit with an email change"].rows.find(
        (r) => r.event === "patient.basic_data_changed",
      )!;
      expect(edit.patient_id).toBe(ids.p3);
      expect([...(edit.details.fields as string[])].sort()).toEqual([
        "addressLine1",
        "city",
        "dateOfBirth",
        "email",
        "lastName",
        "phone",
        "state",
        "zip",
      ]);
    });

    it("failed and refused flows do not write success events", () => {
      for (const name of [
        "patient sign-in, wrong password",
        "patient sign-in, unknown username",
        "patient sign-in while locked",
        "change password, wrong current (refused)",
        "setup link, weak password refused",
        "setup link used again (refused)",
      ]) {
        for (const e of [...NEVER, "account.created", "account.password_reset", "account.password_changed"])
          expect(observed[name].events, name).not.toContain(e);
      }
      expect(observed["staff sign-in, wrong password"].events).not.toContain("staff.signed_in");
      expect(observed["staff Basic Data edit, no email change"].events).not.toContain("patient.email_changed");
      expect(observed["staff reset email soon after the email change (unconfirmed, refused)"].events).toEqual([]);
    });

    it("second-factor refusals write no success event; second-factor events name their staff member or patient", () => {
      expect(observed["staff recovery code, wrong (refused)"].events).toEqual([]);
      expect(observed["emailed code, wrong (refused)"].events).toEqual([]);
      expect(observed["trusted device after sign out everywhere (refused)"].events).toEqual([]);
      for (const o of Object.values(observed))
        for (const r of o.rows.filter((row) => row.event.startsWith("second_factor."))) {
          if (r.event.startsWith("second_factor.recovery_code")) expect(r.actor_staff_id, r.event).toBe(staffId);
          else expect(r.patient_id, r.event).toBe(ids.p1);
        }
    });

    it("verification outcomes are recorded without what was typed: outcome, reply and mismatched field names", () => {
      const [mismatch] = observed["register, details do not match"].rows.filter(
        (r) => r.event === "verification.processed",
      );
      expect(mismatch.details).toMatchObject({ flow: "register", outcome: "no_match", reply: "could_not_verify" });
      expect([...(mismatch.details.mismatched as string[])].sort()).toEqual(["date_of_birth", "last_name", "zip"]);
      expect(mismatch.patient_id).toBe(ids.p2);
      const [match] = observed["register, details match"].rows.filter((r) => r.event === "verification.processed");
      expect(match.details).toMatchObject({ flow: "register", outcome: "matched", reply: "setup_link" });
      expect(match.patient_id).toBe(ids.p1);
    });

    // A1 lists "tokens issued/used/rejected" and "locks": these are written by no flow today.
    it("A1: using a link writes token.used", () => {
      for (const name of ["setup link completed", "reset link completed", "invitation setup completed"]) {
        expect(observed[name].events, `${name}: observed ${observed[name].events.join(", ")}`).toContain("token.used");
      }
    });

    it("A1: a refused link submission (used or unknown token) is audited", () => {
      for (const name of ["setup link used again (refused)", "unknown link submitted (refused)"]) {
        expect(
          observed[name].events.filter((e) => e.startsWith("token.")),
          `${name}: observed ${observed[name].events.join(", ") || "(none)"}`,
        ).not.toEqual([]);
      }
    });

    it("A1: the failure that locks the account records the lock", () => {
      const rows = observed["patient sign-in failure that sets the lock"].rows;
      const recordsLock = rows.some(
        (r) => /lock/.test(r.event) || r.details.locked === true || r.details.reason === "locked",
      );
      expect(recordsLock, `observed: ${JSON.stringify(rows.map((r) => [r.event, r.details]))}`).toBe(true);
    });
  });
});
