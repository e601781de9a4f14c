// Emailed setup and reset links: mail scanners that open them do no harm, and a link that no longer works
// (used, replaced, expired, never valid) says why and what to do next.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { linkIn, waitForEmail, type SentEmail } from "./support/mailbox";
import { PRACTICE_PHONE, signInAsPatient, submitVerification, type VerificationDetails } from "./support/patient";

const SETUP_SUBJECT = /^Create your Patient Portal account – Riverside Family Medicine$/;

async function requestSetupLink(page: Page, d: VerificationDetails): Promise<{ email: SentEmail; link: string }> {
  const since = Date.now();
  await page.goto("/register");
  await submitVerification(page, d);
  const email = await waitForEmail({ to: d.email, subject: SETUP_SUBJECT, since });
  return { email, link: linkIn(email, "/setup-account") };
}

async function completeSetup(page: Page, link: string, username: string, password: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set up your Patient Portal account", level: 1 })).toBeVisible();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText(
    "Your account is ready. Sign in with your new username and password.",
  );
}

test("a mail scanner opening the link three times does not use it up", async ({ page, playwright }) => {
  // On file: Kwame Asante, kwame.asante@example.com, 11/11/1980, 62708; no account yet.
  const { link } = await requestSetupLink(page, {
    email: "kwame.asante@example.com",
    lastName: "Asante",
    month: "11",
    day: "11",
    year: "1980",
    zip: "62708",
  });

  // Plain GETs with no cookies and no JavaScript, as a link-checking mail gateway makes them: each one from a
  // fresh client, following the redirect that moves the token out of the address.
  for (let i = 0; i < 3; i++) {
    const scanner = await playwright.request.newContext();
    const res = await scanner.get(link);
    expect(res.status()).toBe(200);
    const html = await res.text();
    // The page served is the setup form itself, not a link problem.
    expect(html).toContain("<h1>Set up your Patient Portal account</h1>");
    expect(html).not.toMatch(/<h1>This link /);
    await scanner.dispose();
  }

  const response = await page.goto(link);
  expect(response?.status()).toBe(200);
  // The token left the address bar before the page was shown.
  await expect(page).toHaveURL(/\/setup-account$/);
  await expect(page.getByRole("heading", { name: "Set up your Patient Portal account", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Username").fill("kwame.asante");
  await page.getByLabel("New password", { exact: true }).fill("mango trees along the harbour");
  await page.getByLabel("Confirm new password").fill("mango trees along the harbour");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText(
    "Your account is ready. Sign in with your new username and password.",
  );
  await expectNoAxeViolations(page);
  await signInAsPatient(page, "kwame.asante", "mango trees along the harbour", "Kwame");
});

test("a link opened again after setup says it was already used, with a way to get a new one and the phone number", async ({
  page,
}) => {
  // On file: Samuel Mensah, sam.mensah@example.com, 06/02/1947, 62706; a staff invite he never used.
  const { link } = await requestSetupLink(page, {
    email: "sam.mensah@example.com",
    lastName: "Mensah",
    month: "06",
    day: "02",
    year: "1947",
    zip: "62706",
  });
  await completeSetup(page, link, "sam.mensah", "blue heron over quiet water");

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link has already been used", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Set up your Patient Portal account" })).toHaveCount(0);
  const main = page.getByRole("main");
  await expect(main.getByText("Each link works once. If you did not finish, ask for a new link.")).toBeVisible();
  await expect(main.getByRole("link", { name: PRACTICE_PHONE })).toBeVisible();
  await expect(main.getByRole("link", { name: PRACTICE_PHONE })).toHaveAttribute("href", "tel:5550102000");
  await expectNoAxeViolations(page);
  await main.getByRole("link", { name: "Get a new account setup link" }).click();
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByRole("heading", { name: "Create your Patient Portal account", level: 1 })).toBeVisible();
});

test("only the newest link works: an earlier one says it has been replaced", async ({ page }) => {
  // On file: Zoë McAllister, zoe.mcallister@example.com, 08/08/2003, ZIP 62718-9999; a staff invite pending.
  const zoe = {
    email: "zoe.mcallister@example.com",
    lastName: "McAllister",
    month: "08",
    day: "08",
    year: "2003",
    zip: "62718",
  };
  const first = await requestSetupLink(page, zoe);
  const second = await requestSetupLink(page, zoe);
  expect(second.email.id).not.toBe(first.email.id);
  expect(second.link).not.toBe(first.link);

  await page.goto(first.link);
  await expect(page.getByRole("heading", { name: "This link has been replaced", level: 1 })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Get a new account setup link" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: PRACTICE_PHONE })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(second.link);
  await expect(page.getByRole("heading", { name: "Set up your Patient Portal account", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Username")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create my account" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an expired link says so", async ({ page }) => {
  const file = path.join(path.dirname(test.info().config.configFile!), "test-results", "e2e-database.json");
  test.skip(
    !existsSync(file),
    "needs the PostgreSQL e2e database to create an already-expired link; covered on PGlite by lib/tokens integration tests",
  );
  const { url } = JSON.parse(readFileSync(file, "utf8")) as { url: string };
  const token = randomBytes(32).toString("base64url");
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // Lucas Moreau has no account and no link; this one was sent two days ago and ran out an hour ago.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const inserted = await sql`
      insert into account_tokens (token_hash, purpose, patient_id, expires_at, created_at)
      select encode(sha256(convert_to(${token}, 'UTF8')), 'hex'), 'setup', id, now() - interval '1 hour', now() - interval '2 days'
      from patients where email = 'lucas.moreau@example.com'
      returning token_hash`;
    expect(inserted).toHaveLength(1);
  } finally {
    await sql.end();
  }

  await page.goto(`/setup-account?token=${token}`);
  await expect(page.getByRole("heading", { name: "This link has expired", level: 1 })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Get a new account setup link" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a token that was never issued is not valid", async ({ page }) => {
  await page.goto("/reset-password?token=abc");
  await expect(page.getByRole("heading", { name: "This link is not valid", level: 1 })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main.getByText("It may have been copied only in part.")).toBeVisible();
  await expect(main.getByRole("link", { name: "Get a new password link" })).toHaveAttribute("href", "/forgot-password");
  await expect(main.getByRole("link", { name: PRACTICE_PHONE })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a second-step recovery token that was never issued is not valid, and says where to ask again", async ({
  page,
}) => {
  await page.goto("/second-step-recovery?token=abc");
  await expect(page.getByRole("heading", { name: "This link is not valid", level: 1 })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Get a new second-step help link" })).toHaveAttribute(
    "href",
    "/second-step-help",
  );
  await expectNoAxeViolations(page);
});

test("a link's token never stays in the address, and no Referer carries it anywhere", async ({
  page,
  playwright,
  baseURL,
}) => {
  const client = await playwright.request.newContext({ baseURL });
  for (const p of ["/setup-account", "/reset-password", "/second-step-recovery"]) {
    // The link itself answers with a redirect to the clean address, sending no Referer and caching nothing.
    const landing = await client.get(`${p}?token=abc`, { maxRedirects: 0 });
    expect(landing.status(), p).toBe(303);
    const location = new URL(landing.headers()["location"], baseURL);
    expect(location.pathname, p).toBe(p);
    expect(location.search, p).toBe("");
    expect(landing.headers()["referrer-policy"], p).toBe("no-referrer");
    expect(landing.headers()["cache-control"], p).toBe("no-store");
    // The clean page keeps referrers on our own site only (so its form still sends a real Origin).
    const response = await page.goto(`${p}?token=abc`);
    await expect(page).toHaveURL(new RegExp(`${p}$`));
    expect(response!.headers()["referrer-policy"], p).toBe("same-origin");
    expect(response!.headers()["cache-control"], p).toContain("no-store");
  }
  await client.dispose();
  // Pages without a token keep the site-wide policy.
  const login = await page.goto("/login");
  expect(login!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});
