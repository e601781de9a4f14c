// The patient pages on a small phone: nothing wider than the screen, no accessibility violations, and the
// sign-in page works from the keyboard alone in a sensible order.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";

test.use({ viewport: { width: 360, height: 740 } });

const PAGES = [
  { path: "/login", heading: "Sign in to your Patient Portal" },
  { path: "/register", heading: "Create your Patient Portal account" },
  { path: "/forgot-password", heading: "Reset your password" },
  { path: "/forgot-username", heading: "Find your username" },
];

for (const { path, heading } of PAGES) {
  test(`${path} fits a 360 px wide screen without scrolling sideways`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(innerWidth).toBe(360);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await expectNoAxeViolations(page);
  });
}

test("the sign-in page can be used with the keyboard alone, in reading order", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in to your Patient Portal", level: 1 })).toBeVisible();
  const order = [
    page.getByRole("link", { name: "Skip to main content" }),
    page.getByRole("link", { name: "Riverside Family Medicine · Patient Portal" }),
    page.getByRole("link", { name: "English" }),
    page.getByRole("link", { name: "Español" }),
    page.getByLabel("Username"),
    page.getByLabel("Password", { exact: true }),
    page.getByRole("button", { name: "Show password" }),
    page.getByRole("button", { name: "Sign in", exact: true }),
    page.getByRole("button", { name: "Sign in with a passkey" }),
    page.getByRole("link", { name: "I am a registered patient. Create my Patient Portal account" }),
    page.getByRole("link", { name: "I forgot my password" }),
    page.getByRole("link", { name: "I forgot my username" }),
    page.getByRole("link", { name: "Staff sign-in" }),
    page.getByRole("link", { name: "(555) 010-2000" }),
  ];
  for (const target of order) {
    await page.keyboard.press("Tab");
    await expect(target).toBeFocused();
  }

  // Typing and Enter work from the keyboard too: an empty password is named in the summary.
  await page.getByLabel("Username").focus();
  await page.keyboard.type("someone");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Password: Enter your password" })).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveValue("someone");
});
