// A caller talks the front desk into changing a patient's email, then asks for a reset link with the new
// address and the patient's details: the link is held, the previous address is told, and only after staff
// check with the patient and press Release does the reset email go out (docs/security.md A3).
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { linkIn, waitForEmail } from "./support/mailbox";
import { expectNoEmailsTo, submitVerification } from "./support/patient";
import { signInAsStaff } from "./support/staff";

const FRONT_DESK = { email: "frontdesk@demo.clinic", password: "demo-frontdesk-password" };
// On file: Patrick D'Angelo, patrick.dangelo@example.com, 03/17/1995, ZIP 62704, account set up.
const OLD = "patrick.dangelo@example.com";
const NEW = "patrick.takeover@example.com";

test("a reset asked for just after an email change is held until staff release it", async ({ page, browser }) => {
  await signInAsStaff(page, FRONT_DESK);
  await page.goto("/admin");
  await page.getByLabel("Search patients").fill("D'Angelo");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "D'Angelo, Patrick" }).click();
  await expect(page.getByRole("region", { name: "Patient information" })).toBeVisible();
  const dash = page.url();
  await page.getByRole("link", { name: "Edit patient information" }).click();
  await page.getByLabel("Email", { exact: true }).fill(NEW);
  await page.getByRole("button", { name: "Save Basic Data" }).click();
  await expect(page.getByRole("status")).toContainText("The old email address was told about the change");

  const since = Date.now();
  const caller = await (await browser.newContext()).newPage();
  await caller.goto("/forgot-password");
  await submitVerification(caller, {
    email: NEW,
    lastName: "D'Angelo",
    month: "03",
    day: "17",
    year: "1995",
    zip: "62704",
  });
  // The caller sees the usual answer.
  await expect(caller.getByRole("status")).toContainText(
    "we have sent a link to reset your password to the email address you entered",
  );

  const notice = await waitForEmail({
    to: OLD,
    subject: /^Someone asked for a link to your Patient Portal account/,
    since,
  });
  expect(notice.text).toContain("just after the email address on file was changed");
  expect(notice.text).not.toContain(NEW);
  await expectNoEmailsTo(NEW, since);

  await page.goto(dash);
  const held = page.getByRole("region", { name: "Held link request" });
  await expect(held).toContainText("Forgot password, asked at");
  await expectNoAxeViolations(page);
  await held.getByRole("button", { name: "Release" }).click();
  await expect(held.getByRole("alert")).toContainText("Tick the box to confirm you checked with the patient");
  await expectNoEmailsTo(NEW, since, 1_000);
  await held.getByLabel(/I checked with the patient/).check();
  await held.getByRole("button", { name: "Release" }).click();
  await expect(held.getByRole("status")).toHaveText(
    "Released: the patient will get a link to choose a new password at the email address on file.",
  );

  const reset = await waitForEmail({ to: NEW, subject: /^Reset your Patient Portal password/, since });
  expect(linkIn(reset, "/reset-password")).toMatch(/\/reset-password\?token=/);

  await page.reload();
  await expect(page.getByRole("region", { name: "Held link request" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Portal activity" })).toContainText(
    "Held link request released (staff checked with the patient) by Frankie Desk",
  );
});
