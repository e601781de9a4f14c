// Emails rendered from a cached shape (one render per template and values, tokens put back in) must be byte for
// byte what a full render makes.
import { describe, expect, it } from "vitest";
import { generateToken } from "@/lib/tokens/account-token";
import { renderEmail, type EmailMessage, type Practice } from "./render-email";

const practice: Practice = {
  name: "Lakeside Clinic & Sons",
  phone: "(555) 123-4567",
  address: "9 Harbor Road, Lakeside, ST 00001",
};
// Tokens with every character of the alphabet that could upset escaping or line wrapping.
const TOKENS = [
  generateToken(),
  `${"-_-_".repeat(10)}abc`,
  `${"A".repeat(42)}-`,
  ...Array.from({ length: 5 }, generateToken),
];

const setup = (token: string): EmailMessage => ({
  template: "setup_link",
  link: `https://portal.test/setup-account?token=${token}`,
  validFor: "7 days",
  via: "staff",
});
const already = (token: string): EmailMessage => ({
  template: "already_registered",
  username: "sunny.day42",
  resetLink: `https://portal.test/reset-password?token=${token}`,
  validFor: "1 hour",
});

describe("renderEmail from a cached shape", () => {
  it.each([
    ["setup_link", setup],
    ["already_registered", already],
  ] as const)("%s: the same bytes as a full render, for every token", async (_, make) => {
    // A different practice for each pass makes the first renders full ones (a shape is cached on its second use).
    const fresh = [];
    for (const [i, token] of TOKENS.entries())
      fresh.push(await renderEmail(make(token), { ...practice, name: `${practice.name} ${i}` }));
    const viaShape = [];
    for (const [i, token] of TOKENS.entries()) {
      const p = { ...practice, name: `${practice.name} ${i}` };
      await renderEmail(make(generateToken()), p); // uses the shape up (second use caches it)
      viaShape.push(await renderEmail(make(token), p));
    }
    expect(viaShape).toEqual(fresh);
    for (const [i, token] of TOKENS.entries()) {
      expect(viaShape[i].html).toContain(token);
      expect(viaShape[i].text).toContain(token);
      expect(viaShape[i].html).not.toContain("\u0000");
    }
  });

  it("emails without a token link are rendered as they are", async () => {
    const a = await renderEmail({ template: "username_reminder", username: "first.user" }, practice);
    const b = await renderEmail({ template: "username_reminder", username: "second.user" }, practice);
    expect(a.text).toContain("first.user");
    expect(b.text).toContain("second.user");
    expect(b.text).not.toContain("first.user");
  });

  it("an emailed code is never taken from another email's render", async () => {
    const code = (c: string): EmailMessage => ({
      template: "sign_in_code",
      code: c,
      validFor: "10 minutes",
      purpose: "sign_in",
    });
    const first = await renderEmail(code("111111"), practice);
    const second = await renderEmail(code("222222"), practice);
    const third = await renderEmail(code("333333"), practice);
    expect(first.text).toContain("111111");
    expect(second.text).toContain("222222");
    expect(third.text).toContain("333333");
    expect(third.html).not.toMatch(/111111|222222/);
  });
});
