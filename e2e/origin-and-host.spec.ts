// Where a request comes from, and what it says about where it is going.
// N2: an action must be posted from our own pages: a post from another origin, from an opaque origin ("null")
//     or with no Origin at all is refused before anything is recorded or sent.
// N3: every emailed link is built from APP_URL, never from the request's Host, X-Forwarded-Host or Forwarded
//     headers, in every flow that sends one.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  expect,
  test,
  type BrowserContext,
  type Page,
  type PlaywrightWorkerArgs,
  type Request,
} from "@playwright/test";
import { emailsTo, waitForEmail, type SentEmail } from "./support/mailbox";
import { expectNoEmailsTo, fillVerification, submitVerification, type VerificationDetails } from "./support/patient";
import { addPatient, linksInEmail, type NewPatient } from "./support/staff-patients";
import { ADMIN, signInAsStaff } from "./support/staff";

const SETUP_SUBJECT = /^Create your Patient Portal account – /;
const EVIL = "evil.example";

test.describe.configure({ mode: "serial" });

const run = randomUUID().slice(0, 6);
// Patients of this spec's own, added through "Add patient" (no other spec uses them), plus Aiko Tanaka from the
// demo practice (Active, username aiko.t), whom no other spec uses either.
const patient = (chart: string, firstName: string, lastName: string, dateOfBirth: string, zip: string): NewPatient => ({
  chartNumber: `MRN-${chart}-${run}`,
  firstName,
  lastName,
  dateOfBirth,
  email: `${lastName.toLowerCase()}.${firstName.toLowerCase()}.${run}@example.test`,
  zip,
  portalAccess: true,
});
const REGISTERS = patient("OH1", "Nadia", "Yarrow", "04/17/1966", "62790");
const FORGETS_USERNAME = patient("OH2", "Tobias", "Ystad", "09/02/1971", "62791");
const INVITED_BY_STAFF = patient("OH3", "Petra", "Zeller", "12/12/1980", "62792");
const FORGES_HOST = patient("OH6", "Ines", "Yilmaz", "06/30/1979", "62794");
const BULK = [
  patient("OH4", "Omar", "Zwicky", "01/01/1985", "62793"),
  patient("OH5", "Olive", "Zwicky", "02/02/1987", "62793"),
];
const TANAKA: VerificationDetails = {
  email: "aiko.tanaka@example.com",
  lastName: "Tanaka",
  month: "02",
  day: "28",
  year: "1990",
  zip: "62702",
};

const details = (p: NewPatient): VerificationDetails => {
  const [month, day, year] = p.dateOfBirth.split("/");
  return { email: p.email!, lastName: p.lastName, month, day, year, zip: p.zip! };
};

let baseURL: string;
let appHost: string;
let admin: BrowserContext;
let adminPage: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  baseURL = test.info().project.use.baseURL!;
  appHost = new URL(baseURL).host;
  admin = await browser.newContext({ baseURL });
  adminPage = await admin.newPage();
  await signInAsStaff(adminPage, ADMIN);
  for (const p of [REGISTERS, FORGETS_USERNAME, INVITED_BY_STAFF, FORGES_HOST, ...BULK]) await addPatient(adminPage, p);
});

test.afterAll(async () => {
  await admin?.close();
});

// ---------------------------------------------------------------------------------------------------------
// N2

type Captured = { url: string; headers: Record<string, string>; body: Buffer };

/**
 * Fills the create-account form in the browser and captures the request it makes (with JavaScript, a post to the
 * form's route, /register/send), without sending it. The form's server action, the door without JavaScript, is
 * posted from another site further down.
 */
async function captureRegisterRequest(page: Page, d: VerificationDetails): Promise<Captured> {
  let captured: Captured | undefined;
  await page.route(
    (url) => url.pathname === "/register/send",
    async (route) => {
      const req = route.request();
      if (req.method() !== "POST") return route.continue();
      captured = { url: req.url(), headers: await req.allHeaders(), body: req.postDataBuffer()! };
      await route.abort();
    },
  );
  await page.goto("/register");
  await fillVerification(page, d);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect.poll(() => !!captured).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  expect(captured!.headers["content-type"], "the form did not post its fields").toContain(
    "application/x-www-form-urlencoded",
  );
  return captured!;
}

/** Sends a captured request again, as a script would, with `set` replacing headers (null: leave it out). */
async function replay(playwright: PlaywrightWorkerArgs["playwright"], c: Captured, set: Record<string, string | null>) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.headers)) {
    if (["cookie", "content-length", "host", "origin", "referer", "connection"].includes(k)) continue;
    headers[k] = v;
  }
  for (const [k, v] of Object.entries(set)) if (v !== null) headers[k] = v;
  const client = await playwright.request.newContext();
  try {
    const res = await client.post(c.url, { headers, data: c.body, maxRedirects: 0, failOnStatusCode: false });
    return { status: res.status(), body: await res.text() };
  } finally {
    await client.dispose();
  }
}

const accepted = (r: { status: number; body: string }) => r.status < 400 || r.body.includes('"submitted":true');

test("an action posted from another origin, an opaque origin or no origin is refused, and no email is sent", async ({
  page,
  playwright,
}) => {
  const d = details(REGISTERS);
  const request = await captureRegisterRequest(page, d);
  const since = Date.now();
  const attempts: [string, Record<string, string | null>][] = [
    ["another site", { origin: `http://${EVIL}` }],
    // Next's own check compares Origin with Host/X-Forwarded-Host, which the sender controls: only the app's
    // check against APP_URL stops this one.
    [
      "another site that also forges Host and X-Forwarded-Host",
      { origin: `http://${EVIL}`, host: EVIL, "x-forwarded-host": EVIL },
    ],
    ["our host over https", { origin: `https://${appHost}` }],
    ["a look-alike host", { origin: `http://${appHost}.${EVIL}` }],
    ["an opaque origin (sandboxed frame, data: page)", { origin: "null" }],
    // docs/security.md N2: Next lets a post without Origin through; the app must not.
    ["no Origin header at all", { origin: null }],
    ["no Origin header, forged Host", { origin: null, host: EVIL, "x-forwarded-host": EVIL }],
  ];
  for (const [what, headers] of attempts) {
    const res = await replay(playwright, request, headers);
    expect(accepted(res), `${what}: status ${res.status}, ${res.body.slice(0, 200)}`).toBe(false);
  }

  // A real cross-site form: a page on another origin posts the create-account form (with the hidden fields a
  // no-JavaScript form carries, copied from our page) to /register; the browser sends that page's Origin.
  const reader = await playwright.request.newContext();
  const html = await (await reader.get(`${baseURL}/register`)).text();
  await reader.dispose();
  const form = /<form[^>]*>([\s\S]*?)<\/form>/.exec(html);
  expect(form, "no form on /register").toBeTruthy();
  const hidden = [...form![1].matchAll(/<input[^>]*type="hidden"[^>]*>/g)].map((m) => m[0]);
  expect(hidden.join("\n"), "the form carries no action reference").toMatch(/\$ACTION_/);
  const fields = {
    email: d.email,
    lastName: d.lastName,
    dobMonth: d.month,
    dobDay: d.day,
    dobYear: d.year,
    zip: d.zip,
  };
  const evilPage = `<!doctype html><title>Win a prize</title><form method="post" enctype="multipart/form-data" action="${baseURL}/register">${hidden.join("")}${Object.entries(
    fields,
  )
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`)
    .join("")}<button>Claim</button></form>`;
  const server: Server = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(evilPage),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const evilOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const victim = await page.context().browser()!.newPage();
    await victim.goto(evilOrigin);
    const post = victim.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/register",
    );
    await victim.getByRole("button", { name: "Claim" }).click();
    const res = await post;
    expect(res.request().headers()["origin"] ?? (await res.request().allHeaders())["origin"]).toBe(evilOrigin);
    expect(res.status(), "the cross-site form post was not refused").toBeGreaterThanOrEqual(400);
    await expect(victim.getByRole("heading", { name: "Check your email" })).toHaveCount(0);
    await victim.close();
  } finally {
    server.close();
  }

  await expectNoEmailsTo(d.email, since);

  // The same request from our own page goes through: the refusals above were about the origin alone.
  const ok = await replay(playwright, request, { origin: new URL(baseURL).origin });
  expect(ok.status, ok.body.slice(0, 200)).toBe(200);
  expect(ok.body).toContain('"submitted":true');
  const email = await waitForEmail({ to: d.email, subject: SETUP_SUBJECT, since });
  expectLinksOnAppUrl(email);
});

// The refusal a script or a browser gets for a post the app will not take: a 403 and one plain sentence.
const REFUSAL = "This request did not come from the Patient Portal's own pages, so it was refused.";

test("a post with our Origin but a forged Host or X-Forwarded-Host gets the same refusal as a cross-origin post (403), and no email is sent", async ({
  page,
  playwright,
}) => {
  const d = details(FORGES_HOST);
  const request = await captureRegisterRequest(page, d);
  const since = Date.now();
  const ours = new URL(baseURL).origin;
  const crossOrigin = await replay(playwright, request, { origin: `http://${EVIL}` });
  expect(crossOrigin.status).toBe(403);
  expect(crossOrigin.body).toContain(REFUSAL);
  const forgeries: [string, Record<string, string | null>][] = [
    ["Host", { origin: ours, host: EVIL }],
    ["X-Forwarded-Host", { origin: ours, "x-forwarded-host": EVIL }],
    ["Host and X-Forwarded-Host", { origin: ours, host: EVIL, "x-forwarded-host": EVIL }],
  ];
  for (const [forged, headers] of forgeries) {
    const res = await replay(playwright, request, headers);
    expect(res, `forged ${forged}: ${res.body.slice(0, 200)}`).toEqual(crossOrigin);
  }
  await expectNoEmailsTo(d.email, since);
});

// ---------------------------------------------------------------------------------------------------------
// N3

function expectLinksOnAppUrl(email: SentEmail) {
  const links = linksInEmail(email);
  const web = links.filter((l) => !/^(mailto|tel):/i.test(l));
  expect(web.length, `no link in "${email.subject}"`).toBeGreaterThan(0);
  for (const l of web) expect(l.startsWith(`${baseURL}/`), `"${email.subject}" links to ${l}`).toBe(true);
  expect(`${email.text}\n${email.html}`, `"${email.subject}" names ${EVIL}`).not.toContain(EVIL);
}

// What a client or a misconfigured proxy can put in front of the app. Next compares Origin with the first
// X-Forwarded-Host (else Host) and refuses the action on a mismatch, so the hostile host rides along where the app,
// not Next, would have to ignore it: the Host header itself, a second X-Forwarded-Host, Forwarded, and friends.
const hostileHeaders = (): Record<string, string> => ({
  host: EVIL,
  "x-forwarded-host": `${appHost}, ${EVIL}`,
  forwarded: `host=${EVIL};proto=https`,
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  "x-forwarded-server": EVIL,
  "x-original-host": EVIL,
  "x-host": EVIL,
});

type Posted = { url: string; status: number; headers: Record<string, string>; body: Buffer | null };

/**
 * Sends every POST this context makes to the app with the hostile headers added (the browser cannot set Host;
 * Playwright's route.fetch can), and records what was sent and what came back.
 */
async function withHostileHost(context: BrowserContext): Promise<Posted[]> {
  const posted: Posted[] = [];
  await context.route(
    (url) => url.origin === new URL(baseURL).origin,
    async (route) => {
      const req: Request = route.request();
      if (req.method() !== "POST") return route.continue();
      const headers = { ...(await req.allHeaders()), ...hostileHeaders() };
      const response = await route.fetch({ headers, maxRedirects: 0 });
      posted.push({ url: req.url(), status: response.status(), headers, body: req.postDataBuffer() });
      await route.fulfill({ response });
    },
  );
  return posted;
}

/** The literal attack: Host and X-Forwarded-Host both evil.example, with our Origin. Next itself refuses it. */
async function expectLiteralForgeryRefused(
  playwright: PlaywrightWorkerArgs["playwright"],
  sent: Posted,
  cookies: string,
) {
  const client = await playwright.request.newContext();
  try {
    const headers = { ...sent.headers, host: EVIL, "x-forwarded-host": EVIL, cookie: cookies };
    delete (headers as Record<string, string>)["content-length"];
    const res = await client.post(sent.url, {
      headers,
      data: sent.body ?? undefined,
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    const body = await res.text();
    expect(res.status(), `Host and X-Forwarded-Host ${EVIL}: ${body.slice(0, 200)}`).toBe(403);
    expect(body).toContain(REFUSAL);
  } finally {
    await client.dispose();
  }
}

async function expectEveryEmailOnAppUrl(to: string, since: number, count: number) {
  await expect
    .poll(async () => (await emailsTo(to, since)).length, { message: `emails to ${to}`, timeout: 20_000 })
    .toBeGreaterThanOrEqual(count);
  for (const e of await emailsTo(to, since)) expectLinksOnAppUrl(e);
}

async function patientFlow(
  browser: import("@playwright/test").Browser,
  playwright: PlaywrightWorkerArgs["playwright"],
  path: string,
  d: VerificationDetails,
  button: "Send me a link" | "Email me my username",
) {
  const context = await browser.newContext({ baseURL });
  const posted = await withHostileHost(context);
  const page = await context.newPage();
  const since = Date.now();
  await page.goto(path);
  await submitVerification(page, d, button);
  // With JavaScript the form posts to its route (`${path}/send`).
  const formPosts = posted.filter((p) => new URL(p.url).pathname === `${path}/send`);
  expect(formPosts.length, "the form posted nothing to its route").toBeGreaterThan(0);
  for (const p of formPosts) expect(p.status, `${p.url} with a hostile Host`).toBeLessThan(400);
  await expectEveryEmailOnAppUrl(d.email, since, 1);
  await expectLiteralForgeryRefused(playwright, formPosts[0], "");
  await context.close();
  return since;
}

test("create account with a forged Host: the setup link is on APP_URL", async ({ browser, playwright }) => {
  const since = await patientFlow(browser, playwright, "/register", details(REGISTERS), "Send me a link");
  const email = await waitForEmail({ to: REGISTERS.email!, subject: SETUP_SUBJECT, since });
  expect(email.text).toContain(`${baseURL}/setup-account?token=`);
});

test("forgot password with a forged Host: the reset link is on APP_URL", async ({ browser, playwright }) => {
  const since = await patientFlow(browser, playwright, "/forgot-password", TANAKA, "Send me a link");
  const email = await waitForEmail({ to: TANAKA.email, since });
  expect(email.text).toContain(`${baseURL}/reset-password?token=`);
});

test("forgot username (no account yet) with a forged Host: the setup link is on APP_URL", async ({
  browser,
  playwright,
}) => {
  const since = await patientFlow(
    browser,
    playwright,
    "/forgot-username",
    details(FORGETS_USERNAME),
    "Email me my username",
  );
  const email = await waitForEmail({ to: FORGETS_USERNAME.email!, since });
  expect(email.text).toContain(`${baseURL}/setup-account?token=`);
});

test("staff 'Send invitation/reset email' with a forged Host: the link is on APP_URL", async ({ playwright }) => {
  const posted = await withHostileHost(admin);
  try {
    const since = Date.now();
    await adminPage.goto(`/admin?q=${encodeURIComponent(INVITED_BY_STAFF.chartNumber)}`);
    await adminPage.getByRole("link", { name: `${INVITED_BY_STAFF.lastName}, ${INVITED_BY_STAFF.firstName}` }).click();
    await adminPage.getByRole("link", { name: /Edit patient information/ }).click();
    await adminPage.getByRole("link", { name: "Patient Portal", exact: true }).click();
    await adminPage.getByRole("button", { name: "Send invitation/reset email" }).click();
    await expect(adminPage.getByText(/^Invitation queued/)).toBeVisible();
    const actionPosts = posted.filter((p) => p.headers["next-action"]);
    expect(actionPosts.length).toBeGreaterThan(0);
    await expectEveryEmailOnAppUrl(INVITED_BY_STAFF.email!, since, 1);
    const email = await waitForEmail({ to: INVITED_BY_STAFF.email!, subject: SETUP_SUBJECT, since });
    expect(email.text).toContain(`${baseURL}/setup-account?token=`);
    const cookies = (await admin.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    await expectLiteralForgeryRefused(playwright, actionPosts.at(-1)!, cookies);
  } finally {
    await admin.unrouteAll({ behavior: "wait" });
  }
});

test("bulk invitations with a forged Host: every link is on APP_URL", async ({ playwright }) => {
  const posted = await withHostileHost(admin);
  try {
    const since = Date.now();
    await adminPage.goto(`/admin?q=${encodeURIComponent("Zwicky")}`);
    for (const p of BULK) await adminPage.getByLabel(`Select ${p.firstName} ${p.lastName}`).check();
    await adminPage.getByRole("button", { name: "Send invitations to selected patients…" }).click();
    await expect(adminPage.getByText("2 invitations will be sent.")).toBeVisible();
    await adminPage.getByRole("button", { name: "Send 2 invitations" }).click();
    await expect(adminPage.getByText("All done.")).toBeVisible({ timeout: 20_000 });
    // A click before the page has hydrated posts the form natively (no Next-Action header, the action id in the
    // body); either way it is the confirmation post that is replayed below.
    const confirmations = posted.filter((p) => p.headers["next-action"] || p.url.includes("/admin/invitations"));
    expect(confirmations.length).toBeGreaterThan(0);
    for (const p of BULK) {
      await expectEveryEmailOnAppUrl(p.email!, since, 1);
      expect((await waitForEmail({ to: p.email!, subject: SETUP_SUBJECT, since })).text).toContain(
        `${baseURL}/setup-account?token=`,
      );
    }
    const cookies = (await admin.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    await expectLiteralForgeryRefused(playwright, confirmations.at(-1)!, cookies);
  } finally {
    await admin.unrouteAll({ behavior: "wait" });
  }
});

test("an admin adding a staff member with a forged Host: the staff invitation link is on APP_URL", async ({
  playwright,
}) => {
  const posted = await withHostileHost(admin);
  const email = `host.check.${run}@staff.test`;
  try {
    const since = Date.now();
    await adminPage.goto("/admin/staff");
    await adminPage.getByLabel("Name", { exact: true }).fill(`Host Check ${run}`);
    await adminPage.getByLabel("Email", { exact: true }).fill(email);
    await adminPage.getByRole("button", { name: "Add and send invitation" }).click();
    await expect(adminPage.getByText(/An invitation was emailed to/)).toBeVisible();
    await expectEveryEmailOnAppUrl(email, since, 1);
    const sent = await waitForEmail({ to: email, since });
    expect(sent.text).toContain(`${baseURL}/staff-setup?token=`);
    const cookies = (await admin.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    await expectLiteralForgeryRefused(playwright, posted.filter((p) => p.headers["next-action"]).at(-1)!, cookies);
  } finally {
    await admin.unrouteAll({ behavior: "wait" });
  }
});
