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
// As the browser sends it from our own page: APP_URL (vitest.config.mts) is http://portal.test.
const OWN = { origin: "http://portal.test", host: "portal.test" };
const post = (
  route: (r: Request) => Promise<Response>,
  body: Record<string, string>,
  headers: Record<string, string> = OWN,
) => {
  // With its length, as a browser sends a form.
  const text = new URLSearchParams(body).toString();
  return route(
    new Request("http://portal.test/x/send", {
      method: "POST",
      body: text,
      headers: {
        "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
        "content-length": String(Buffer.byteLength(text)),
        ...headers,
      },
    }),
  );
};
// Without its length (chunked), in pieces of 64 kB.
const postInChunks = (route: (r: Request) => Promise<Response>, text: string) => {
  const bytes = new TextEncoder().encode(text);
  return route(
    new Request("http://portal.test/x/send", {
      method: "POST",
      body: new ReadableStream({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.slice(at, at + 64 * 1024));
          controller.close();
        },
      }),
      headers: { ...OWN, "content-type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit),
  );
};
const attempts = async (t: TestDb) => (await t.db.select().from(verificationAttempts)).length;

describe.each(DB_KINDS)("the identity forms' routes (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  beforeEach(() => {
    harness.db = t.db;
    harness.requestHeaders = {};
  });
  afterAll(() => t?.close());

  it("each records the request under its own flow and answers only that it was taken", async () => {
    for (const [flow, route] of Object.entries(routes)) {
      const res = await post(route, typed);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
      expect(await res.json(), flow).toEqual({ result: { submitted: true } });
    }
    const rows = await t.db.select({ flow: verificationAttempts.flow }).from(verificationAttempts);
    expect(rows.map((r) => r.flow).sort()).toEqual(Object.keys(routes).sort());
  });

  it("a refused ZIP is answered with its message and the values as typed, and nothing is recorded", async () => {
    const before = await attempts(t);
    const answer = await (await post(routes.register, { ...typed, zip: "6270" })).json();
    expect(Object.keys(answer.errors ?? {})).toEqual(["zip"]);
    expect(answer.errors.zip[0]).toMatch(/^Enter a 5-digit ZIP code/);
    expect(answer.values).toEqual({ ...typed, zip: "6270" });
    expect(answer.result).toBeUndefined();
    expect(await attempts(t)).toBe(before);
  });

  it("answers in the browser's language, and in the one the patient chose over it", async () => {
    harness.requestHeaders = { "accept-language": "es-MX,es;q=0.9,en;q=0.5" };
    const spanish = await (await post(routes.register, { ...typed, zip: "6270" })).json();
    expect(spanish.errors.zip[0]).toMatch(/^Escriba un código postal/);
    harness.requestHeaders = { "accept-language": "es-MX,es;q=0.9", cookie: "pp_lang=en" };
    const english = await (await post(routes.register, { ...typed, zip: "6270" })).json();
    expect(english.errors.zip[0]).toMatch(/^Enter a 5-digit ZIP code/);
  });

  it("refuses a post from another site or addressed to another host, and records nothing", async () => {
    const before = await attempts(t);
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example", host: OWN.host },
      { host: OWN.host },
      { origin: OWN.origin, host: "evil.example" },
      { origin: OWN.origin, host: OWN.host, "x-forwarded-host": "evil.example" },
    ];
    for (const headers of foreign) {
      const res = await post(routes.register, typed, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.text()).toMatch(/did not come from the Patient Portal's own pages/);
    }
    expect(await attempts(t)).toBe(before);
  });

  it("refuses a body over 1 MB, said or not in its length, and records nothing", async () => {
    const before = await attempts(t);
    const big = new URLSearchParams({ ...typed, lastName: "x".repeat(1024 * 1024) }).toString();
    const declared = await post(routes.register, { ...typed, lastName: "x".repeat(1024 * 1024) });
    expect(declared.status).toBe(413);
    const streamed = await postInChunks(routes.register, big);
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toMatch(/too large/);
    expect(await attempts(t)).toBe(before);
  });

  it("reads a form sent in pieces without its length, as it reads one with it", async () => {
    const before = await attempts(t);
    const res = await postInChunks(routes.register, new URLSearchParams(typed).toString());
    expect(await res.json()).toEqual({ result: { submitted: true } });
    expect(await attempts(t)).toBe(before + 1);
  });
});
