import { expect, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@demo.clinic", password: "demo-admin-password" };

export async function signInAsStaff(page: Page, who = ADMIN) {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
}
