// Front desk fixes a patient's portal access from the dash, as the seed describes, and sees the result.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { linkIn, waitForEmail } from "./support/mailbox";
import { signInAsStaff } from "./support/staff";
import { signInAsPatient, submitVerification } from "./support/patient";

const FRONT_DESK = { email: "frontdesk@demo.clinic", password: "demo-frontdesk-password" };

async function openDash(page: import("@playwright/test").Page, search: string, name: string) {
  await page.goto("/admin");
  await page.getByLabel("Search patients").fill(search);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("region", { name: "Patient information" })).toBeVisible();
}

test("fix an Inactive patient, invite them, and watch the icon turn Active after their first sign-in", async ({
  page,
  browser,
}) => {
  // On file: Winston Adeyemi, no ZIP code, portal access off.
  await signInAsStaff(page, FRONT_DESK);
  await openDash(page, "Adeyemi", "Adeyemi, Winston");
  await expect(
    page.getByRole("list", { name: "Why the patient cannot access the portal" }).getByRole("listitem"),
  ).toHaveText(["Portal access is not enabled", "No ZIP code on file"]);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Add a ZIP code" }).click();
  await expect(page.getByRole("link", { name: "Basic Data" })).toHaveAttribute("aria-current", "page");
  await expectNoAxeViolations(page);
  await page.getByLabel("ZIP code").fill("62723");
  await page.getByRole("button", { name: "Save Basic Data" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");

  await page.getByRole("link", { name: "Patient Portal", exact: true }).click();
  await expect(page.getByRole("button", { name: "Send invitation/reset email" })).toBeDisabled();
  await expect(page.getByText("Cannot send: Portal access is not enabled.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Patient Can Access Portal").check();
  await page.getByRole("button", { name: "Save portal access" }).click();
  await expect(page.getByText(/^Portal access is on\. Nothing was sent/)).toBeVisible();
  await page.reload();
  const since = Date.now();
  await page.getByRole("button", { name: "Send invitation/reset email" }).click();
  await expect(page.getByText(/^Invitation queued/)).toBeVisible();

  const email = await waitForEmail({
    to: "winston.adeyemi@example.com",
    subject: /Create your Patient Portal account/,
    since,
  });
  // An invitation from the practice lasts a week.
  expect(email.text).toMatch(/7 days/);
  const patient = await browser.newPage();
  await patient.goto(linkIn(email, "/setup-account"));
  await patient.getByLabel("Username").fill("wadeyemi");
  await patient.getByLabel("New password", { exact: true }).fill("quiet mornings by the lake");
  await patient.getByLabel("Confirm new password").fill("quiet mornings by the lake");
  await patient.getByRole("button", { name: "Create my account" }).click();
  await expect(patient).toHaveURL(/\/login$/);
  await signInAsPatient(patient, "wadeyemi", "quiet mornings by the lake", "Winston");

  await page.getByRole("link", { name: /Back to Winston Adeyemi/ }).click();
  await expect(
    page.getByRole("region", { name: "Patient information" }).getByRole("img", { name: /^Portal status: Active/ }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Portal activity" })).toContainText("First sign-in: portal activated");
  await expect(page.getByRole("region", { name: "Portal activity" })).toContainText(
    "Invitation email sent by staff by Frankie Desk",
  );
});

test("the activity timeline shows which item did not match after a patient types a wrong ZIP code", async ({
  page,
  browser,
}) => {
  // On file: Ama Boateng, ama.boateng@example.com, 04/04/1997, ZIP 62716.
  const patient = await browser.newPage();
  await patient.goto("/register");
  await submitVerification(patient, {
    email: "ama.boateng@example.com",
    lastName: "Boateng",
    month: "4",
    day: "4",
    year: "1997",
    zip: "62799",
  });
  await signInAsStaff(page);
  await openDash(page, "Boateng", "Boateng, Ama");
  const activity = page.getByRole("region", { name: "Portal activity" });
  await expect(async () => {
    await page.reload();
    await expect(activity).toContainText("Create account: verification did not match", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(activity).toContainText("ZIP code did not match");
  await expect(activity).not.toContainText("62799");
  await expectNoAxeViolations(page);
});

test("two staff editing the same patient: the second save is refused and shows the current values", async ({
  page,
  browser,
}) => {
  await signInAsStaff(page);
  await openDash(page, "Haddad", "Haddad, Ahmed");
  await page.getByRole("link", { name: /Edit patient information/ }).click();
  const other = await browser.newPage();
  await signInAsStaff(other, FRONT_DESK);
  await other.goto(page.url());
  await other.getByLabel("Phone").fill("(555) 777-0001");
  await other.getByRole("button", { name: "Save Basic Data" }).click();
  await expect(other.getByRole("status")).toHaveText("Saved.");

  await page.getByLabel("City").fill("Chicago");
  await page.getByRole("button", { name: "Save Basic Data" }).click();
  await expect(page.getByText(/This record changed since you opened it/)).toBeVisible();
  await expect(page.getByLabel("Phone")).toHaveValue("(555) 777-0001");
  await expect(page.getByLabel("City")).toHaveValue("Springfield");
});

test("bulk invitations: selected patients are invited, the skipped ones are counted, progress is shown", async ({
  page,
}) => {
  await signInAsStaff(page);
  await page.getByLabel("Search patients").fill("Nguyen");
  await page.getByRole("button", { name: "Search" }).click();
  // Linh and Minh are Unactivated; Robert is Active and is skipped.
  for (const name of ["Linh Nguyen", "Minh Nguyen", "Robert Nguyen"]) await page.getByLabel(`Select ${name}`).check();
  const since = Date.now();
  await page.getByRole("button", { name: "Send invitations to selected patients…" }).click();
  await expect(page.getByText("2 invitations will be sent.")).toBeVisible();
  await expect(page.getByText("1 already Active")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Send 2 invitations" }).click();
  await expect(page.getByRole("heading", { name: "Invitations" })).toBeVisible();
  await expect(page.getByText("All done.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Sent 2 of 2")).toBeVisible();
  await expectNoAxeViolations(page);
  await waitForEmail({ to: "nguyen.family@example.com", subject: /Create your Patient Portal account/, since });

  // "Send invitations to Unactivated patients" shows what a whole-list run would do before anything is sent.
  await page.goto("/admin?status=unactivated");
  await page.getByRole("link", { name: /^Send invitations to Unactivated patients \(\d+\)…$/ }).click();
  await expect(page.getByText(/^\d+ invitations? will be sent\.$/)).toBeVisible();
  await expect(page.getByText(/already invited in the last 7 days/)).toBeVisible();
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

test("staff add a patient, are warned about a likely duplicate, and the new patient shows as Inactive", async ({
  page,
}) => {
  await signInAsStaff(page, FRONT_DESK);
  await page.getByRole("link", { name: "Add patient" }).click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("link", { name: "Chart number: Enter the chart number" })).toBeVisible();
  await page.getByLabel("Chart number").fill("MRN-20001");
  // Grace Okafor (09/15/1951) is on file: "O Kafor" is the same name as verification compares it.
  await page.getByLabel("First name").fill("Gracie");
  await page.getByLabel("Last name").fill("O Kafor");
  await page.getByLabel("Date of birth").fill("09/15/1951");
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByText(/same last name and date of birth is already on file/)).toBeVisible();
  await page.getByLabel(/This is a different person from/).check();
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByRole("region", { name: "Patient information" })).toContainText("MRN-20001");
  await expect(
    page.getByRole("list", { name: "Why the patient cannot access the portal" }).getByRole("listitem"),
  ).toHaveText(["Portal access is not enabled", "No email address on file", "No ZIP code on file"]);
});

test("Add patient keeps every field and the access tick through the duplicate warning, and Add anyway adds the patient with access on", async ({
  page,
}) => {
  await signInAsStaff(page, FRONT_DESK);
  await page.getByRole("link", { name: "Add patient" }).click();
  // Grace Okafor (09/15/1951) is on file: a twin with her last name and date of birth raises the warning.
  const typed: [string, string][] = [
    ["Chart number", "MRN-20002"],
    ["First name", "Gloria"],
    ["Last name", "Okafor"],
    ["Date of birth", "09/15/1951"],
    ["Email", "gloria.okafor@example.org"],
    ["ZIP code", "62704"],
    ["Phone", "(555) 010-4477"],
    ["Address", "12 Elm Street"],
    ["Address line 2", "Apt 3"],
    ["City", "Springfield"],
    ["State", "IL"],
  ];
  for (const [label, value] of typed) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel("Patient Can Access Portal").check();
  await page.getByRole("button", { name: "Add patient" }).click();
  await expect(page.getByText(/same last name and date of birth is already on file/)).toBeVisible();
  // Everything comes back as typed, the tick included.
  for (const [label, value] of typed) await expect(page.getByLabel(label, { exact: true })).toHaveValue(value);
  await expect(page.getByLabel("Patient Can Access Portal")).toBeChecked();
  await expectNoAxeViolations(page);
  await page.getByLabel(/This is a different person from/).check();
  await page.getByRole("button", { name: "Add patient" }).click();
  const block = page.getByRole("region", { name: "Patient information" });
  await expect(block).toContainText("MRN-20002");
  await expect(block.getByRole("img", { name: /^Portal status:/ })).toHaveAttribute(
    "aria-label",
    /^Portal status: Unactivated/,
  );
  await page.goto(`${new URL(page.url()).pathname}/edit?tab=portal`);
  await expect(page.getByLabel("Patient Can Access Portal")).toBeChecked();
});

test("an admin turns automatic invitation reminders on, and a bad number is refused beside its field", async ({
  page,
}) => {
  await signInAsStaff(page);
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Send automatic reminders to Unactivated patients")).not.toBeChecked();
  await expectNoAxeViolations(page);
  await page.getByLabel("Send automatic reminders to Unactivated patients").check();
  await page.getByLabel("Days before a reminder").fill("0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("link", { name: "Days before a reminder: At least 1 day" })).toBeVisible();
  // What was typed is kept, so only the wrong number needs fixing.
  await expect(page.getByLabel("Send automatic reminders to Unactivated patients")).toBeChecked();
  await expect(page.getByLabel("Days before a reminder")).toHaveValue("0");
  // 30 days: longer ago than any demo invitation, so the worker reminds nobody while other journeys run.
  await page.getByLabel("Days before a reminder").fill("30");
  await page.getByLabel("Most reminders per patient").fill("2");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Saved. Unactivated patients will be invited again 30 days after their last invitation, at most 2 times.",
  );
  await page.reload();
  await expect(page.getByLabel("Send automatic reminders to Unactivated patients")).toBeChecked();
  await expect(page.getByLabel("Days before a reminder")).toHaveValue("30");
  await expectNoAxeViolations(page);
  // Turned off again so other journeys see the default.
  await page.getByLabel("Send automatic reminders to Unactivated patients").uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved. Automatic reminders are off.");
});

test("front-desk staff are kept out of the admin-only settings", async ({ page }) => {
  await signInAsStaff(page, FRONT_DESK);
  await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto("/admin/settings");
  await expect(page).toHaveURL(/\/admin\?denied=admin$/);
  await expect(page.getByText("That page is for admins only.")).toBeVisible();
});
