// With JavaScript, the sign-in form and the identity forms post to their routes with fetch and get their
// answer back as JSON (app/_components/use-form-route.ts). When that answer never comes (a dropped connection,
// a phone going offline), the form says so in plain words, keeps what was typed, and the next try works.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO_PATIENT_PASSWORD, fillVerification } from "./support/patient";

test("sign-in: posted to /login/sign-in; a lost answer is said so, the username kept, and the next try signs in", async ({
  page,
}) => {
  await page.goto("/login");
  await page.route("**/login/sign-in", (route) => route.abort("internetdisconnected"));
  await page.getByLabel("Username").fill("aiko.t");
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PATIENT_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const summary = page.getByRole("region", { name: "There is a problem" });
  await expect(summary).toContainText(
    "We could not reach the Patient Portal, so you are not signed in yet. Check your internet connection and try again.",
  );
  await expect(summary).toBeFocused();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("Username")).toHaveValue("aiko.t");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expectNoAxeViolations(page);

  await page.unroute("**/login/sign-in");
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PATIENT_PASSWORD);
  const posted = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/login/sign-in");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  expect(new URLSearchParams((await posted).postData() ?? "").get("username")).toBe("aiko.t");
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: "Hello, Aiko", level: 1 })).toBeVisible();
});

test("create account: posted to /register/send; a lost answer is said so with everything kept, and the next try is taken", async ({
  page,
}) => {
  await page.goto("/register");
  await page.route("**/register/send", (route) => route.abort("internetdisconnected"));
  const typed = {
    email: "nobody.on.file.routes@example.com",
    lastName: "Routes",
    month: "07",
    day: "04",
    year: "1986",
    zip: "62701",
  };
  await fillVerification(page, typed);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("region", { name: "There is a problem" })).toContainText(
    "We could not reach the Patient Portal, so your request was not sent. Check your internet connection and try again.",
  );
  await expect(page.getByLabel("Email")).toHaveValue(typed.email);
  await expect(page.getByLabel("Year")).toHaveValue(typed.year);
  await expect(page.getByLabel("ZIP code")).toHaveValue(typed.zip);
  await expectNoAxeViolations(page);

  await page.unroute("**/register/send");
  const posted = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/register/send");
  await page.getByRole("button", { name: "Send me a link" }).click();
  expect(new URLSearchParams((await posted).postData() ?? "").get("email")).toBe(typed.email);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("we have sent a link to set up your account");
});
