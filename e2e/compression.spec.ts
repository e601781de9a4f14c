// Pages are sent compressed; a form's answer (a few hundred bytes of form state, from its route or its server
// action) is not, because compressing it costs the server more than it saves on the wire (proxy.ts).
import { expect, test } from "@playwright/test";
import { submitVerification } from "./support/patient";

test("pages come gzipped, and the create-account form's answer comes uncompressed and still reads right", async ({
  page,
}) => {
  const pageLoad = await page.goto("/register");
  expect(await pageLoad?.request().headerValue("accept-encoding")).toContain("gzip");
  expect(await pageLoad?.headerValue("content-encoding")).toBe("gzip");

  const answer = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/register/send",
  );
  await submitVerification(page, {
    email: "nobody.here@example.com",
    lastName: "Nobody",
    month: "01",
    day: "02",
    year: "1990",
    zip: "62701",
  });
  // submitVerification waited for the "Check your email" answer on the page.
  const res = await answer;
  expect(await res.request().headerValue("accept-encoding")).toContain("gzip");
  expect(res.status()).toBe(200);
  expect(await res.headerValue("content-encoding")).toBeNull();
});
