// The main staff pages pass the WCAG 2.2 A/AA checks a browser can measure (e2e/support/a11y-checks.ts): axe,
// reflow at 320 px, text spacing, focus visible and not obscured, target size. Staff pages are English only.
import { expect, test } from "@playwright/test";
import { pageProblems } from "./support/a11y-checks";
import { signInAsStaff } from "./support/staff";

test("staff pages pass the WCAG checks: sign-in, patients, a patient, Basic Data, staff, settings, audit, invitations, account", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  await page.goto("/admin/login");
  problems.push(...(await pageProblems(page, "/admin/login")));

  await signInAsStaff(page);
  problems.push(...(await pageProblems(page, "/admin")));
  // The first patient on the list: their page and their Basic Data form.
  const first = page.locator('table.patients a[href^="/admin/patients/"]').first();
  const href = await first.getAttribute("href");
  expect(href).toMatch(/^\/admin\/patients\/[0-9a-f-]{36}$/);
  for (const path of [
    href!,
    `${href}/edit`,
    "/admin/staff",
    "/admin/settings",
    "/admin/audit",
    "/admin/invitations/new?all=unactivated",
    "/admin/account",
  ]) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(path.split("?")[0]);
    problems.push(...(await pageProblems(page, path)));
  }
  expect(problems).toEqual([]);
});
