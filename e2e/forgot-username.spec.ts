// A patient who forgot his username gets it by email, even though he types his name with a curly apostrophe
// and only the 5-digit ZIP while the chart has a straight apostrophe and ZIP+4.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { waitForEmail } from "./support/mailbox";
import { submitVerification } from "./support/patient";

// On file: Sean O'Brien, sean.obrien@example.com, 11/30/1965, ZIP 62704-1234, username sobrien.
test("forgot username: curly apostrophe and 5-digit ZIP still match, the username arrives by email", async ({
  page,
}) => {
  const since = Date.now();
  await page.goto("/login");
  await page.getByRole("link", { name: "I forgot my username" }).click();
  await expect(page).toHaveURL(/\/forgot-username$/);
  await expect(page.getByRole("heading", { name: "Find your username", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  await submitVerification(
    page,
    { email: "sean.obrien@example.com", lastName: "O’Brien", month: "11", day: "30", year: "1965", zip: "62704" },
    "Email me my username",
  );
  await expect(page.getByRole("status")).toContainText("we have sent your username to the email address you entered");
  await expectNoAxeViolations(page);

  const email = await waitForEmail({
    to: "sean.obrien@example.com",
    subject: /^Your Patient Portal username – Riverside Family Medicine$/,
    since,
  });
  expect(email.text).toContain("sobrien");
  expect(email.html).toContain("sobrien");
  // A username reminder carries no link that could change the account.
  expect(email.text).not.toContain("token=");
});
