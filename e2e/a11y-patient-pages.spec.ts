// Every patient page, in English and in Spanish, passes the WCAG 2.2 A/AA checks a browser can measure
// (e2e/support/a11y-checks.ts): axe, reflow at 320 px, text spacing, focus visible and not obscured, target size.
// The pages are reached as a patient reaches them: forms sent, emailed links opened, a second step added.
// Locators are ids and addresses, not words, so the same journey runs in both languages (docs/accessibility.md).
import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { pageProblems } from "./support/a11y-checks";
import { emailsTo, linkIn, type SentEmail } from "./support/mailbox";
import { signInAsStaff } from "./support/staff";
import { addPatient } from "./support/staff-patients";

test.describe.configure({ mode: "serial" });

const LANGUAGES = [
  { lang: "en", locale: "en-US" },
  { lang: "es", locale: "es-US" },
] as const;

type Details = { email: string; lastName: string; month: string; day: string; year: string; zip: string };

async function open(page: Page, path: string, lang: string) {
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

async function fillDetails(page: Page, d: Details) {
  await page.locator("[name=email]").fill(d.email);
  await page.locator("[name=lastName]").fill(d.lastName);
  await page.locator("[name=dobMonth]").fill(d.month);
  await page.locator("[name=dobDay]").fill(d.day);
  await page.locator("[name=dobYear]").fill(d.year);
  await page.locator("[name=zip]").fill(d.zip);
  await page.locator("main form button[type=submit]").click();
  // The same confirmation whatever matched: the form gives way to it.
  await expect(page.locator("main [role=status]")).toBeVisible();
  await expect(page.locator("#email")).toHaveCount(0);
}

/** The newest email to `to` since `since` whose text matches `wanted` (other emails, like "your account is ready", may come in between). */
async function emailWith(to: string, since: number, wanted: RegExp): Promise<SentEmail> {
  let email: SentEmail | undefined;
  await expect
    .poll(
      async () => {
        email = (await emailsTo(to, since)).filter((m) => wanted.test(m.text ?? "")).at(-1);
        return !!email;
      },
      { timeout: 30_000, message: `no email to ${to} matching ${wanted}` },
    )
    .toBe(true);
  return email!;
}

for (const { lang, locale } of LANGUAGES) {
  test.describe(`${lang}`, () => {
    test.use({ locale });

    test(`signed-out patient pages pass the WCAG checks (${lang})`, async ({ page }) => {
      test.setTimeout(180_000);
      const problems: string[] = [];
      for (const path of [
        "/login",
        "/register",
        "/forgot-password",
        "/forgot-username",
        "/second-step-help",
        // A link that is not ours (or was replaced, used, expired): each token page's problem page.
        "/setup-account?token=not-a-real-link-0000000000000000000000",
        "/reset-password?token=not-a-real-link-0000000000000000000000",
        "/second-step-recovery?token=not-a-real-link-0000000000000000000000",
      ]) {
        await open(page, path, lang);
        problems.push(...(await pageProblems(page, `${path} (${lang})`)));
      }
      // "Check your email": the confirmation after any well-formed request.
      await open(page, "/forgot-username", lang);
      await fillDetails(page, {
        email: `nobody.${randomUUID().slice(0, 6)}@example.com`,
        lastName: "Nobody",
        month: "1",
        day: "2",
        year: "1980",
        zip: "62701",
      });
      problems.push(...(await pageProblems(page, `check your email (${lang})`)));
      expect(problems).toEqual([]);
    });

    test(`emailed links, the portal and the sign-in's second step pass the WCAG checks (${lang})`, async ({
      page,
      browser,
    }) => {
      test.setTimeout(240_000);
      const run = randomUUID().slice(0, 5);
      const p = {
        email: `wcag.${lang}${run}@example.com`,
        lastName: `Wcag${lang}${run}`,
        month: "6",
        day: "14",
        year: "1984",
        zip: "62704",
        username: `wcag.${lang}${run}`,
        password: "amber lanterns over the harbour",
      };
      const staff = await browser.newPage();
      await signInAsStaff(staff);
      await addPatient(staff, {
        chartNumber: `WCAG-${lang}-${run}`,
        firstName: "Wren",
        lastName: p.lastName,
        dateOfBirth: `06/14/${p.year}`,
        email: p.email,
        zip: p.zip,
        portalAccess: true,
      });
      await staff.close();
      const problems: string[] = [];
      const check = async (where: string) => problems.push(...(await pageProblems(page, `${where} (${lang})`)));

      // Create the account through the emailed link.
      let since = Date.now();
      await open(page, "/register", lang);
      await fillDetails(page, p);
      const setup = await emailWith(p.email, since, /\/setup-account\?token=/);
      await open(page, linkIn(setup, "/setup-account"), lang);
      await expect(page.locator("#username")).toBeVisible();
      await check("/setup-account with a good link");
      await page.locator("#username").fill(p.username);
      await page.locator("#password").fill(p.password);
      await page.locator("#confirm").fill(p.password);
      await page.locator("main form button[type=submit]").click();
      await expect(page).toHaveURL(/\/login$/);

      // A real reset link (opened, not used).
      since = Date.now();
      await open(page, "/forgot-password", lang);
      await fillDetails(page, p);
      const reset = await emailWith(p.email, since, /\/reset-password\?token=/);
      await open(page, linkIn(reset, "/reset-password"), lang);
      await expect(page.locator("#password")).toBeVisible();
      await check("/reset-password with a good link");

      // Signed in: the portal (first visit, with its second-step invitation) and the pages that add a second step.
      await open(page, "/login", lang);
      await page.locator("#username").fill(p.username);
      await page.locator("#password").fill(p.password);
      await page.locator("main form button[type=submit]").first().click();
      await expect(page).toHaveURL(/\/portal$/);
      await check("/portal");
      for (const path of ["/portal/second-step/app", "/portal/second-step/passkey", "/portal/second-step/email"]) {
        await open(page, path, lang);
        await check(path);
      }
      // Codes by email: the code is sent, then typed; the portal says it is on.
      since = Date.now();
      await page.locator("main form button[type=submit]").last().click();
      await expect(page).toHaveURL(/\/portal\/second-step\/email\?sent=1$/);
      await expect(page.locator("#code")).toBeVisible();
      await check("/portal/second-step/email after sending a code");
      const added = await emailWith(p.email, since, /\b\d{6}\b/);
      await page.locator("#code").fill(/\b(\d{6})\b/.exec(added.text ?? "")![1]);
      await page.locator("main form button[type=submit]").first().click();
      await expect(page).toHaveURL(/\/portal\?done=added$/);
      await check("/portal with a second step");
      await page.locator('a[href^="/portal/second-step/remove"]').click();
      await expect(page.locator("#confirm")).toBeVisible();
      await check("/portal/second-step/remove");

      // The next sign-in asks for the emailed code.
      await page.context().clearCookies({ name: /authjs|pp_/ });
      await open(page, "/login", lang);
      await page.locator("#username").fill(p.username);
      await page.locator("#password").fill(p.password);
      await page.locator("main form button[type=submit]").first().click();
      await expect(page).toHaveURL(/\/login\/second-step/);
      await expect(page.locator("#code")).toBeVisible();
      await check("/login/second-step");

      expect(problems).toEqual([]);
    });
  });
}
