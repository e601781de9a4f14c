// Every server action is a public POST endpoint (docs/security.md N1): whoever knows its id can call it with any
// body, whatever the pages show. This spec finds every action in the production build itself (Next's server
// reference manifest), calls each one by hand the way a script would, and checks that each is refused without
// a session, with a patient's session where staff is needed, and with a front-desk session where an admin is
// needed, and that nothing changed, as staff see it (and, on PostgreSQL, in every table). Actions meant to be
// called by signed-out visitors are listed below with the reason; any other action, including one added
// tomorrow, must be refused.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
  type PlaywrightWorkerArgs,
} from "@playwright/test";
import { e2eDatabaseUrl, isOwnDatabase, tableFingerprints, waitForIdleWorker, withSql } from "./support/database";
import { DEMO_PATIENT_PASSWORD } from "./support/patient";
import {
  actionResult,
  callAction,
  declaredArgs,
  distDir,
  expectRedirectedTo,
  pathForWorker,
  readServerActions,
  type ActionFields,
  type ServerAction,
} from "./support/server-actions";
import { ADMIN, signInAsStaff } from "./support/staff";

const FRONT_DESK = { email: "frontdesk@demo.clinic", password: "demo-frontdesk-password" };

// Actions a signed-out visitor must be able to call, each with why that is safe.
const PUBLIC_ACTIONS: Record<string, string> = {
  "app/(patient)/register/actions.ts#requestAccountSetup":
    "create-account form for signed-out patients; same answer for every input (V1), emails only the address on file",
  "app/(patient)/forgot-password/actions.ts#requestPasswordReset":
    "forgot-password form for signed-out patients; same answer for every input, emails only the address on file",
  "app/(patient)/forgot-username/actions.ts#requestUsername":
    "forgot-username form for signed-out patients; same answer for every input, emails only the address on file",
  "app/(patient)/login/actions.ts#signInPatient": "the patient sign-in form: there is no session yet by definition",
  "app/(patient)/_lib/language-action.ts#chooseLanguage":
    "'English | Español' on every patient page: sets only the caller's own language cookie, reads and writes no record",
  "app/admin/login/actions.ts#signInStaff": "the staff sign-in form: there is no session yet by definition",
  "app/(patient)/login/actions.ts#patientPasskeyOptions":
    "starts 'Sign in with a passkey': no session yet by definition; limited per address before a challenge is stored",
  "app/(patient)/login/actions.ts#signInPatientWithPasskey":
    "'Sign in with a passkey' (patients): no session yet by definition; the passkey answer is the credential",
  "app/admin/login/actions.ts#staffPasskeyOptions":
    "starts 'Sign in with a passkey': no session yet by definition; limited per address before a challenge is stored",
  "app/admin/login/actions.ts#signInStaffWithPasskey":
    "'Sign in with a passkey' (staff): no session yet by definition; the passkey answer is the credential",
  "app/admin/login/second-step/actions.ts#staffSecondStepPasskeyOptions":
    "second step of a sign-in: refused without a live pending sign-in; limited per address",
  "app/admin/login/second-step/actions.ts#verifyStaffSecondStepPasskey":
    "second step of a sign-in: guarded by the pending sign-in, not by a session",
  "app/admin/login/set-up/actions.ts#staffPasskeyRegistrationOptions":
    "first factor set-up right after the password: refused without a live pending sign-in; limited per address",
  "app/admin/login/set-up/actions.ts#setUpStaffPasskey":
    "first factor set-up right after the password: guarded by the pending sign-in, not by a session",
  "app/(patient)/login/second-step/actions.ts#patientSecondStepPasskeyOptions":
    "second step of a sign-in: refused without a live pending sign-in; limited per address",
  "app/(patient)/login/second-step/actions.ts#verifyPatientSecondStepPasskey":
    "second step of a sign-in: guarded by the pending sign-in, not by a session",
  "app/(patient)/setup-account/actions.ts#completeAccountSetup":
    "guarded by the single-use emailed setup token, not by a session",
  "app/(patient)/reset-password/actions.ts#completePasswordReset":
    "guarded by the single-use emailed reset token, not by a session",
  "app/(patient)/second-step-help/actions.ts#requestSecondStepHelp":
    "cannot-get-your-code form for signed-out patients; same answer for every input, emails only the address on file",
  "app/(patient)/second-step-recovery/actions.ts#recoverSecondStepAction":
    "guarded by the single-use emailed second-step recovery token and the account's password, not by a session",
  "app/staff-setup/actions.ts#completeStaffSetupAction":
    "guarded by the single-use emailed staff invitation token, not by a session",
  "app/(patient)/portal/actions.ts#signOutPatient":
    "ends only the caller's own session; without one there is nothing to end",
  "app/(patient)/portal/actions.ts#signOutIdlePatient":
    "ends only the caller's own session; without one there is nothing to end",
  "app/admin/(staff)/actions.ts#signOutStaff":
    "ends only the caller's own session; without one there is nothing to end",
  "app/admin/(staff)/actions.ts#signOutIdleStaff":
    "ends only the caller's own session; without one there is nothing to end",
  "app/admin/login/second-step/actions.ts#verifyStaffSecondStep":
    "the second step of a sign-in: guarded by the half-done sign-in's single-use cookie (M4), not a session",
  "app/admin/login/set-up/actions.ts#setUpStaffAuthenticator":
    "a staff member's first factor, set up within their half-done sign-in (M1, M4), before any session exists",
  "app/admin/login/set-up/actions.ts#continueStaffSignIn":
    "completes a half-done sign-in whose factor was just set up; nothing without that cookie (M4)",
  "app/(patient)/login/second-step/actions.ts#verifyPatientSecondStep":
    "the second step of a sign-in: guarded by the half-done sign-in's single-use cookie (M4), not a session",
  "app/(patient)/login/second-step/actions.ts#sendPatientSignInCode":
    "emails a code to the address on file of the half-done sign-in's patient; nothing without that cookie (M4, M7)",
};

// Actions for a signed-in patient (their own account only).
const PATIENT_ACTIONS = new Set([
  "app/(patient)/portal/actions.ts#changePatientPassword",
  "app/(patient)/portal/actions.ts#signOutEverywhere",
  // Their own second steps (issue 12): every write is scoped to the caller's own account.
  "app/(patient)/portal/second-step/actions.ts#sendAddFactorCode",
  "app/(patient)/portal/second-step/actions.ts#addEmailFactor",
  "app/(patient)/portal/second-step/actions.ts#addPatientAuthenticator",
  "app/(patient)/portal/second-step/actions.ts#patientPasskeyOptions",
  "app/(patient)/portal/second-step/actions.ts#addPatientPasskey",
  "app/(patient)/portal/second-step/actions.ts#removePatientFactor",
  "app/(patient)/portal/second-step/actions.ts#putOffSecondStepOffer",
]);

// Staff actions only admins may call; every other non-public, non-patient action needs any signed-in staff.
const ADMIN_ACTIONS = new Set([
  "app/admin/(staff)/settings/actions.ts#saveReminders",
  "app/admin/(staff)/staff/actions.ts#inviteStaff",
  "app/admin/(staff)/staff/actions.ts#changeRole",
  "app/admin/(staff)/staff/actions.ts#setActive",
  "app/admin/(staff)/staff/actions.ts#resendInvite",
  "app/admin/(staff)/staff/actions.ts#resetSecondStep",
]);

const STAFF_SIGN_IN = "/admin/login";
const PATIENT_SIGN_IN = "/login";

type Ids = { chen: string; picard: string; wei: string; frontDesk: string; chenVersion: string };

// Plausible bodies: what each action's own form sends, aimed at Mei Chen-Park (Unactivated, invite expired),
// Jean-Luc Picard (Active, has an account) and the front-desk staff member, so that an action that ran would
// show a change on their pages.
function fieldsFor(a: ServerAction, ids: Ids): ActionFields {
  const basic = {
    firstName: "Mei",
    lastName: "Changed-By-Attacker",
    dateOfBirth: "11/05/1994",
    email: "attacker@evil.example",
    zip: "62722",
    city: "Nowhere",
    state: "IL",
  };
  const byName: Record<string, ActionFields> = {
    changePatientPassword: {
      patientId: ids.wei,
      current: DEMO_PATIENT_PASSWORD,
      password: "attacker chose this passphrase",
      confirm: "attacker chose this passphrase",
    },
    signOutEverywhere: { patientId: ids.wei },
    confirmBulkInvitations: { id: [ids.chen], all: "", q: "" },
    savePortalAccess: { patientId: ids.chen },
    sendInvitation: { patientId: ids.chen, emailChangeConfirmed: "on" },
    unlockPatientAccount: { patientId: ids.picard },
    removeSecondStep: { patientId: ids.picard, callerVerified: "on" },
    saveBasicData: { patientId: ids.chen, version: ids.chenVersion, ...basic },
    addPatientAction: {
      chartNumber: "MRN-ATTACK-1",
      firstName: "Mallory",
      lastName: "Attacker",
      dateOfBirth: "01/01/1990",
      email: "mallory@evil.example",
      zip: "62799",
      portalAccessEnabled: "on",
    },
    saveReminders: { enabled: "on", afterDays: "3", maxReminders: "9" },
    inviteStaff: { name: "Mallory Attacker", email: "mallory@evil.example", role: "admin" },
    changeRole: { staffId: ids.frontDesk, role: "admin" },
    setActive: { staffId: ids.frontDesk, active: "false" },
    resendInvite: { staffId: ids.frontDesk },
    resetSecondStep: { staffId: ids.frontDesk },
    makeNewRecoveryCodes: { password: FRONT_DESK.password },
  };
  if (byName[a.exportedName]) return byName[a.exportedName];
  // An action this spec does not know yet gets every field the known ones use.
  return Object.assign({}, ...Object.values(byName), { patientId: ids.chen, id: ids.chen, staffId: ids.frontDesk });
}

function pathFor(a: ServerAction, ids: Ids): string {
  expect(a.workers.length, `${a.key} is bundled in no page`).toBeGreaterThan(0);
  return pathForWorker(a.workers[0], { id: ids.chen });
}

type Kind = "public" | "patient" | "staff" | "admin";
function kindOf(a: ServerAction): Kind {
  if (PUBLIC_ACTIONS[a.key]) return "public";
  if (PATIENT_ACTIONS.has(a.key)) return "patient";
  if (ADMIN_ACTIONS.has(a.key)) return "admin";
  return "staff";
}

// ---------------------------------------------------------------------------------------------------------
// What staff see, before and after: every page an action above could change.

async function patientIdFromList(page: Page, search: string, name: string): Promise<string> {
  await page.goto(`/admin?q=${encodeURIComponent(search)}`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("region", { name: "Patient information" })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

async function staffView(page: Page, ids: Ids): Promise<Record<string, unknown>> {
  const view: Record<string, unknown> = {};
  await page.goto("/admin");
  view.counts = await page.getByRole("navigation", { name: "Filter by portal status" }).innerText();
  for (const [who, id] of [
    ["chen", ids.chen],
    ["picard", ids.picard],
    ["wei", ids.wei],
  ] as const) {
    await page.goto(`/admin/patients/${id}`);
    const block = page.getByRole("region", { name: "Patient information" });
    view[`${who}.status`] = await block.getByRole("img", { name: /^Portal status:/ }).getAttribute("aria-label");
    view[`${who}.name`] = await block.locator(".patient-name").innerText();
    view[`${who}.activityLength`] = await page.locator(".activity .timeline > li").count();
    view[`${who}.activity`] = await page.locator(".activity").innerText();
    await page.goto(`/admin/patients/${id}/edit?tab=portal`);
    view[`${who}.portalTab`] = await page.locator(".portal-tab").innerText();
    view[`${who}.portalAccess`] = await page.getByLabel("Patient Can Access Portal").isChecked();
    await page.goto(`/admin/patients/${id}/edit?tab=basic`);
    view[`${who}.basicData`] = await page
      .locator("main form input")
      .evaluateAll((els) => els.map((e) => `${(e as HTMLInputElement).name}=${(e as HTMLInputElement).value}`));
  }
  await page.goto("/admin/staff");
  view.staff = await page.locator("main table").innerText();
  await page.goto("/admin/settings");
  view.settings = await page
    .locator("main form input")
    .evaluateAll((els) =>
      els.map(
        (e) =>
          `${(e as HTMLInputElement).name}=${(e as HTMLInputElement).type === "checkbox" ? (e as HTMLInputElement).checked : (e as HTMLInputElement).value}`,
      ),
    );
  // The audit trail records every change any action makes. Events the email worker adds on its own (for
  // emails other specs queued) are left out.
  await page.goto("/admin/audit");
  view.audit = (await page.locator("main table tbody tr").allInnerTexts()).filter(
    (t) => !/^\S+ \S+ UTC\s+(Email (queued|sent)|Verification request processed)/.test(t),
  );
  return view;
}

// ---------------------------------------------------------------------------------------------------------

test.describe.configure({ mode: "serial" });

let baseURL: string;
let actions: ServerAction[];
let ids: Ids;
let admin: BrowserContext;
let adminPage: Page;
let frontDesk: BrowserContext;
let picard: BrowserContext;
let wei: BrowserContext;
let dbUrl: string | null;
const markerChart = `MRN-SEC-${randomUUID().slice(0, 8)}`;

async function signedInPatient(
  browser: Browser,
  username: string,
  password: string,
  firstName: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Hello, ${firstName}` })).toBeVisible();
  await page.close();
  return context;
}

async function requestWith(
  playwright: PlaywrightWorkerArgs["playwright"],
  from?: BrowserContext,
): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, storageState: from ? await from.storageState() : undefined });
}

type Snapshot = { ui: Record<string, unknown>; tables: Record<string, string> | null; countersSince: Date };

/**
 * Takes what staff see (and every table, on PostgreSQL) once the background worker has gone quiet. Counters are
 * compared from 9 minutes back: retention deletes none younger than twice the shortest window (5 minutes).
 */
async function snapshot(): Promise<Snapshot> {
  const countersSince = new Date(Date.now() - 9 * 60_000);
  if (dbUrl) await waitForIdleWorker(dbUrl);
  let ui = await staffView(adminPage, ids);
  // On PGlite the worker cannot be watched: wait until two looks in a row agree.
  for (let i = 0; i < 10; i++) {
    await adminPage.waitForTimeout(500);
    const again = await staffView(adminPage, ids);
    if (JSON.stringify(again) === JSON.stringify(ui)) break;
    ui = again;
  }
  return { ui, tables: dbUrl ? await tableFingerprints(dbUrl, countersSince) : null, countersSince };
}

async function expectNothingChanged(before: Snapshot, what: string) {
  const after = {
    ui: await staffView(adminPage, ids),
    tables: dbUrl ? await tableFingerprints(dbUrl, before.countersSince) : null,
  };
  expect(after.ui, `${what}: what staff see changed`).toEqual(before.ui);
  if (dbUrl) expect(after.tables, `${what}: a table changed`).toEqual(before.tables);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  baseURL = test.info().project.use.baseURL!;
  actions = readServerActions(path.dirname(test.info().config.configFile!));
  // Read at once: another run may start and rewrite this shared file later.
  dbUrl = e2eDatabaseUrl(test.info().config.configFile);

  admin = await browser.newContext({ baseURL });
  adminPage = await admin.newPage();
  await signInAsStaff(adminPage, ADMIN);
  // On file: Mei Chen-Park (Unactivated, her invitation expired), Jean-Luc Picard (Active, username jlpicard),
  // Li Wei (Active, username liwei84). No other spec uses them.
  const chen = await patientIdFromList(adminPage, "Chen-Park", "Chen-Park, Mei");
  const picardId = await patientIdFromList(adminPage, "Picard", "Picard, Jean-Luc");
  const weiId = await patientIdFromList(adminPage, "Wei", "Wei, Li");
  await adminPage.goto(`/admin/patients/${chen}/edit?tab=basic`);
  const chenVersion = (await adminPage.locator('input[name="version"]').getAttribute("value"))!;
  await adminPage.goto("/admin/staff");
  const frontDeskId = (await adminPage
    .getByRole("row")
    .filter({ has: adminPage.getByRole("rowheader", { name: "Frankie Desk" }) })
    .locator('input[name="staffId"]')
    .first()
    .getAttribute("value"))!;
  ids = { chen, picard: picardId, wei: weiId, frontDesk: frontDeskId, chenVersion };
  for (const [k, v] of Object.entries(ids)) expect(v, k).toBeTruthy();

  frontDesk = await browser.newContext({ baseURL });
  await signInAsStaff(await frontDesk.newPage(), FRONT_DESK);
  picard = await signedInPatient(browser, "jlpicard", DEMO_PATIENT_PASSWORD, "Jean-Luc");
  wei = await signedInPatient(browser, "liwei84", DEMO_PATIENT_PASSWORD, "Li");
});

test.afterAll(async () => {
  for (const c of [admin, frontDesk, picard, wei]) await c?.close();
});

test("the build's actions are all accounted for, and a hand-made call reaches an action's code", async ({
  playwright,
}) => {
  expect(actions.length, `no actions in ${distDir()}/server/server-reference-manifest.json`).toBeGreaterThan(10);
  const keys = actions.map((a) => a.key);
  expect(new Set(keys).size, "two actions share a file and export name").toBe(keys.length);
  for (const key of [...Object.keys(PUBLIC_ACTIONS), ...PATIENT_ACTIONS, ...ADMIN_ACTIONS]) {
    expect(keys, `${key} is listed in this spec but no longer exists: update the list`).toContain(key);
  }
  for (const a of actions) {
    expect(a.workers.length, `${a.key} is bundled in no page`).toBeGreaterThan(0);
    const declared = declaredArgs(a.id);
    expect([0, 1, 2], `${a.key}: this spec only knows how to call actions of 0, 1 or 2 arguments`).toContain(declared);
  }
  test
    .info()
    .annotations.push({ type: "actions", description: actions.map((a) => `${kindOf(a)} ${a.key}`).join("\n") });

  // Positive controls: the same hand-made calls, made with a session that may make them, do reach the code.
  const asAdmin = await requestWith(playwright, admin);
  const save = actions.find((a) => a.exportedName === "saveBasicData")!;
  const invalid = await callAction(asAdmin, {
    baseURL,
    path: pathFor(save, ids),
    id: save.id,
    fields: { ...fieldsFor(save, ids), email: "not an email" },
  });
  expect(invalid.status, invalid.body.slice(0, 300)).toBe(200);
  expect(JSON.stringify(actionResult(invalid))).toContain("Enter the email address in the right form");

  const add = actions.find((a) => a.exportedName === "addPatientAction")!;
  const added = await callAction(asAdmin, {
    baseURL,
    path: pathFor(add, ids),
    id: add.id,
    fields: { chartNumber: markerChart, firstName: "Guard", lastName: "Zzmarker", dateOfBirth: "02/03/1971" },
  });
  expect(added.redirect, added.body.slice(0, 300)).toMatch(/^\/admin\/patients\/[0-9a-f-]{36}$/);
  await adminPage.goto(added.redirect!);
  await expect(adminPage.getByRole("region", { name: "Patient information" })).toContainText(markerChart);
  await asAdmin.dispose();
  // The marker patient also tells whether test-results/e2e-database.json (shared with other runs in this
  // folder) still names this run's database; if not, only what staff see is compared.
  if (dbUrl && !(await isOwnDatabase(dbUrl, markerChart))) dbUrl = null;
  test.info().annotations.push({
    type: "database",
    description: dbUrl
      ? "every table's row count and content compared before and after"
      : process.env.DATABASE_URL
        ? "tables NOT compared: the shared e2e-database.json named another run's database"
        : "PGlite: only what staff see is compared",
  });

  const asPatient = await requestWith(playwright, picard);
  const change = actions.find((a) => a.exportedName === "changePatientPassword")!;
  const wrong = await callAction(asPatient, {
    baseURL,
    path: pathFor(change, ids),
    id: change.id,
    fields: { current: "not my password at all", password: "x", confirm: "x" },
  });
  expect(wrong.status, wrong.body.slice(0, 300)).toBe(200);
  expect(actionResult(wrong)).toHaveProperty("errors");
  await asPatient.dispose();
});

test("without a session every action that is not public is refused, and nothing changes", async ({ playwright }) => {
  const before = await snapshot();
  const anonymous = await requestWith(playwright);
  const guarded = actions.filter((a) => kindOf(a) !== "public");
  expect(guarded.length).toBeGreaterThan(5);
  for (const a of guarded) {
    const call = await callAction(anonymous, { baseURL, path: pathFor(a, ids), id: a.id, fields: fieldsFor(a, ids) });
    // Staff actions send the caller to the staff sign-in, patient actions to the patient one; an action outside
    // app/admin that this spec does not know yet may use either, but it must refuse.
    const to =
      kindOf(a) === "patient"
        ? [PATIENT_SIGN_IN]
        : a.file.startsWith("app/admin/")
          ? [STAFF_SIGN_IN]
          : [STAFF_SIGN_IN, PATIENT_SIGN_IN];
    expectRedirectedTo(call, to, `${a.key} without a session`);
  }
  await anonymous.dispose();
  await expectNothingChanged(before, "calls without a session");
});

test("with a patient's session every staff action is refused, and nothing changes", async ({ playwright }) => {
  const before = await snapshot();
  const asPatient = await requestWith(playwright, picard);
  const staffOnly = actions.filter((a) => kindOf(a) === "staff" || kindOf(a) === "admin");
  expect(staffOnly.length).toBeGreaterThan(5);
  for (const a of staffOnly) {
    const call = await callAction(asPatient, { baseURL, path: pathFor(a, ids), id: a.id, fields: fieldsFor(a, ids) });
    expectRedirectedTo(call, [STAFF_SIGN_IN], `${a.key} with a patient's session`);
  }
  await asPatient.dispose();
  await expectNothingChanged(before, "staff actions called with a patient's session");
  // The patient's own session still works: the refusals were about the role, not a broken cookie.
  const page = await picard.newPage();
  await page.goto("/portal");
  await expect(page.getByRole("heading", { name: "Hello, Jean-Luc" })).toBeVisible();
  await page.close();
});

test("with a front-desk session every admin action is refused, and nothing changes", async ({ playwright }) => {
  const before = await snapshot();
  const asFrontDesk = await requestWith(playwright, frontDesk);
  const adminOnly = actions.filter((a) => kindOf(a) === "admin");
  expect(adminOnly.length).toBe(ADMIN_ACTIONS.size);
  for (const a of adminOnly) {
    const call = await callAction(asFrontDesk, { baseURL, path: pathFor(a, ids), id: a.id, fields: fieldsFor(a, ids) });
    expectRedirectedTo(call, ["/admin?denied=admin"], `${a.key} with a front-desk session`);
  }
  await asFrontDesk.dispose();
  await expectNothingChanged(before, "admin actions called by front-desk staff");
});

test("with a half-done sign-in (password right, second step pending) every staff and patient action is refused (M4)", async ({
  browser,
  playwright,
}) => {
  // Front desk stop at the second step: the cookie they hold then is the half-done sign-in, which no page or
  // action outside the second step accepts.
  const pendingStaff = await browser.newContext({ baseURL });
  const page = await pendingStaff.newPage();
  await page.goto(STAFF_SIGN_IN);
  await page.getByLabel("Email").fill(FRONT_DESK.email);
  await page.getByLabel("Password", { exact: true }).fill(FRONT_DESK.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  expect((await pendingStaff.cookies()).map((c) => c.name)).toContain("pp_pending_sign_in");
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);
  const before = await snapshot();
  const asPending = await requestWith(playwright, pendingStaff);
  for (const a of actions.filter((x) => kindOf(x) !== "public")) {
    const call = await callAction(asPending, { baseURL, path: pathFor(a, ids), id: a.id, fields: fieldsFor(a, ids) });
    const to = kindOf(a) === "patient" ? [PATIENT_SIGN_IN] : [STAFF_SIGN_IN, PATIENT_SIGN_IN];
    expectRedirectedTo(call, to, `${a.key} with a half-done staff sign-in`);
  }
  await asPending.dispose();
  await pendingStaff.close();
  await expectNothingChanged(before, "actions called with a half-done sign-in");
});

test("a staff session whose second factor is gone is refused by every staff action and page (M1)", async ({
  playwright,
}) => {
  test.skip(!dbUrl, "removes the factor behind the session's back in the PostgreSQL e2e database");
  const url = dbUrl!;
  // The front desk's session was made with their factor; the factor is then taken away in the database (as an
  // admin reset would, but without ending the session), so only the data-access layer's own check can refuse.
  const saved = await withSql(url, (sql) => sql`select * from second_factors where staff_user_id = ${ids.frontDesk}`);
  expect(saved.length).toBeGreaterThan(0);
  try {
    await withSql(url, (sql) => sql`delete from second_factors where staff_user_id = ${ids.frontDesk}`);
    const before = await snapshot();
    const asFrontDesk = await requestWith(playwright, frontDesk);
    for (const a of actions.filter((x) => kindOf(x) === "staff" || kindOf(x) === "admin")) {
      const call = await callAction(asFrontDesk, {
        baseURL,
        path: pathFor(a, ids),
        id: a.id,
        fields: fieldsFor(a, ids),
      });
      expectRedirectedTo(call, [STAFF_SIGN_IN], `${a.key} with a staff session and no factor`);
    }
    const list = await asFrontDesk.get("/admin", { maxRedirects: 0, failOnStatusCode: false });
    expect(new URL(list.headers()["location"] ?? "/", baseURL).pathname).toBe(STAFF_SIGN_IN);
    await asFrontDesk.dispose();
    await expectNothingChanged(before, "staff actions called by a staff member without a factor");
  } finally {
    await withSql(url, async (sql) => {
      for (const row of saved) await sql`insert into second_factors ${sql(row)}`;
    });
  }
  // With the factor back, the same session works again: the refusal was the missing factor.
  const back = await requestWith(playwright, frontDesk);
  const list = await back.get("/admin", { maxRedirects: 0, failOnStatusCode: false });
  expect(list.status()).toBe(200);
  await back.dispose();
});

test("every page reads its data only for those who may see it, also when asked for its RSC payload", async ({
  playwright,
}) => {
  const manifest = JSON.parse(
    readFileSync(
      path.join(path.dirname(test.info().config.configFile!), distDir(), "server", "app-paths-manifest.json"),
      "utf8",
    ),
  ) as Record<string, string>;
  const pages = Object.keys(manifest)
    .filter((k) => k.endsWith("/page"))
    .map((k) => pathForWorker(`app${k}`, { id: ids.chen }));
  // Pages for signed-out visitors (their own checks are the links' tokens, or nothing to protect).
  const PUBLIC_PAGES = [
    "/",
    "/login",
    "/register",
    "/forgot-password",
    "/forgot-username",
    "/reset-password",
    "/second-step-help",
    "/second-step-recovery",
    "/setup-account",
    "/staff-setup",
    "/admin/login",
    // The second-step pages: they show a form only to a live half-done sign-in (its cookie), never data.
    "/admin/login/second-step",
    "/admin/login/set-up",
    "/login/second-step",
    "/_not-found",
    "/_global-error",
    "/dev/mailbox",
  ];
  const ADMIN_PAGES = ["/admin/audit", "/admin/settings", "/admin/staff"];
  const kindOfPage = (p: string) =>
    PUBLIC_PAGES.includes(p)
      ? "public"
      : p === "/portal" || p.startsWith("/portal/")
        ? "patient"
        : ADMIN_PAGES.includes(p)
          ? "admin"
          : p === "/admin" || p.startsWith("/admin/")
            ? "staff"
            : "unknown";
  expect(
    pages.filter((p) => kindOfPage(p) === "unknown"),
    "a page outside /admin was added: say here who may see it",
  ).toEqual([]);
  // What a page must not hand to someone who may not see it.
  const SECRETS = [
    "Chen-Park",
    "mei.chenpark@example.com",
    "Jean-Luc",
    "jl.picard@example.com",
    "admin@demo.clinic",
    "frontdesk@demo.clinic",
  ];

  const anonymous = await requestWith(playwright);
  const asPatient = await requestWith(playwright, picard);
  const asFrontDesk = await requestWith(playwright, frontDesk);
  const checks: [string, APIRequestContext, string[], string[]][] = [];
  for (const p of pages) {
    const kind = kindOfPage(p);
    if (kind === "public") continue;
    checks.push([`${p} signed out`, anonymous, [kind === "patient" ? PATIENT_SIGN_IN : STAFF_SIGN_IN], SECRETS]);
    if (kind !== "patient") checks.push([`${p} as a patient`, asPatient, [STAFF_SIGN_IN], SECRETS]);
    if (kind === "admin")
      checks.push([`${p} as front desk`, asFrontDesk, ["/admin?denied=admin"], ["admin@demo.clinic"]]);
    for (const [what, client, to, secrets] of checks.splice(0)) {
      const res = await client.get(p, { maxRedirects: 0, failOnStatusCode: false });
      const location = res.headers()["location"] ? new URL(res.headers()["location"], baseURL) : null;
      expect([303, 307, 308], `${what}: status ${res.status()}`).toContain(res.status());
      expect(location && location.pathname + location.search, what).toBe(to[0]);
      // The RSC payload the client router asks for must not carry the page's data either (Next first redirects
      // such a request to the address with its cache-busting `_rsc` parameter: followed here).
      const rsc = await client.get(p, { headers: { RSC: "1" }, failOnStatusCode: false });
      const body = await rsc.text();
      for (const secret of secrets) expect(body.includes(secret), `${what} (RSC) contains ${secret}`).toBe(false);
    }
  }
  for (const c of [anonymous, asPatient, asFrontDesk]) await c.dispose();

  // Control: staff asking for the same payload do get the data the checks above look for.
  const asAdmin = await requestWith(playwright, admin);
  const own = await asAdmin.get(`/admin/patients/${ids.chen}`, { headers: { RSC: "1" } });
  expect(own.headers()["content-type"]).toContain("text/x-component");
  expect(await own.text()).toContain("Chen-Park");
  await asAdmin.dispose();
});

test("a patient's actions act on their own account only, whatever patient id the request carries", async ({
  browser,
  playwright,
}) => {
  const NEW_PASSWORD = "starlight over the quiet bridge";
  const change = actions.find((a) => a.key === "app/(patient)/portal/actions.ts#changePatientPassword")!;
  const everywhere = actions.find((a) => a.key === "app/(patient)/portal/actions.ts#signOutEverywhere")!;

  // Jean-Luc changes "Li Wei's" password: the right current password (every demo patient has the same one)
  // and Li's patient id in the form. Only Jean-Luc's own password may change.
  const asPicard = await requestWith(playwright, picard);
  const call = await callAction(asPicard, {
    baseURL,
    path: pathFor(change, ids),
    id: change.id,
    fields: { ...fieldsFor(change, ids), password: NEW_PASSWORD, confirm: NEW_PASSWORD },
  });
  expectRedirectedTo(call, [PATIENT_SIGN_IN], "changing the password (signs the patient out)");
  await asPicard.dispose();
  // Li is still signed in, and her password is still hers.
  const weiPage = await wei.newPage();
  await weiPage.goto("/portal");
  await expect(weiPage.getByRole("heading", { name: "Hello, Li" })).toBeVisible();
  const fresh = await signedInPatient(browser, "liwei84", DEMO_PATIENT_PASSWORD, "Li");
  await fresh.close();
  // Jean-Luc's own password is the one that changed.
  picard = await signedInPatient(browser, "jlpicard", NEW_PASSWORD, "Jean-Luc");

  // "Sign out everywhere" with Li's id in the request ends Jean-Luc's sessions, not Li's.
  const asPicardAgain = await requestWith(playwright, picard);
  const out = await callAction(asPicardAgain, {
    baseURL,
    path: pathFor(everywhere, ids),
    id: everywhere.id,
    fields: fieldsFor(everywhere, ids),
  });
  expectRedirectedTo(out, [PATIENT_SIGN_IN], "sign out everywhere");
  await asPicardAgain.dispose();
  const picardPage = await picard.newPage();
  await picardPage.goto("/portal");
  await expect(picardPage).toHaveURL(/\/login/);
  await weiPage.goto("/portal");
  await expect(weiPage.getByRole("heading", { name: "Hello, Li" })).toBeVisible();
  await weiPage.close();
});

test("route handlers: the sign-in route signs in only with the right password, Auth.js answers signed-out callers with no session, and the development mailbox does not exist in production", async ({
  playwright,
}) => {
  const manifest = JSON.parse(
    readFileSync(
      path.join(path.dirname(test.info().config.configFile!), distDir(), "server", "app-paths-manifest.json"),
      "utf8",
    ),
  ) as Record<string, string>;
  const handlers = Object.keys(manifest)
    .filter((k) => k.endsWith("/route"))
    .sort();
  const KNOWN = [
    "/(patient)/forgot-password/send/route",
    "/(patient)/forgot-username/send/route",
    "/(patient)/login/sign-in/route",
    "/(patient)/register/send/route",
    "/(patient)/second-step-help/send/route",
    "/api/auth/[...nextauth]/route",
    "/api/health/route",
    "/dev/mailbox/[id]/route",
  ];
  expect(handlers, "a route handler was added or removed: give it a check here").toEqual(KNOWN);

  const anonymous = await playwright.request.newContext({ baseURL });
  // The health check is public (load balancers call it) and says only whether the database answers and a worker runs.
  const health = await anonymous.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true, worker: "ok" });
  // The sign-in route the sign-in form posts to with JavaScript: from another site it is refused before anything
  // is read; a wrong password gets the form's refusal and no cookie; the right one names /portal and brings the
  // session cookie with it. It takes nothing but a post.
  const ours = { Origin: new URL(baseURL).origin };
  const signIn = (form: Record<string, string>, headers: Record<string, string> = ours) =>
    anonymous.post("/login/sign-in", { form, headers, maxRedirects: 0, failOnStatusCode: false });
  const sessionCookies = (res: { headersArray: () => { name: string; value: string }[] }) =>
    res
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie" && /session-token=[^;]/.test(h.value))
      .map((h) => h.value);
  const foreign = await signIn(
    { username: "liwei84", password: DEMO_PATIENT_PASSWORD },
    { Origin: "https://evil.example" },
  );
  expect(foreign.status()).toBe(403);
  expect(sessionCookies(foreign)).toEqual([]);
  const wrong = await signIn({ username: "liwei84", password: "not her password at all" });
  expect(wrong.status()).toBe(200);
  expect(await wrong.json()).toEqual({
    error: expect.stringMatching(/^Username or password is not right/),
    values: { username: "liwei84" },
  });
  expect(sessionCookies(wrong)).toEqual([]);
  expect((await anonymous.get("/login/sign-in", { failOnStatusCode: false })).status()).toBe(405);
  const signer = await playwright.request.newContext({ baseURL });
  const right = await signer.post("/login/sign-in", {
    form: { username: "liwei84", password: DEMO_PATIENT_PASSWORD },
    headers: ours,
    failOnStatusCode: false,
  });
  expect(await right.json()).toEqual({ result: { next: "/portal" } });
  expect(sessionCookies(right)).toHaveLength(1);
  const portal = await signer.get("/portal", { maxRedirects: 0 });
  expect(portal.status()).toBe(200);
  expect(await portal.text()).toContain("Hello, Li");
  await signer.dispose();

  // The identity forms' routes: refused from another site; a form with a bad ZIP is answered field by field; a
  // complete one only that it was taken. Nothing but a post.
  for (const route of ["/register/send", "/forgot-password/send", "/forgot-username/send", "/second-step-help/send"]) {
    const form = {
      email: "no.one.on.file@example.com",
      lastName: "Nobody",
      dobMonth: "1",
      dobDay: "2",
      dobYear: "1990",
      zip: "62701",
    };
    const post = (body: Record<string, string>, headers = ours) =>
      anonymous.post(route, { form: body, headers, maxRedirects: 0, failOnStatusCode: false });
    expect((await post(form, { Origin: "https://evil.example" })).status(), route).toBe(403);
    const refused = await post({ ...form, zip: "1" });
    expect(Object.keys((await refused.json()).errors ?? {}), route).toEqual(["zip"]);
    expect(await (await post(form)).json(), route).toEqual({ result: { submitted: true } });
    expect((await anonymous.get(route, { failOnStatusCode: false })).status(), route).toBe(405);
  }

  // Auth.js's own endpoints: the session is empty, and no callback signs anyone in, even with the right password:
  // Auth.js has no sign-in provider (our sign-in route and actions issue the cookie themselves).
  const session = await anonymous.get("/api/auth/session");
  expect(session.status()).toBe(200);
  expect(await session.json()).toBeNull();
  for (const [provider, body] of [
    ["staff", { email: ADMIN.email, password: ADMIN.password }],
    ["patient", { username: "liwei84", password: DEMO_PATIENT_PASSWORD }],
    ["complete", { token: "A".repeat(43) }],
  ] as const) {
    const res = await anonymous.post(`/api/auth/callback/${provider}`, {
      form: body,
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    expect(res.status(), `callback/${provider}`).toBeLessThan(500);
    const cookies = res
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie")
      .map((h) => h.value);
    expect(
      cookies.filter((c) => /session-token=[^;]/.test(c)),
      `callback/${provider} set a session cookie`,
    ).toEqual([]);
    expect(await (await anonymous.get("/api/auth/session")).json(), `callback/${provider}`).toBeNull();
  }

  // The development mailbox shows emails with their links: in production both its pages are 404, even for an
  // email that exists (on PostgreSQL we take a real one; on PGlite its ids cannot be seen from outside).
  expect((await anonymous.get("/dev/mailbox", { failOnStatusCode: false })).status()).toBe(404);
  let mailId: string = randomUUID();
  if (dbUrl) {
    const [row] = await withSql(
      dbUrl,
      (sql) => sql<{ id: string }[]>`select id from email_outbox order by created_at desc limit 1`,
    );
    expect(row, "no email in the outbox to try the mailbox with").toBeTruthy();
    mailId = row.id;
  }
  const mail = await anonymous.get(`/dev/mailbox/${mailId}`, { failOnStatusCode: false });
  expect(mail.status()).toBe(404);
  expect(await mail.text()).not.toContain("token=");
  await anonymous.dispose();
});
