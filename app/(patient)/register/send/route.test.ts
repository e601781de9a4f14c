// The identity forms' routes, posted as the forms post with JavaScript: a complete form is recorded for the
// worker and answered "submitted", whatever our records hold; a refused one is answered field by field and
// nothing is recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { verificationAttempts } from "@/db/schema";
import { harness } from "@/test-kit/action-harness";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";

vi.mock("@/db/client", async () => (await import("@/test-kit/action-harness")).mockDbClient());
vi.mock("next/headers", async () => (await import("@/test-kit/action-harness")).mockHeaders());

const routes = {
  register: (await import("./route")).POST,
  forgot_password: (await import("../../forgot-password/send/route")).POST,
  forgot_username: (await import("../../forgot-username/send/route")).POST,
  second_step_recovery: (await import("../../second-step-help/send/route")).POST,
};

const typed = {
  email: "pat@example.com",
  lastName: "Garcia",
  dobMonth: "3",
  dobDay: "27",
  dobYear: "1980",
  zip: "62701",
};
const post = (route: (r: Request) => Promise<Response>, body: Record<string, string>) =>
  route(new Request("http://127.0.0.1:3000/x/send", { method: "POST", body: new URLSearchParams(body) }));

describe.each(DB_KINDS)("the identity forms' routes (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  beforeEach(() => {
    harness.db = t.db;
  });
  afterAll(() => t?.close());

  it("each records the request under its own flow and answers only that it was taken", async () => {
    for (const [flow, route] of Object.entries(routes)) {
      const res = await post(route, typed);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json(), flow).toEqual({ result: { submitted: true } });
    }
    const rows = await t.db.select({ flow: verificationAttempts.flow }).from(verificationAttempts);
    expect(rows.map((r) => r.flow).sort()).toEqual(Object.keys(routes).sort());
  });

  it("a refused ZIP is answered with its message and the values as typed, and nothing is recorded", async () => {
    const before = (await t.db.select().from(verificationAttempts)).length;
    const answer = await (await post(routes.register, { ...typed, zip: "6270" })).json();
    expect(Object.keys(answer.errors ?? {})).toEqual(["zip"]);
    expect(answer.values).toEqual({ ...typed, zip: "6270" });
    expect(answer.result).toBeUndefined();
    expect((await t.db.select().from(verificationAttempts)).length).toBe(before);
  });
});
