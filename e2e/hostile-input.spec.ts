// Hostile input (docs/security.md R3, V4, V7): names that are HTML, bidirectional-text tricks, line breaks, NUL and
// huge strings. Whatever staff or patients type is either refused with a clear message beside the field and
// nothing saved, or stored and shown as the very text typed, on every page that shows it; it never reaches an
// email, and no form answers with a server error.
//
// The pages send a nonce-based Content-Security-Policy, so an injected <script> or onerror= would be blocked
// even if it reached the page: checking `window.__pwned` alone would prove nothing. Each page is therefore also
// checked for the injected elements themselves (any <img src="x">, any <script> mentioning __pwned) and for
// CSP violation reports, which only appear when markup got through.
import { randomUUID } from "node:crypto";
import { expect, test, type Page, type Route } from "@playwright/test";
import { linkIn, waitForEmail } from "./support/mailbox";
import { addPatient, fillAddPatient, type NewPatient } from "./support/staff-patients";
import { ADMIN, signInAsStaff } from "./support/staff";

test.describe.configure({ mode: "serial" });

const run = randomUUID().slice(0, 6);
const SCRIPT = "<script>window.__pwned=1</script>";
const IMG = `"><img src=x onerror="window.__pwned=1">`;
const RLO = "Evil\u202Etxt.exe";
// 100 code points exactly: the longest name allowed.
const LONG = `Zetterberg-${"Abcdefghij".repeat(9)}`.slice(0, 100);
const KB10 = "A".repeat(10 * 1024);

const hostilePatient = (chart: string, firstName: string, lastName: string, dateOfBirth: string): NewPatient => ({
  chartNumber: `MRN-${chart}-${run}`,
  firstName,
  lastName,
  dateOfBirth,
  email: `hostile.${chart.toLowerCase()}.${run}@example.test`,
  zip: "62795",
  portalAccess: true,
});
// HTML names sort before "A": two of them only, so the demo patients other specs look for stay on page 1.
const SCRIPT_PATIENT = hostilePatient("XSS1", SCRIPT, SCRIPT, "03/03/1973");
const IMG_PATIENT = hostilePatient("XSS2", IMG, IMG, "04/04/1974");
const LONG_PATIENT = hostilePatient("XSS3", "Maximilian", LONG, "05/05/1975");

/** Fails the test when a page answers 500 or worse, or the browser reports a blocked (injected) script. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} from ${r.request().method()} ${r.url()}`);
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

async function expectNoInjection(page: Page, where: string) {
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
    `${where}: window.__pwned`,
  ).toBeUndefined();
  await expect(page.locator('img[src="x"]'), `${where}: an injected <img>`).toHaveCount(0);
  const scripts = await page
    .locator("script")
    .evaluateAll((els) => els.map((e) => e.textContent ?? "").filter((t) => t.includes("window.__pwned=1")));
  // React's own data for hydration carries the name as a JSON string (with "<" escaped); an injected element
  // would be a script whose whole text is the payload.
  expect(
    scripts.filter((t) => t.trim() === "window.__pwned=1"),
    `${where}: an injected <script>`,
  ).toEqual([]);
  await expect(page.getByText(/Application error|Internal Server Error|This page couldn.t load/)).toHaveCount(0);
}

/** Rewrites the next POSTs' bodies: each marker typed in a field becomes the hostile value (inputs cannot hold CR/LF). */
async function substituteOnPost(page: Page, replacements: Record<string, string>) {
  await page.route("**/*", async (route: Route) => {
    const req = route.request();
    const body = req.postDataBuffer();
    if (req.method() !== "POST" || !body) return route.continue();
    let text = body.toString("utf8");
    for (const [marker, value] of Object.entries(replacements)) text = text.split(marker).join(value);
    await route.continue({ postData: Buffer.from(text, "utf8") });
  });
}

let staffPage: Page;
const ids: Record<string, string> = {};

test.beforeAll(async ({ browser }) => {
  const baseURL = test.info().project.use.baseURL!;
  staffPage = await (await browser.newContext({ baseURL })).newPage();
  await signInAsStaff(staffPage, ADMIN);
});

test.afterAll(async () => {
  await staffPage?.context().close();
});

test("names that are HTML, or as long as allowed, are saved and shown as the text typed on every staff page", async () => {
  const problems = watch(staffPage);
  for (const p of [SCRIPT_PATIENT, IMG_PATIENT, LONG_PATIENT]) {
    const id = await addPatient(staffPage, p);
    ids[p.chartNumber] = id;
    const shown = `${p.firstName} ${p.lastName}`;

    // The dash.
    await expect(staffPage.getByRole("region", { name: "Patient information" }).locator(".patient-name")).toHaveText(
      shown,
    );
    await expectNoInjection(staffPage, `dash of ${p.chartNumber}`);

    // The list.
    await staffPage.goto(`/admin?q=${encodeURIComponent(p.chartNumber)}`);
    await expect(staffPage.getByRole("rowheader")).toHaveText([`${p.lastName}, ${p.firstName}`]);
    await expect(staffPage.getByLabel(`Select ${shown}`)).toBeVisible();
    await expectNoInjection(staffPage, `list with ${p.chartNumber}`);

    // The edit page: heading, link back, and the fields hold exactly what was typed.
    await staffPage.goto(`/admin/patients/${id}/edit?tab=basic`);
    await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText(`Patient information: ${shown}`);
    await expect(staffPage.getByRole("link", { name: `← Back to ${shown}` })).toBeVisible();
    await expect(staffPage.getByLabel("First name")).toHaveValue(p.firstName);
    await expect(staffPage.getByLabel("Last name")).toHaveValue(p.lastName);
    await expectNoInjection(staffPage, `edit page of ${p.chartNumber}`);
    await staffPage.goto(`/admin/patients/${id}/edit?tab=portal`);
    await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText(`Patient information: ${shown}`);
    await expectNoInjection(staffPage, `portal tab of ${p.chartNumber}`);

    // The audit trail names the patient in its Patient column.
    await staffPage.goto(`/admin/audit?patient=${id}`);
    await expect(
      staffPage
        .getByRole("row")
        .filter({ hasText: "Patient added" })
        .getByRole("link", { name: `${p.lastName}, ${p.firstName}`, exact: true }),
    ).toBeVisible();
    await expectNoInjection(staffPage, `audit of ${p.chartNumber}`);
  }
  // All of them on one page together, as staff usually see them.
  await staffPage.goto(`/admin?q=${encodeURIComponent(`MRN-XSS`)}`);
  await expectNoInjection(staffPage, "list of all");
  await staffPage.goto("/admin/audit");
  await expectNoInjection(staffPage, "audit trail");
  expect(problems).toEqual([]);
});

test("a right-to-left override, CR/LF, NUL, 101 characters and 10 KB are refused beside the field, and nothing is saved", async () => {
  const problems = watch(staffPage);
  const cases: {
    what: string;
    patient: NewPatient;
    field: "firstName" | "lastName";
    message: string;
    swap?: Record<string, string>;
  }[] = [
    {
      what: "right-to-left override",
      patient: hostilePatient("BAD1", "Olga", RLO, "06/06/1976"),
      field: "lastName",
      message: "Last name contains characters that are not allowed",
    },
    {
      what: "CR/LF",
      patient: hostilePatient("BAD2", "Olga", "CRLFMARK", "06/06/1976"),
      field: "lastName",
      message: "Last name contains characters that are not allowed",
      swap: { CRLFMARK: "Smith\r\nX-Injected: 1" },
    },
    {
      what: "a lone LF",
      patient: hostilePatient("BAD3", "LFMARK", "Smith", "06/06/1976"),
      field: "firstName",
      message: "First name contains characters that are not allowed",
      swap: { LFMARK: "Ann\nBcc: x@evil.example" },
    },
    {
      what: "NUL",
      patient: hostilePatient("BAD4", "NULMARK", "Smith", "06/06/1976"),
      field: "firstName",
      message: "First name contains characters that are not allowed",
      swap: { NULMARK: "Ann\u0000" },
    },
    {
      what: "101 characters",
      patient: hostilePatient("BAD5", "Olga", `${LONG}x`, "06/06/1976"),
      field: "lastName",
      message: "Last name must be 100 characters or fewer",
    },
    {
      what: "10 KB",
      patient: hostilePatient("BAD6", KB10, "Smith", "06/06/1976"),
      field: "firstName",
      message: "First name must be 100 characters or fewer",
    },
  ];
  for (const c of cases) {
    if (c.swap) await substituteOnPost(staffPage, c.swap);
    await staffPage.goto("/admin/patients/new");
    await fillAddPatient(staffPage, c.patient);
    const label = c.field === "firstName" ? "First name" : "Last name";
    await expect(staffPage.locator(`#${c.field}-error`), c.what).toHaveText(`Error: ${c.message}`);
    await expect(staffPage.getByLabel(label), c.what).toHaveAttribute("aria-invalid", "true");
    await expect(staffPage.getByRole("link", { name: `${label}: ${c.message}` }), c.what).toBeVisible();
    await expect(staffPage, c.what).toHaveURL(/\/admin\/patients\/new$/);
    await expectNoInjection(staffPage, c.what);
    if (c.swap) await staffPage.unrouteAll({ behavior: "wait" });
    await staffPage.goto(`/admin?q=${encodeURIComponent(c.patient.chartNumber)}`);
    await expect(staffPage.getByText("No patients match this search."), `${c.what}: a patient was saved`).toBeVisible();
  }
  expect(problems).toEqual([]);
});

let setupLink: string;

test("invitations to patients with HTML names carry no name at all, so nothing of it", async () => {
  for (const p of [SCRIPT_PATIENT, IMG_PATIENT]) {
    const since = Date.now();
    await staffPage.goto(`/admin/patients/${ids[p.chartNumber]}/edit?tab=portal`);
    await staffPage.getByRole("button", { name: "Send invitation/reset email" }).click();
    await expect(staffPage.getByText(/^Invitation queued/)).toBeVisible();
    await expectNoInjection(staffPage, `invitation to ${p.chartNumber}`);
    const email = await waitForEmail({ to: p.email!, subject: /Create your Patient Portal account/, since });
    for (const part of [email.subject, email.text ?? "", email.html ?? ""]) {
      expect(part).not.toContain("__pwned");
      expect(part).not.toMatch(/<script/i);
      expect(part).not.toMatch(/onerror|src=x|src="x"/i);
      expect(part).not.toContain("&lt;script");
    }
    expect(email.html ?? "", "the email names the patient").not.toContain(p.chartNumber);
    if (p === SCRIPT_PATIENT) setupLink = linkIn(email, "/setup-account");
  }
});

// ---------------------------------------------------------------------------------------------------------
// Patient forms

const HOSTILE: [string, string][] = [
  ["SQL", "' OR 1=1 --"],
  ["a script tag", SCRIPT],
  ["an img onerror", IMG],
  ["10 KB", KB10],
  ["emoji", "😀👍🏽🏳️‍🌈"],
  ["NUL", "a\u0000b"],
];
const MARK = "HOSTILEMARK";

/**
 * Submits the form on screen with every marked field turned into `value` on the way (so CR/LF and NUL reach
 * the server exactly), and checks the answer is a page with either its confirmation or a named error.
 */
async function submitHostile(page: Page, value: string, button: string, what: string, answer: RegExp) {
  await substituteOnPost(page, { [MARK]: value });
  const posted = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: button }).click();
  const res = await posted;
  expect(res.status(), `${what}: answer to the post`).toBeLessThan(500);
  await expect(
    page
      .getByRole("heading", { name: answer })
      .or(page.getByRole("status").filter({ hasText: answer }))
      .first(),
    what,
  ).toBeVisible();
  await expectNoInjection(page, what);
  await page.unrouteAll({ behavior: "wait" });
}

const VERIFICATION_FORMS = [
  { path: "/register", button: "Send me a link" },
  { path: "/forgot-password", button: "Send me a link" },
  { path: "/forgot-username", button: "Email me my username" },
];

test("hostile values in the create-account and forgot forms get a clear page, never a server error", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const problems = watch(page);
  for (const form of VERIFICATION_FORMS) {
    for (const [name, value] of HOSTILE) {
      // Every field hostile: each is named in the error summary.
      await page.goto(form.path);
      for (const label of ["Email", "Last name", "Month", "Day", "Year", "ZIP code"])
        await page.getByLabel(label).fill(MARK);
      await submitHostile(page, value, form.button, `${form.path}, every field ${name}`, /^There is a problem$/);
      await expect(page.getByRole("link", { name: /^Email: / }), `${form.path}, every field ${name}`).toBeVisible();

      // Only the last name hostile, the rest well-formed: refused beside the field, or accepted like any
      // other request (the page never says whether anything matched).
      await page.goto(form.path);
      await page.getByLabel("Email").fill(`hostile.forms.${run}@example.test`);
      await page.getByLabel("Last name").fill(MARK);
      await page.getByLabel("Month").fill("1");
      await page.getByLabel("Day").fill("2");
      await page.getByLabel("Year").fill("1980");
      await page.getByLabel("ZIP code").fill("62701");
      await submitHostile(
        page,
        value,
        form.button,
        `${form.path}, last name ${name}`,
        /^(There is a problem|Check your email)$/,
      );
    }
  }
  expect(problems).toEqual([]);
});

test("hostile values in the sign-in form get the usual refusal, never a server error", async ({ page }) => {
  const problems = watch(page);
  for (const [name, value] of HOSTILE) {
    await page.goto("/login");
    await page.getByLabel("Username").fill(MARK);
    await page.getByLabel("Password", { exact: true }).fill(MARK);
    await substituteOnPost(page, { [MARK]: value });
    const posted = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    expect((await posted).status(), name).toBeLessThan(500);
    await expect(
      page
        .getByText(
          "Username or password is not right. Check them and try again, or use the links below if you forgot them.",
        )
        .or(page.getByRole("heading", { name: "There is a problem" }))
        .first(),
      name,
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    await expectNoInjection(page, `sign-in with ${name}`);
    await page.unrouteAll({ behavior: "wait" });
  }
  expect(problems).toEqual([]);
});

test("hostile values in the account setup form are refused without using up the link, which then still works", async ({
  page,
}) => {
  expect(setupLink, "the invitation test did not run").toBeTruthy();
  const problems = watch(page);
  for (const [name, value] of HOSTILE) {
    await page.goto(setupLink);
    await expect(page.getByRole("heading", { name: "Set up your Patient Portal account", level: 1 })).toBeVisible();
    await page.getByLabel("Username").fill(MARK);
    await page.getByLabel("New password", { exact: true }).fill(MARK);
    await page.getByLabel("Confirm new password").fill(MARK);
    await submitHostile(page, value, "Create my account", `setup with ${name}`, /^There is a problem$/);
    await expect(page.getByRole("link", { name: /^Username: / }), name).toBeVisible();
  }
  // Nothing above used the link or half-created an account.
  await page.goto(setupLink);
  await page.getByLabel("Username").fill(`hostile.${run}`);
  await page.getByLabel("New password", { exact: true }).fill("lanterns drifting over the bay");
  await page.getByLabel("Confirm new password").fill("lanterns drifting over the bay");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText(
    "Your account is ready. Sign in with your new username and password.",
  );
  expect(problems).toEqual([]);
});

test("hostile addresses of staff pages and oversized posts get a clean page with a message and a 400-class status, never a 500", async ({
  page,
}) => {
  await signInAsStaff(page, ADMIN);
  const problems = watch(page);
  // A list cursor is base64url JSON [last, first, id]: this one's id has the right length but is all dashes.
  const dashes = Buffer.from(JSON.stringify(["Zed", "Ann", "-".repeat(36)])).toString("base64url");
  const nulName = Buffer.from(JSON.stringify(["Z\u0000ed", "Ann", "0b7a6a52-4a8d-4c9e-9b2c-1f2e3d4c5b6a"])).toString(
    "base64url",
  );
  for (const url of [
    "/admin?q=%00abc",
    "/admin?q=abc%07",
    "/admin/audit?patient=%00",
    "/admin/audit?event=x&patient=MRN%0D%0A1",
    "/admin/invitations/new?all=unactivated&q=%00",
    `/admin?after=${dashes}`,
    `/admin?before=${nulName}`,
  ]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBeGreaterThanOrEqual(400);
    expect(res?.status(), url).toBeLessThan(500);
    await expect(page.getByRole("heading", { level: 1 }), url).toHaveText("This page address cannot be used");
    await expect(page.getByRole("link", { name: "Go to the patient list" }), url).toBeVisible();
  }
  // A body over 1 MB, to a page with a server action: refused with a message, not a server error.
  const big = await page.request.post("/admin/patients/new", {
    headers: { origin: new URL(page.url()).origin, "next-action": "0".repeat(42) },
    multipart: { "1_chartNumber": "A".repeat(1024 * 1024 + 10) },
    failOnStatusCode: false,
  });
  expect(big.status()).toBe(413);
  expect(await big.text()).toContain("too large");
  // The ordinary pages still work after all that.
  await page.goto("/admin?q=garcia");
  await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  expect(problems).toEqual([]);
});
