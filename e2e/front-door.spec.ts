// The portal's address is the patient's front door: a patient who types it reaches signing in, creating an
// account and both "I forgot" flows by their link text, sees the practice's name and phone number, and finds
// the staff sign-in only as a small link at the bottom; on a desktop and on a phone.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO_PATIENT_PASSWORD, PRACTICE_PHONE, signInAsPatient } from "./support/patient";

const PRACTICE = "Riverside Family Medicine";

const FLOWS = [
  {
    link: "I am a registered patient. Create my Patient Portal account",
    heading: "Create your Patient Portal account",
  },
  { link: "I forgot my password", heading: "Reset your password" },
  { link: "I forgot my username", heading: "Find your username" },
];

async function openFrontDoor(page: Page) {
  await page.goto("/");
  await expect(page.getByText(PRACTICE).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(fits, "the page is wider than the screen").toBe(true);
}

test("a patient at the portal's address can sign in there, and sees the practice's name and phone number @phone", async ({
  page,
}) => {
  await openFrontDoor(page);
  await expect(page.getByRole("link", { name: PRACTICE_PHONE })).toHaveAttribute("href", /^tel:/);
  await expectNoAxeViolations(page);
  // Ama Boateng (demo practice, Active): no other journey signs in as her.
  await signInAsPatient(page, "aboateng", DEMO_PATIENT_PASSWORD, "Ama");
});

for (const { link, heading } of FLOWS) {
  test(`a patient at the portal's address reaches "${link}" by its link @phone`, async ({ page }) => {
    await openFrontDoor(page);
    await page.getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await expect(page.getByLabel("Email")).toBeVisible();
  });
}

test("the staff sign-in is a small link after everything meant for patients @phone", async ({ page }) => {
  await openFrontDoor(page);
  const staff = page.getByRole("link", { name: "Staff sign-in" });
  const patientLinks = [
    page.getByRole("button", { name: "Sign in", exact: true }),
    ...FLOWS.map((f) => page.getByRole("link", { name: f.link })),
  ];
  const staffBox = (await staff.boundingBox())!;
  for (const l of patientLinks) {
    const box = (await l.boundingBox())!;
    expect(staffBox.y, "the staff link comes before a patient's").toBeGreaterThan(box.y);
  }
  const size = (l: typeof staff) => l.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(await size(staff)).toBeLessThan(await size(page.getByRole("link", { name: FLOWS[0].link })));
  await staff.click();
  await expect(page.getByRole("heading", { name: "Staff sign-in", level: 1 })).toBeVisible();
});
