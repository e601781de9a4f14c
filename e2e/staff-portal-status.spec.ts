// Staff see every patient's portal status: sign-in, the list with its icons and filters, and the patient dash.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN, signInAsStaff } from "./support/staff";

const rowFor = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
const statusIn = (page: Page, name: string) => rowFor(page, name).getByRole("img", { name: /^Portal status:/ });

test("a signed-out visitor to the staff pages is sent to sign in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);
  await page.goto("/admin/patients/00000000-0000-0000-0000-000000000000");
  await expect(page).toHaveURL(/\/admin\/login$/);
  await expect(page.getByRole("heading", { name: "Staff sign-in" })).toBeVisible();
});

test("a wrong password is refused with a clear message, and the page stays accessible", async ({ page }) => {
  await page.goto("/admin/login");
  await expectNoAxeViolations(page);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Email or password is not right. Check them and try again.")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/login$/);
  // The email is kept so the person only retypes the password.
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);
  await expectNoAxeViolations(page);
});

test("an empty form names each missing field beside it and in the summary", async ({ page }) => {
  await page.goto("/admin/login");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const summary = page.getByRole("heading", { name: "There is a problem" });
  await expect(summary).toBeVisible();
  await expect(page.getByRole("link", { name: "Email: Enter an email address" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Password: Enter your password" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("staff see the right icon for a patient of each status", async ({ page }) => {
  await signInAsStaff(page);
  await expect(statusIn(page, "García-López, Maria")).toHaveAccessibleName(/^Portal status: Active\. Last signed in/);
  await expect(statusIn(page, "Lindqvist, Nora")).toHaveAccessibleName("Portal status: Unactivated. Not invited yet");
  await expect(statusIn(page, "Kowalski, Beatrice")).toHaveAccessibleName(
    "Portal status: Inactive. No email address on file",
  );
  await expect(statusIn(page, "Hernández, Diego")).toHaveAccessibleName(
    /^Portal status: Unactivated\. Invited on .* \(link valid until /,
  );
  await expect(statusIn(page, "Al-Sayed, Fatima")).toHaveAccessibleName(/has expired or is no longer valid/);
  await expect(statusIn(page, "D'Angelo, Patrick")).toHaveAccessibleName(/Account set up on .*, never signed in/);
  // Each icon also has visible text: colour never carries the meaning alone.
  await expect(rowFor(page, "Kowalski, Beatrice").getByText("Inactive", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("filtering by Inactive shows only inactive patients, as many as the count says", async ({ page }) => {
  await signInAsStaff(page);
  const filter = page.getByRole("navigation", { name: "Filter by portal status" });
  const inactiveLink = filter.getByRole("link", { name: /^Inactive \d+$/ });
  const count = Number((await inactiveLink.textContent())!.replace(/\D/g, ""));
  expect(count).toBeGreaterThan(5);
  await inactiveLink.click();
  await expect(page).toHaveURL(/status=inactive/);
  await expect(filter.getByRole("link", { name: /^Inactive/ })).toHaveAttribute("aria-current", "page");
  const icons = page.getByRole("table").getByRole("img", { name: /^Portal status:/ });
  await expect(icons).toHaveCount(count);
  for (const name of await icons.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")))) {
    expect(name).toMatch(/^Portal status: Inactive\./);
  }
});

test("staff find a patient by date of birth and by chart number", async ({ page }) => {
  await signInAsStaff(page);
  await page.getByLabel("Search patients").fill("11/30/1965");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("rowheader")).toHaveText(["O'Brien, Sean"]);
  await page.getByLabel("Search patients").fill("MRN-10019");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("rowheader")).toHaveText(["Kowalski, Beatrice"]);
});

test("the patient dash shows the status icon on the photo block and every missing item", async ({ page }) => {
  await signInAsStaff(page);
  await page.getByLabel("Search patients").fill("Petrov");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Petrov, Oscar" }).click();
  const photoBlock = page.getByRole("region", { name: "Patient information" });
  await expect(photoBlock.getByText("Oscar Petrov")).toBeVisible();
  await expect(photoBlock.getByRole("img", { name: /^Portal status: Inactive/ })).toHaveAccessibleName(
    "Portal status: Inactive. Portal access is not enabled. No email address on file. No ZIP code on file",
  );
  const reasons = page.getByRole("list", { name: "Why the patient cannot access the portal" }).getByRole("listitem");
  await expect(reasons).toHaveText(["Portal access is not enabled", "No email address on file", "No ZIP code on file"]);
  await expect(page.getByRole("region", { name: "What the portal icons mean" })).toContainText("secure message icon");
  await expectNoAxeViolations(page);
});

test("a patient whose access was switched off after activating shows as Inactive", async ({ page }) => {
  await signInAsStaff(page);
  await page.getByLabel("Search patients").fill("Schmidt");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(statusIn(page, "Schmidt, Hannah")).toHaveAccessibleName(
    "Portal status: Inactive. Portal access is not enabled",
  );
});

test("the list and the dash fit a phone screen and stay accessible @phone", async ({ page }) => {
  await signInAsStaff(page);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(await fits()).toBe(true);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "García-López, Maria" }).click();
  await expect(page.getByRole("region", { name: "Patient information" })).toBeVisible();
  expect(await fits()).toBe(true);
  await expectNoAxeViolations(page);
});
