// Idle sessions: the page warns a minute before the sign-out, "Stay signed in" keeps the session, and
// doing nothing ends it on the server too. The browser's clock is faked; the server enforces its own.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";

test("a patient is warned before an idle sign-out, can stay, and is signed out if they do nothing", async ({
  page,
  context,
}) => {
  await page.clock.install();
  await page.goto("/login");
  await page.getByLabel("Username").fill("gokafor");
  await page.getByLabel("Password", { exact: true }).fill("demo-patient-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Hello, Grace" })).toBeVisible();

  await page.clock.fastForward("28:30");
  await expect(page.getByRole("dialog", { name: "Are you still there?" })).toBeHidden();
  await page.clock.fastForward("00:45");
  const dialog = page.getByRole("dialog", { name: "Are you still there?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/signed out in \d+ seconds/);
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "Hello, Grace" })).toBeVisible();

  const cookiesBefore = await context.cookies();
  await page.clock.fastForward("30:05");
  await expect(page).toHaveURL(/\/login\?reason=idle$/);
  await expect(page.getByText("You were signed out because you were inactive for a while.")).toBeVisible();

  // The ended session is refused by the server even if its cookie is replayed.
  const other = await page.context().browser()!.newContext();
  await other.addCookies(cookiesBefore);
  const replay = await other.newPage();
  await replay.goto("/portal");
  await expect(replay).toHaveURL(/\/login/);
  await other.close();
});

test("signing out ends the session on the server: a copy of the cookie no longer works", async ({ page, browser }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("oivanova");
  await page.getByLabel("Password", { exact: true }).fill("demo-patient-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Hello, Olga" })).toBeVisible();
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();

  const other = await browser.newContext();
  await other.addCookies(copied);
  const thief = await other.newPage();
  await thief.goto("/portal");
  await expect(thief).toHaveURL(/\/login/);
  await other.close();
});
