// With JavaScript off (old phones, strict browser settings, a failed script download) a patient can still
// create an account, set a password, sign in and reset a forgotten password: every form is a plain HTML form the
// server answers.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolationsWithoutJs as expectNoAxeViolations } from "./support/axe-no-js";
import { linkIn, waitForEmail } from "./support/mailbox";
import { fillVerification } from "./support/patient";

test("create an account, sign in and reset a forgotten password with JavaScript turned off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const since = Date.now();

  await page.goto("/login");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "I am a registered patient. Create my Patient Portal account" }).click();
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByRole("heading", { name: "Create your Patient Portal account", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  // On file: Ahmed Haddad, ahmed.haddad@example.com, 05/15/1983, 62721; no account yet.
  await fillVerification(page, {
    email: "ahmed.haddad@example.com",
    lastName: "Haddad",
    month: "05",
    day: "15",
    year: "1983",
    zip: "62721",
  });
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("we have sent a link to set up your account");
  await expectNoAxeViolations(page);

  const email = await waitForEmail({
    to: "ahmed.haddad@example.com",
    subject: /^Create your Patient Portal account – Riverside Family Medicine$/,
    since,
  });
  const link = linkIn(email, "/setup-account");

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set up your Patient Portal account", level: 1 })).toBeVisible();
  // Even without JavaScript the token has left the address bar (the server redirected to the clean page).
  await expect(page).toHaveURL(/\/setup-account$/);
  await expectNoAxeViolations(page);
  await page.getByLabel("Username").fill("ahmed.h");
  await page.getByLabel("New password", { exact: true }).fill("olive groves under evening light");
  await page.getByLabel("Confirm new password").fill("olive groves under evening light");

  await page.getByRole("button", { name: "Create my account" }).click();

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText(
    "Your account is ready. Sign in with your new username and password.",
  );
  await expect(page.getByLabel("Username")).toHaveValue("ahmed.h");
  await expectNoAxeViolations(page);

  await page.getByLabel("Password", { exact: true }).fill("olive groves under evening light");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: "Hello, Ahmed", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();

  // Later, on another device (still without JavaScript), he has forgotten that password.
  const other = await browser.newContext({ javaScriptEnabled: false });
  const device = await other.newPage();
  const resetSince = Date.now();
  await device.goto("/login");
  await device.getByRole("link", { name: "I forgot my password" }).click();
  await expect(device).toHaveURL(/\/forgot-password$/);
  await expect(device.getByRole("heading", { name: "Reset your password", level: 1 })).toBeVisible();
  await expectNoAxeViolations(device);
  await fillVerification(device, {
    email: "ahmed.haddad@example.com",
    lastName: "Haddad",
    month: "05",
    day: "15",
    year: "1983",
    zip: "62721",
  });
  await device.getByRole("button", { name: "Send me a link" }).click();
  await expect(device.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(device.getByRole("status")).toContainText("we have sent a link to reset your password");
  await expectNoAxeViolations(device);

  const resetEmail = await waitForEmail({
    to: "ahmed.haddad@example.com",
    subject: /^Reset your Patient Portal password – Riverside Family Medicine$/,
    since: resetSince,
  });
  await device.goto(linkIn(resetEmail, "/reset-password"));
  await expect(device.getByRole("heading", { name: "Choose a new password", level: 1 })).toBeVisible();
  await expect(device).toHaveURL(/\/reset-password$/);
  await expect(device.getByText("Username: ahmed.h")).toBeVisible();
  await expectNoAxeViolations(device);
  await device.getByLabel("New password", { exact: true }).fill("harbour lights over quiet water");
  await device.getByLabel("Confirm new password").fill("harbour lights over quiet water");
  await device.getByRole("button", { name: "Save new password" }).click();

  await expect(device).toHaveURL(/\/login$/);
  await expect(device.getByRole("status")).toHaveText(
    "Your password has been changed. Sign in with your new password.",
  );
  await expect(device.getByLabel("Username")).toHaveValue("ahmed.h");
  await device.getByLabel("Password", { exact: true }).fill("harbour lights over quiet water");
  await device.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(device).toHaveURL(/\/portal$/);
  await expect(device.getByRole("heading", { name: "Hello, Ahmed", level: 1 })).toBeVisible();
  await other.close();
});
