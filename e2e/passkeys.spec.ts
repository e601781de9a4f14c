// Passkeys in every sign-in flow, with Chromium's virtual authenticator (CDP WebAuthn domain: a CTAP2 platform
// authenticator that keeps discoverable credentials and verifies the user): a new staff member sets up a passkey
// instead of an app and gets recovery codes; signs in with the passkey alone; uses it as the second step after
// the password; a patient signs in with a passkey on /login, not on the staff page; an authenticator that does not
// verify its user gets no session. axe finds nothing on each new page state (docs/security.md M1, M3).
import { randomUUID } from "node:crypto";
import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { linkIn, waitForEmail } from "./support/mailbox";
import { newPatientWithAccount } from "./support/new-patient";
import { ADMIN, signInAsStaff } from "./support/staff";

test.describe.configure({ mode: "serial" });

const MEMBER_PASSWORD = "lanterns under the old oak tree";

type Authenticator = { cdp: CDPSession; authenticatorId: string };

/** A platform authenticator for this page, as a phone's or laptop's built-in one: resident keys, user verified. */
async function addVirtualAuthenticator(page: Page, opts: { isUserVerified?: boolean } = {}): Promise<Authenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: opts.isUserVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function credentialCount(a: Authenticator) {
  return (await a.cdp.send("WebAuthn.getCredentials", { authenticatorId: a.authenticatorId })).credentials.length;
}

const staffHome = (page: Page) => expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();

async function signOutStaff(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
}

const suffix = randomUUID().slice(0, 6);
const member = { name: `Robin Quill ${suffix}`, email: `robin.${suffix}@staff.test` };

test("a new staff member sets up a passkey instead of an app, saves recovery codes, then signs in with the passkey alone and with it as the second step", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const since = Date.now();
  // The admin invites them.
  await signInAsStaff(page, ADMIN);
  await page.goto("/admin/staff");
  await page.getByLabel("Name", { exact: true }).fill(member.name);
  await page.getByLabel("Email", { exact: true }).fill(member.email);
  await page.getByRole("radio", { name: "Front desk" }).check();
  await page.getByRole("button", { name: "Add and send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${member.name} was added as front desk` })).toBeVisible();
  const mail = await waitForEmail({ to: member.email, subject: /^Set up your Patient Portal staff account/, since });

  const context = await browser.newContext();
  const me = await context.newPage();
  const authenticator = await addVirtualAuthenticator(me);
  await me.goto(linkIn(mail, "/staff-setup"));
  await me.getByLabel("New password", { exact: true }).fill(MEMBER_PASSWORD);
  await me.getByLabel("Confirm new password").fill(MEMBER_PASSWORD);
  await me.getByRole("button", { name: "Save my password" }).click();
  await expect(me).toHaveURL(/\/admin\/login\?setup=done$/);

  // The password, then the set-up page: the app, or a passkey instead.
  await me.getByLabel("Email").fill(member.email);
  await me.getByLabel("Password", { exact: true }).fill(MEMBER_PASSWORD);
  await me.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(me.getByRole("heading", { name: "Set up two-step sign-in", level: 1 })).toBeVisible();
  await expect(me.getByRole("heading", { name: "Or use a passkey instead" })).toBeVisible();
  await expectNoAxeViolations(me);
  await me.getByRole("button", { name: "Use a passkey instead" }).click();
  await expect(me.getByRole("status").filter({ hasText: "Your passkey is set up." })).toBeVisible();
  expect(await credentialCount(authenticator)).toBe(1);
  const codes = await me.locator(".code-list code").allInnerTexts();
  expect(codes).toHaveLength(10);
  for (const c of codes) expect(c).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/i);
  // The app's form is gone: one way was set up.
  await expect(me.getByLabel("Code from the app")).toHaveCount(0);
  await expectNoAxeViolations(me);
  await me.getByRole("button", { name: "I have saved my codes: continue" }).click();
  await staffHome(me);
  await signOutStaff(me);

  // The passkey alone: no email, no password, no code.
  await me.goto("/admin/login");
  await expect(me.getByRole("heading", { name: "Or use a passkey" })).toBeVisible();
  await expectNoAxeViolations(me);
  await me.getByRole("button", { name: "Sign in with a passkey" }).click();
  await staffHome(me);
  await signOutStaff(me);

  // The password, then the passkey as the second step.
  await me.goto("/admin/login");
  await me.getByLabel("Email").fill(member.email);
  await me.getByLabel("Password", { exact: true }).fill(MEMBER_PASSWORD);
  await me.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(me).toHaveURL(/\/admin\/login\/second-step$/);
  await expect(me.getByRole("heading", { name: "Use your passkey" })).toBeVisible();
  await expect(me.getByRole("link", { name: "Lost your passkey? Use a recovery code" })).toBeVisible();
  await expectNoAxeViolations(me);
  await me.getByRole("button", { name: "Use your passkey" }).click();
  await staffHome(me);

  // The audit trail names how each sign-in was made, and never the credential.
  await page.goto(`/admin/audit?event=staff.signed_in`);
  const rows = page.locator("main table tbody tr").filter({ hasText: member.name });
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "passkey_set_up" })).toHaveCount(1);
  await context.close();
});

test("a patient adds a passkey on the portal, then signs in on /login with it alone; a staff page refuses a patient's passkey; without user verification no one is signed in", async ({
  browser,
}) => {
  // A patient of this spec's own: signing in changes a patient's status, which other specs read for demo patients.
  const patient = await newPatientWithAccount(browser, {
    firstName: "Patrice",
    lastName: "Keyholder",
    tag: "pk",
    dob: { month: "2", day: "14", year: "1986" },
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  const authenticator = await addVirtualAuthenticator(page);

  // With the password first, a passkey added from the portal.
  await page.goto("/login");
  await page.getByLabel("Username").fill(patient.username);
  await page.getByLabel("Password", { exact: true }).fill(patient.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Hello, ${patient.firstName}` })).toBeVisible();
  await page.goto("/portal/second-step/passkey");
  await page.getByLabel("Name for this passkey").fill("Laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page).toHaveURL(/\/portal\?done=added$/);
  expect(await credentialCount(authenticator)).toBe(1);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);

  // On the staff page the patient's passkey is refused.
  await page.goto("/admin/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByText("That passkey could not sign you in.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);

  // On the patient page it signs the patient in: no username, no password.
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Or use a passkey" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: `Hello, ${patient.firstName}` })).toBeVisible();
  await expect(page.getByText("Passkey “Laptop”, added today, last used today.")).toBeVisible();

  // The same authenticator, no longer verifying its user (no fingerprint, face or PIN): no session.
  // Off the portal first, so no request still in flight brings the session cookie back.
  await page.goto("about:blank");
  await context.clearCookies();
  await authenticator.cdp.send("WebAuthn.setUserVerified", {
    authenticatorId: authenticator.authenticatorId,
    isUserVerified: false,
  });
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(
    page.getByText(/The passkey (was not used|could not be used)|That passkey could not sign you in/).first(),
  ).toBeVisible();
  await expect(page.getByText("Sign in with your username and password instead.").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  await context.close();
});
