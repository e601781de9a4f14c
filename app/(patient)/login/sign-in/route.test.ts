// The sign-in route, posted as the sign-in form posts with JavaScript: its JSON answer names the next page only
// when the password was right, and the cookie that page needs is set then and only then. A refusal reads the
// same for an unknown username as for a wrong password.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { portalAccounts } from "@/db/schema";
import { DEMO_PATIENT_PASSWORD } from "@/db/seed/demo";
import { insertEmailFactor } from "@/db/queries/second-factors";
import { harness } from "@/test-kit/action-harness";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";

vi.mock("@/lib/auth/dal", async () => (await import("@/test-kit/action-harness")).mockDal());
vi.mock("@/db/client", async () => (await import("@/test-kit/action-harness")).mockDbClient());
vi.mock("next/navigation", async () => (await import("@/test-kit/action-harness")).mockNavigation());
vi.mock("next/headers", async () => (await import("@/test-kit/action-harness")).mockHeaders());
vi.mock("next/server", async (actual) => (await import("@/test-kit/action-harness")).mockServer(actual));

const { POST } = await import("./route");

const SESSION_COOKIE = "authjs.session-token";
const PENDING_COOKIE = "pp_pending_sign_in";

function post(body: Record<string, string> | string) {
  const init =
    typeof body === "string"
      ? { body, headers: { "Content-Type": "application/json" } }
      : { body: new URLSearchParams(body) };
  const own = { origin: "http://portal.test", host: "portal.test" }; // APP_URL in vitest.config.mts
  return POST(
    new Request("http://portal.test/login/sign-in", {
      method: "POST",
      ...init,
      headers: { ...own, ...(init as { headers?: Record<string, string> }).headers },
    }),
  );
}

describe.each(DB_KINDS)("POST /login/sign-in (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind, { seedDemo: true });
  });
  beforeEach(() => {
    harness.db = t.db;
    harness.caller = {};
    harness.cookies.clear();
  });
  afterAll(() => t?.close());

  it("the right password: the answer names /portal and the session cookie is set", async () => {
    const res = await post({ username: "mgarcia", password: DEMO_PATIENT_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(await res.json()).toEqual({ result: { next: "/portal" } });
    expect(harness.cookies.get(SESSION_COOKIE)).toMatch(/^[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("a wrong password and an unknown username get the same answer, and no cookie", async () => {
    const wrong = await (await post({ username: "sobrien", password: "not the password at all" })).json();
    const unknown = await (await post({ username: "nobody.here", password: "not the password at all" })).json();
    expect(wrong.error).toMatch(/^Username or password is not right/);
    expect({ ...unknown, values: undefined }).toEqual({ ...wrong, values: undefined });
    expect(wrong.values).toEqual({ username: "sobrien" });
    expect(JSON.stringify([wrong, unknown])).not.toContain("not the password at all");
    expect(wrong.result).toBeUndefined();
    expect(harness.cookies.size).toBe(0);
  });

  it("a patient with a second step goes on to it: a pending sign-in cookie, no session", async () => {
    const [row] = await t.db
      .select({ patientId: portalAccounts.patientId })
      .from(portalAccounts)
      .where(eq(portalAccounts.username, "aiko.t"));
    await insertEmailFactor(t.db, { patientId: row.patientId, name: "Emailed code", now: new Date() });
    const answer = await (await post({ username: "aiko.t", password: DEMO_PATIENT_PASSWORD })).json();
    expect(answer).toEqual({ result: { next: "/login/second-step" } });
    expect(harness.cookies.get(PENDING_COOKIE)).toMatch(/^[\w-]{43}$/);
    expect(harness.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("a body that is not a form is refused field by field, and changes nothing", async () => {
    const answer = await (await post(JSON.stringify({ username: "mgarcia", password: DEMO_PATIENT_PASSWORD }))).json();
    expect(answer.errors?.username).toEqual(["Enter your username"]);
    expect(answer.errors?.password).toEqual(["Enter your password"]);
    expect(answer.result).toBeUndefined();
    expect(harness.cookies.size).toBe(0);
  });
});
