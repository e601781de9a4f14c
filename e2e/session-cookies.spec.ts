// Session cookies and Auth.js's own endpoints (docs/security.md S3, S4, S6). The session cookie lives only as
// long as the browser (no Expires, no Max-Age), so closing the browser on a shared or kiosk computer ends the
// session; the 12-hour and idle limits stay on the server. And Auth.js's /api/auth/session and
// /api/auth/signout follow the app's revocation: a revoked cookie gets no session, and signing out there ends
// the session on the server, as the app's own "Sign out" does.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { ADMIN, signInAsStaff } from "./support/staff";
import { DEMO_PATIENT_PASSWORD } from "./support/patient";

const SESSION = /^(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/** Every Set-Cookie header for the session cookie that the browser receives from now on. */
function collectSessionCookies(page: Page) {
  const seen: string[] = [];
  page.on("response", async (r) => {
    for (const h of await r.headersArray()) {
      if (h.name.toLowerCase() === "set-cookie" && SESSION.test(h.value)) seen.push(h.value);
    }
  });
  return seen;
}

/** A cookie that sets a value (not one that deletes it) must have neither attribute. */
function lifetimeAttributes(setCookie: string): string[] {
  const [pair, ...attrs] = setCookie.split(";").map((s) => s.trim());
  if (pair.endsWith("=")) return [];
  return attrs.filter((a) => /^(expires|max-age)=/i.test(a));
}

async function signInPatient(page: Page, username: string, firstName: string) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PATIENT_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Hello, ${firstName}` })).toBeVisible();
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => SESSION.test(`${c.name}=`));
}

test("the patient session cookie ends with the browser: no Expires or Max-Age at sign-in or on any refresh", async ({
  page,
  context,
}) => {
  const seen = collectSessionCookies(page);
  await signInPatient(page, "sobrien", "Sean");
  // Each request refreshes the cookie (idle time counts from the last one): those must not add a lifetime either.
  await page.reload();
  await page.goto("/portal");
  await expect(page.getByRole("heading", { name: "Hello, Sean" })).toBeVisible();
  const fromApi = await page.request.get("/api/auth/session");
  expect((await fromApi.json())?.user).toBeTruthy();
  for (const h of fromApi.headersArray()) if (SESSION.test(h.value)) seen.push(h.value);

  expect(seen.length, "the session cookie was never set").toBeGreaterThan(0);
  expect(seen.flatMap(lifetimeAttributes)).toEqual([]);
  // The browser agrees: a session cookie (expires -1) that goes when the browser closes.
  const cookie = await sessionCookie(context);
  expect(cookie?.expires).toBe(-1);
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});

test("the staff session cookie ends with the browser too", async ({ page, context }) => {
  const seen = collectSessionCookies(page);
  await signInAsStaff(page, ADMIN);
  await page.goto("/admin/audit");
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.flatMap(lifetimeAttributes)).toEqual([]);
  expect((await sessionCookie(context))?.expires).toBe(-1);
});

test("/api/auth/session gives a revoked cookie no session", async ({ page, browser }) => {
  await signInPatient(page, "rnguyen", "Robert");
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();

  const other = await browser.newContext();
  await other.addCookies(copied);
  const res = await other.request.get("/api/auth/session");
  expect(res.status()).toBeLessThan(500);
  expect(await res.json()).toBeNull();
  await other.close();
});

test("/api/auth/signout ends the session on the server and is audited, like the app's own Sign out", async ({
  page,
  browser,
}) => {
  await signInPatient(page, "aboateng", "Ama");
  const copied = await page.context().cookies();
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const out = await page.request.post("/api/auth/signout", {
    form: { csrfToken, callbackUrl: "/login" },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(out.status()).toBeLessThan(500);

  // A copy of the cookie taken before no longer works anywhere.
  const other = await browser.newContext();
  await other.addCookies(copied);
  const thief = await other.newPage();
  await thief.goto("/portal");
  await expect(thief).toHaveURL(/\/login/);
  expect(await (await other.request.get("/api/auth/session")).json()).toBeNull();
  await other.close();

  // The audit trail says so.
  const staff = await browser.newContext();
  const admin = await staff.newPage();
  await signInAsStaff(admin, ADMIN);
  await admin.goto("/admin/audit?event=patient.signed_out");
  await expect(admin.getByRole("link", { name: /Boateng/ }).first()).toBeVisible();
  await staff.close();
});
