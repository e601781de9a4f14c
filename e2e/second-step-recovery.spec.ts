// Losing the second step (issue 12, "Recovery", docs/security.md M9). A patient whose authenticator app is gone
// uses "Get help signing in": the four details earn a recovery link at the address on file (read from the fake
// Resend), which removes the app only once the password is proven, works once, and leaves sign-in with the password
// alone. And a patient who calls: staff "Remove second step" on the Patient Portal tab, refused soon after an email
// change until staff tick that they verified the caller. The app is added through the portal, with codes computed
// here from the key the page shows (the e2e server's AUTH_SECRET is random per run, so nothing is sealed here).
import { randomUUID } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { totpCodeAt, totpStepAt } from "@/lib/second-factor/totp";
import { expectNoAxeViolations } from "./support/axe";
import { newPatientWithAccount } from "./support/new-patient";
import { linkIn, waitForEmail } from "./support/mailbox";
import { submitVerification } from "./support/patient";
import { signInAsStaff } from "./support/staff";

test.describe.configure({ mode: "serial" });

const run = randomUUID().slice(0, 5);
type Patient = { id: string; firstName: string; lastName: string; email: string; username: string; password: string };
const DOB = { month: "6", day: "21", year: "1983" };

/** A patient of this spec's own (e2e/support/new-patient.ts). */
const newPatient = (browser: Browser, firstName: string, tag: string): Promise<Patient> =>
  newPatientWithAccount(browser, { firstName, lastName: "Recover", tag, dob: DOB });

async function passwordStep(page: Page, p: Patient) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(p.username);
  await page.getByLabel("Password", { exact: true }).fill(p.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const portal = (page: Page, p: Patient) =>
  expect(page.getByRole("heading", { name: `Hello, ${p.firstName}`, level: 1 })).toBeVisible();

/** Signs in and adds an authenticator app from the portal, then signs out. */
async function withAuthenticatorApp(page: Page, p: Patient) {
  await passwordStep(page, p);
  await portal(page, p);
  await page.getByRole("link", { name: "Use an authenticator app" }).click();
  const key = (await page.locator("code.key-text").innerText()).replace(/\s+/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Name for this app").fill("Old phone");
  await page.getByLabel("Code from the app").fill(totpCodeAt(key, totpStepAt(new Date())));
  await page.getByRole("button", { name: "Add this app" }).click();
  await expect(page).toHaveURL(/\/portal\?done=added$/);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("a patient who lost their authenticator app: help form, emailed link, password, then the password alone signs in", async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  const cora = await newPatient(browser, "Cora", "self");
  await withAuthenticatorApp(page, cora);

  // The app is asked for; the phone is gone, so: "Get help signing in".
  await passwordStep(page, cora);
  await expect(page).toHaveURL(/\/login\/second-step/);
  await page.getByRole("link", { name: "Get help signing in" }).click();
  await expect(page.getByRole("heading", { name: "Cannot get your sign-in code?", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  const since = Date.now();
  await submitVerification(page, { email: cora.email, lastName: cora.lastName, ...DOB, zip: "62704" });
  await expect(page.getByRole("status")).toContainText(
    "we have sent a link to remove your second sign-in step to the email address you entered",
  );
  await expectNoAxeViolations(page);

  const mail = await waitForEmail({ to: cora.email, subject: /Remove the second sign-in step/, since });
  const link = linkIn(mail, "/second-step-recovery");
  await page.goto(link);
  // The proxy moved the token out of the address.
  await expect(page).toHaveURL(/\/second-step-recovery$/);
  await expect(page.getByRole("heading", { name: "Remove your second sign-in step", level: 1 })).toBeVisible();
  await expect(page.getByText(`Username: ${cora.username}`)).toBeVisible();
  await expectNoAxeViolations(page);

  // A wrong password: refused, nothing removed, the form stays.
  await page.getByLabel("Password", { exact: true }).fill("not my password at all");
  await page.getByRole("button", { name: "Remove my second step" }).click();
  await expect(page.getByText("That password is not right").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The right one: removed, and the page says what to do next.
  await page.getByLabel("Password", { exact: true }).fill(cora.password);
  await page.getByRole("button", { name: "Remove my second step" }).click();
  await expect(page.getByRole("heading", { name: "Your second sign-in step was removed", level: 2 })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Then add a new second step on your portal page");
  await expectNoAxeViolations(page);
  await waitForEmail({ to: cora.email, subject: /A second sign-in step was removed/, since });

  // The link works once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link has already been used", level: 1 })).toBeVisible();

  // The password alone signs in now.
  await passwordStep(page, cora);
  await portal(page, cora);
});

test("staff Remove second step soon after an email change: refused until staff tick that they verified the caller", async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  const dev = await newPatient(browser, "Dev", "desk");
  const patientPage = await browser.newPage();
  await withAuthenticatorApp(patientPage, dev);

  // The caller asks the front desk for a new email address first.
  await signInAsStaff(page);
  const fresh = `dev.new${run}@example.com`;
  await page.goto(`/admin/patients/${dev.id}/edit?tab=basic`);
  await page.getByLabel("Email", { exact: true }).fill(fresh);
  await page.getByRole("button", { name: "Save Basic Data" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await page.goto(`/admin/patients/${dev.id}/edit?tab=portal`);
  await expect(page.getByRole("heading", { name: "Second step", level: 2 })).toBeVisible();
  await expect(page.getByText("app", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Remove second step" }).click();
  await expect(page.getByText("Remove every second step of this patient?")).toBeVisible();
  await expectNoAxeViolations(page);

  // Without the box: refused, nothing removed.
  await page.getByRole("button", { name: "Yes, remove second step" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Confirm that you verified the caller's identity" }),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByText("app", { exact: true })).toBeVisible();

  // With it: removed, the patient told at the address on file.
  const since = Date.now();
  await page.getByRole("button", { name: "Remove second step" }).click();
  await page.getByLabel(/I verified the caller's identity/).check();
  await page.getByRole("button", { name: "Yes, remove second step" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Second step removed." })).toBeVisible();
  await expectNoAxeViolations(page);
  await waitForEmail({ to: fresh, subject: /A second sign-in step was removed/, since });
  await page.reload();
  await expect(page.getByText("none", { exact: true })).toBeVisible();

  // The dash's activity says what happened, in words.
  await page.goto(`/admin/patients/${dev.id}`);
  await expect(page.getByText("Second sign-in step removed", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("Removed by staff (Remove second step)").first()).toBeVisible();

  // The patient signs in with the password alone.
  await passwordStep(patientPage, dev);
  await portal(patientPage, dev);
});
