// The patient-side forms, called as the browser calls them: a refused submission sends back what the patient
// typed, so nothing has to be typed again (issue 15.2), and never a password or a link's token.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CredentialsSignin } from "@auth/core/errors";
import { formData, harness } from "@/test-kit/action-harness";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";

vi.mock("@/lib/auth/dal", async () => (await import("@/test-kit/action-harness")).mockDal());
vi.mock("@/db/client", async () => (await import("@/test-kit/action-harness")).mockDbClient());
vi.mock("next/navigation", async () => (await import("@/test-kit/action-harness")).mockNavigation());
vi.mock("next/headers", async () => (await import("@/test-kit/action-harness")).mockHeaders());
vi.mock("next/cache", async () => (await import("@/test-kit/action-harness")).mockCache());
vi.mock("next/server", async (actual) => (await import("@/test-kit/action-harness")).mockServer(actual));
// next-auth's entry point needs Next's server runtime; its error classes come from @auth/core.
vi.mock("next-auth", async () => await import("@auth/core/errors"));
vi.mock("@/lib/auth/auth", () => ({
  signIn: async () => {
    throw new CredentialsSignin();
  },
  signOut: async () => {},
  auth: async () => null,
}));

const { requestAccountSetup } = await import("./register/actions");
const { signInPatient } = await import("./login/actions");
const { completeAccountSetup } = await import("./setup-account/actions");
const { completePasswordReset } = await import("./reset-password/actions");
const { signInStaff } = await import("../admin/login/actions");

const PASSWORD = "correct horse battery staple";

describe.each(DB_KINDS)("patient forms (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  beforeEach(() => {
    harness.db = t.db;
    harness.caller = {};
  });
  afterAll(() => t?.close());

  it("create account: a refused ZIP sends back email, name and the three date boxes as typed", async () => {
    const typed = {
      email: "Pat@Example.com",
      lastName: "O’Brien",
      dobMonth: "3",
      dobDay: "27",
      dobYear: "1980",
      zip: "6270",
    };
    const state = await requestAccountSetup({}, formData(typed));
    expect(Object.keys(state.errors ?? {})).toEqual(["zip"]);
    expect(state.values).toEqual(typed);
    expect(state.result).toBeUndefined();
  });

  it("sign-in: a refused sign-in sends back the username as typed, never the password", async () => {
    const blank = await signInPatient({}, formData({ username: "Mgarcia ", password: "" }));
    expect(blank.errors?.password).toEqual(["Enter your password"]);
    expect(blank.values).toEqual({ username: "Mgarcia " });
    const wrong = await signInPatient({}, formData({ username: "mgarcia", password: PASSWORD }));
    expect(wrong.error).toMatch(/^Username or password is not right/);
    expect(wrong.values).toEqual({ username: "mgarcia" });
    expect(JSON.stringify([blank, wrong])).not.toContain(PASSWORD);
  });

  it("staff sign-in: a refused sign-in sends back the email as typed, never the password", async () => {
    const state = await signInStaff({}, formData({ email: "Admin@Demo.Clinic", password: PASSWORD }));
    expect(state.error).toBe("Email or password is not right. Check them and try again.");
    expect(state.values).toEqual({ email: "Admin@Demo.Clinic" });
    expect(JSON.stringify(state)).not.toContain(PASSWORD);
  });

  it("account setup: passwords that differ send back the username, never the passwords or the token", async () => {
    const token = "a".repeat(43);
    const state = await completeAccountSetup(
      {},
      formData({ token, username: "pat.garcia", password: PASSWORD, confirm: `${PASSWORD}!` }),
    );
    expect(state.errors?.confirm).toEqual(["The two passwords do not match. Type the same password in both boxes."]);
    expect(state.values).toEqual({ username: "pat.garcia" });
    expect(JSON.stringify(state)).not.toContain(PASSWORD);
    expect(JSON.stringify(state)).not.toContain(token);
  });

  it("a password over 128 characters is refused by every new-password form, before the link is looked at", async () => {
    const long = "a".repeat(129);
    const token = "b".repeat(43);
    const reset = await completePasswordReset({}, formData({ token, password: long, confirm: long }));
    expect(reset.errors?.password).toEqual(["Password must be 128 characters or fewer"]);
    expect(reset.result).toBeUndefined();
  });
});
