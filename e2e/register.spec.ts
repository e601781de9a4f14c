// A patient creates their portal account end to end, and staff see the icon turn from Unactivated to Active.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { linkIn, waitForEmail } from "./support/mailbox";
import { signInAsStaff } from "./support/staff";
import { fillVerification } from "./support/patient";

test("create account: details with different letter case and ZIP+4, setup link, first sign-in activates", async ({
  page,
  browser,
  baseURL,
}) => {
  const since = Date.now();
  await page.goto("/login");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "I am a registered patient. Create my Patient Portal account" }).click();
  await expect(page.getByRole("heading", { name: "Create your Patient Portal account" })).toBeVisible();
  await expectNoAxeViolations(page);
  // On file: chloe.dubois@example.com, Dubois, 10/10/1999, 62705.
  await fillVerification(page, {
    email: "Chloe.Dubois@Example.com",
    lastName: "DUBOIS",
    month: "10",
    day: "10",
    year: "1999",
    zip: "62705-1234",
  });
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expectNoAxeViolations(page);

  const email = await waitForEmail({
    to: "chloe.dubois@example.com",
    subject: /Create your Patient Portal account/,
    since,
  });
  const link = linkIn(email, "/setup-account");
  expect(link.startsWith(`${baseURL}/setup-account?token=`)).toBe(true);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set up your Patient Portal account" })).toBeVisible();
  // The token leaves the address bar once the page has loaded.
  await expect(page).toHaveURL(/\/setup-account$/);
  await expectNoAxeViolations(page);
  await page.getByLabel("Username").fill("chloe.d");
  await page.getByLabel("New password", { exact: true }).fill("paper lanterns over the river");
  await page.getByLabel("Confirm new password").fill("paper lanterns over the river");
  await page.getByRole("button", { name: "Create my account" }).click();

  // Not signed in automatically: the first sign-in is the activation.
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("Your account is ready. Sign in with your new username and password.")).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveValue("chloe.d");

  const staff = await browser.newPage();
  await signInAsStaff(staff);
  await staff.getByLabel("Search patients").fill("Dubois");
  await staff.getByRole("button", { name: "Search" }).click();
  await expect(staff.getByRole("img", { name: /^Portal status: Unactivated\. Account set up/ })).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill("paper lanterns over the river");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Hello, Chloé" })).toBeVisible();
  await expectNoAxeViolations(page);

  await staff.reload();
  await expect(staff.getByRole("img", { name: /^Portal status: Active\. Last signed in/ })).toBeVisible();
});
