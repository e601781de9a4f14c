// Keyboard alone (WCAG 2.1.1, 2.4.3): no mouse, no locator.fill or click on the journeys themselves. A patient signs
// in and reaches the portal, sends the account form and switches language, in English and in Spanish; a staff
// member finds a patient on the list and opens their page. Only Tab, Shift+Tab, typing, Enter and Space.
import { randomUUID } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { newPatientWithAccount, type NewPatient } from "./support/new-patient";
import { signInAsStaff } from "./support/staff";

test.describe.configure({ mode: "serial" });

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, { back = false, max = 40 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${max} presses of ${back ? "Shift+Tab" : "Tab"} never reached ${selector}`);
}

let patient: NewPatient | undefined;
async function thePatient(browser: Browser) {
  patient ??= await newPatientWithAccount(browser, {
    firstName: "Kira",
    lastName: "Keys",
    tag: "kbd",
    dob: { month: "3", day: "21", year: "1988" },
  });
  return patient;
}

for (const { lang, locale, other } of [
  { lang: "en", locale: "en-US", other: "es" },
  { lang: "es", locale: "es-US", other: "en" },
] as const) {
  test.describe(`${lang}`, () => {
    test.use({ locale });

    test(`a patient signs in with the keyboard alone and reaches the portal (${lang})`, async ({ page, browser }) => {
      const p = await thePatient(browser);
      await page.goto("/login");
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await tabTo(page, "#username");
      await page.keyboard.type(p.username);
      await tabTo(page, "#password");
      await page.keyboard.type(p.password);
      // Past the show/hide button to the sign-in button, then back and forth once, as a person checks.
      await tabTo(page, "main form button[type=submit]");
      await tabTo(page, "#password", { back: true });
      await tabTo(page, "main form button[type=submit]");
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/portal$/);
      await expect(page.locator("h1")).toContainText(p.firstName);
    });

    test(`the account form is filled and sent with the keyboard alone (${lang})`, async ({ page }) => {
      await page.goto("/register");
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      const values: [string, string][] = [
        ["[name=email]", `keys.${randomUUID().slice(0, 6)}@example.com`],
        ["[name=lastName]", "Nobody"],
        ["[name=dobMonth]", "7"],
        ["[name=dobDay]", "4"],
        ["[name=dobYear]", "1990"],
        ["[name=zip]", "62701"],
      ];
      for (const [selector, value] of values) {
        await tabTo(page, selector);
        await page.keyboard.type(value);
      }
      await tabTo(page, "main form button[type=submit]");
      await page.keyboard.press("Space");
      await expect(page.locator("main [role=status]")).toBeVisible();
      await expect(page.locator("[name=email]")).toHaveCount(0);
    });

    test(`the language is switched with the keyboard alone (${lang})`, async ({ page }) => {
      await page.goto("/forgot-password");
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await tabTo(page, `.language-switch a[hreflang="${other}"]`);
      await page.keyboard.press("Enter");
      await expect(page.locator("html")).toHaveAttribute("lang", other);
      await expect(page).toHaveURL(/\/forgot-password$/);
      // And back again.
      await tabTo(page, `.language-switch a[hreflang="${lang}"]`);
      await page.keyboard.press("Enter");
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
    });
  });
}

test("staff find a patient on the list and open them with the keyboard alone", async ({ page }) => {
  await signInAsStaff(page);
  await tabTo(page, "#q");
  await page.keyboard.type("Lindqvist");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]q=Lindqvist/);
  await tabTo(page, 'table.patients a[href^="/admin/patients/"]');
  await expect(page.locator(":focus")).toContainText("Lindqvist");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin\/patients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Lindqvist");
});
