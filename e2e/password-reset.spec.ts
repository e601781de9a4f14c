// A signed-in patient forgets her password on another device: she resets it with the emailed link, the old
// password stops working, the new one works, and the session on the other device ends.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { linkIn, waitForEmail } from "./support/mailbox";
import { DEMO_PATIENT_PASSWORD, signInAsPatient, submitVerification } from "./support/patient";

// On file: María García-López, maria.garcia@example.com, 04/12/1978, ZIP 62701, username mgarcia.
const NEW_PASSWORD = "copper kettle singing at dawn";

test("forgot password: name typed without accents, reset link, old password refused, other device signed out", async ({
  page,
  browser,
  baseURL,
}) => {
  const since = Date.now();

  // Another device where she is still signed in.
  const otherDevice = await browser.newContext();
  const other = await otherDevice.newPage();
  await other.goto("/login");
  await signInAsPatient(other, "mgarcia", DEMO_PATIENT_PASSWORD, "Maria");

  await page.goto("/login");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "I forgot my password" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { name: "Reset your password", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  // No accents and a space for the hyphen: the practice still recognises her.
  await submitVerification(page, {
    email: "maria.garcia@example.com",
    lastName: "garcia lopez",
    month: "04",
    day: "12",
    year: "1978",
    zip: "62701",
  });
  await expect(page.getByRole("status")).toContainText(
    "we have sent a link to reset your password to the email address you entered",
  );
  await expectNoAxeViolations(page);

  const resetEmail = await waitForEmail({
    to: "maria.garcia@example.com",
    subject: /^Reset your Patient Portal password – Riverside Family Medicine$/,
    since,
  });
  const link = linkIn(resetEmail, "/reset-password");
  expect(link.startsWith(`${baseURL}/reset-password?token=`)).toBe(true);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password", level: 1 })).toBeVisible();
  // The page says whose password this is, and drops the token from the address bar.
  await expect(page.getByText("Username: mgarcia")).toBeVisible();
  await expect(page).toHaveURL(/\/reset-password$/);
  await expectNoAxeViolations(page);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save new password" }).click();

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText("Your password has been changed. Sign in with your new password.");
  await expect(page.getByLabel("Username")).toHaveValue("mgarcia");
  await expectNoAxeViolations(page);

  // She is told by email that her password changed.
  const notice = await waitForEmail({
    to: "maria.garcia@example.com",
    subject: /^Your Patient Portal password was changed – Riverside Family Medicine$/,
    since,
  });
  expect(notice.text).toContain("The password for your Patient Portal account was changed.");
  expect(notice.text).not.toContain("token=");

  // The old password no longer works, and the message does not say which part was wrong.
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PATIENT_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(
    page.getByText(
      "Username or password is not right. Check them and try again, or use the links below if you forgot them.",
    ),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await expectNoAxeViolations(page);

  await signInAsPatient(page, "mgarcia", NEW_PASSWORD, "Maria");
  await expectNoAxeViolations(page);

  // The other device's session ended with the reset.
  await other.reload();
  await expect(other).toHaveURL(/\/login$/);
  await expect(other.getByRole("heading", { name: "Sign in to your Patient Portal" })).toBeVisible();
  await otherDevice.close();
});
