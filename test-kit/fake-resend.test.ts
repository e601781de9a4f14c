import { describe, it, expect } from "vitest";
import { Resend } from "resend";
import { startFakeResend, type FakeResend } from "./fake-resend";

const FROM = "Portal <portal@example.test>";

// The SDK reads RESEND_BASE_URL in its constructor, so it must be set before `new Resend`.
// Each test gets its own fake, and the env var is restored so tests cannot leak into each other.
async function withFake(run: (fake: FakeResend, resend: Resend) => Promise<void>): Promise<void> {
  const fake = await startFakeResend();
  const previous = process.env.RESEND_BASE_URL;
  process.env.RESEND_BASE_URL = fake.url;
  try {
    await run(fake, new Resend("re_test_key"));
  } finally {
    if (previous === undefined) delete process.env.RESEND_BASE_URL;
    else process.env.RESEND_BASE_URL = previous;
    await fake.close();
  }
}

const email = (to: string, subject = "Verify your email") => ({
  from: FROM,
  to,
  subject,
  html: `<p>${subject}</p>`,
});

describe("fake resend via the real SDK", () => {
  it("records a send with its fields", () =>
    withFake(async (fake, resend) => {
      const { data, error } = await resend.emails.send({
        from: FROM,
        to: ["pat@example.test"],
        subject: "Welcome",
        html: "<p>Hi</p>",
        text: "Hi",
        headers: { "X-Entity-Ref-ID": "abc" },
        tags: [{ name: "kind", value: "welcome" }],
      });
      expect(error).toBeNull();
      expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);

      const [m] = fake.messages();
      expect(fake.messages()).toHaveLength(1);
      expect(m).toMatchObject({
        id: data?.id,
        from: FROM,
        to: ["pat@example.test"],
        subject: "Welcome",
        html: "<p>Hi</p>",
        text: "Hi",
        headers: { "X-Entity-Ref-ID": "abc" },
        tags: [{ name: "kind", value: "welcome" }],
      });
      expect(m.idempotencyKey).toBeUndefined();
      expect(typeof m.receivedAt).toBe("number");
    }));

  it("normalises a single `to` string to an array", () =>
    withFake(async (fake, resend) => {
      await resend.emails.send(email("one@example.test"));
      expect(fake.messages()[0].to).toEqual(["one@example.test"]);
    }));

  it("rejects missing fields with a 422 and records nothing", () =>
    withFake(async (fake, resend) => {
      const { data, error } = await resend.emails.send({ from: FROM, to: "a@example.test", subject: "", text: "x" });
      expect(data).toBeNull();
      expect(error).toMatchObject({ statusCode: 422, name: "missing_required_field" });
      expect(error?.message).toContain("subject");
      expect(fake.messages()).toHaveLength(0);
    }));

  it("records a batch of 3 in order", () =>
    withFake(async (fake, resend) => {
      const { data, error } = await resend.batch.send([
        email("a@example.test", "A"),
        email("b@example.test", "B"),
        email("c@example.test", "C"),
      ]);
      expect(error).toBeNull();
      expect(data?.data).toHaveLength(3);
      expect(fake.messages().map((m) => m.subject)).toEqual(["A", "B", "C"]);
      expect(fake.messages().map((m) => m.id)).toEqual(data?.data.map((d) => d.id));
    }));

  it("rejects a batch over 100 with a 422", () =>
    withFake(async (fake, resend) => {
      const many = Array.from({ length: 101 }, (_, i) => email(`u${i}@example.test`));
      const { error } = await resend.batch.send(many);
      expect(error).toMatchObject({ statusCode: 422, name: "validation_error" });
      expect(fake.messages()).toHaveLength(0);
    }));

  it("in strict batch mode one bad item rejects the whole batch", () =>
    withFake(async (fake, resend) => {
      const { error } = await resend.batch.send([email("a@example.test"), { ...email("b@example.test"), from: "" }]);
      expect(error).toMatchObject({ statusCode: 422, name: "validation_error" });
      expect(error?.message).toContain("emails[1]");
      expect(fake.messages()).toHaveLength(0);
    }));

  it("records a repeated idempotency key once and 409s on a different payload", () =>
    withFake(async (fake, resend) => {
      const payload = email("pat@example.test", "Reset your password");
      const first = await resend.emails.send(payload, { idempotencyKey: "reset/42" });
      const again = await resend.emails.send(payload, { idempotencyKey: "reset/42" });
      expect(first.error).toBeNull();
      expect(again.data?.id).toBe(first.data?.id);
      expect(fake.messages()).toHaveLength(1);
      expect(fake.messages()[0].idempotencyKey).toBe("reset/42");

      const changed = await resend.emails.send({ ...payload, subject: "Other" }, { idempotencyKey: "reset/42" });
      expect(changed.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
      expect(fake.messages()).toHaveLength(1);
      expect(fake.requestCount()).toBe(3);
    }));

  it("honours idempotency keys on batch sends too", () =>
    withFake(async (fake, resend) => {
      const items = [email("a@example.test"), email("b@example.test")];
      const first = await resend.batch.send(items, { idempotencyKey: "batch-1" });
      const again = await resend.batch.send(items, { idempotencyKey: "batch-1" });
      expect(again.data).toEqual(first.data);
      expect(fake.messages()).toHaveLength(2);
    }));

  it("failNext(2, 429) yields two error objects, then success", () =>
    withFake(async (fake, resend) => {
      fake.failNext(2, 429, { retryAfterSeconds: 3 });
      const payload = email("pat@example.test");

      for (let i = 0; i < 2; i++) {
        const { data, error, headers } = await resend.emails.send(payload);
        expect(data).toBeNull();
        expect(error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
        expect(headers?.["retry-after"]).toBe("3");
      }
      const ok = await resend.emails.send(payload);
      expect(ok.error).toBeNull();
      expect(ok.data?.id).toBeTruthy();
      expect(fake.messages()).toHaveLength(1);
      expect(fake.requestCount()).toBe(3);
    }));

  it("failNext applies to batch sends and queues mixed statuses", () =>
    withFake(async (fake, resend) => {
      fake.failNext(1, 503);
      fake.failNext(1, 500);
      const first = await resend.batch.send([email("a@example.test")]);
      const second = await resend.emails.send(email("a@example.test"));
      expect(first.error).toMatchObject({ statusCode: 503, name: "internal_server_error" });
      expect(first.headers?.["retry-after"]).toBeUndefined();
      expect(second.error).toMatchObject({ statusCode: 500, name: "internal_server_error" });
      expect(fake.messages()).toHaveLength(0);
    }));

  it("failAlways(500) fails every request until reset", () =>
    withFake(async (fake, resend) => {
      fake.failAlways(500);
      for (let i = 0; i < 3; i++) {
        const { error } = await resend.emails.send(email("pat@example.test"));
        expect(error).toMatchObject({ statusCode: 500, name: "internal_server_error" });
      }
      fake.failAlways(null);
      const { error } = await resend.emails.send(email("pat@example.test"));
      expect(error).toBeNull();
      expect(fake.messages()).toHaveLength(1);
      expect(fake.requestCount()).toBe(4);
    }));

  it("rateLimit(2) answers 429 with Retry-After: 1 beyond 2 per second", async () =>
    withFake(async (fake, resend) => {
      fake.rateLimit(2);
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await resend.emails.send(email(`u${i}@example.test`)));
      expect(results.slice(0, 2).map((r) => r.error)).toEqual([null, null]);
      expect(results[2].error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
      expect(results[2].headers?.["retry-after"]).toBe("1");
      expect(fake.messages()).toHaveLength(2);

      // Once the window has rolled past, requests are admitted again.
      await new Promise((r) => setTimeout(r, 1100));
      const later = await resend.emails.send(email("late@example.test"));
      expect(later.error).toBeNull();
      expect(fake.messages()).toHaveLength(3);
    }));

  it("waitFor resolves on past and future messages and rejects clearly on timeout", () =>
    withFake(async (fake, resend) => {
      await resend.emails.send(email("first@example.test", "First"));
      await expect(fake.waitFor((m) => m.subject === "First")).resolves.toMatchObject({ to: ["first@example.test"] });

      const pending = fake.waitFor((m) => m.to.includes("later@example.test"), 2000);
      await resend.emails.send(email("later@example.test", "Later"));
      await expect(pending).resolves.toMatchObject({ subject: "Later" });

      await expect(fake.waitFor((m) => m.subject === "Never", 50)).rejects.toThrow(/no matching message within 50ms/);
    }));

  it("answers 401 without a bearer token", () =>
    withFake(async (fake) => {
      const body = JSON.stringify(email("pat@example.test"));
      const attempts: Record<string, string>[] = [{}, { Authorization: "Bearer " }, { Authorization: "Basic abc" }];
      for (const headers of attempts) {
        const res = await fetch(`${fake.url}/emails`, {
          method: "POST",
          headers: { "Content-Type": "application/json", ...headers },
          body,
        });
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" });
      }
      expect(fake.messages()).toHaveLength(0);
    }));

  it("can be read and controlled over HTTP from another process", () =>
    withFake(async (fake, resend) => {
      const control = (cmd: unknown) =>
        fetch(`${fake.url}/_fake/control`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(cmd),
        });

      await resend.emails.send(email("pat@example.test", "Over HTTP"));
      const listed = await (await fetch(`${fake.url}/_fake/messages`)).json();
      expect(listed).toEqual([expect.objectContaining({ subject: "Over HTTP", to: ["pat@example.test"] })]);

      expect((await control({ failNext: { n: 1, status: 503, retryAfterSeconds: 2 } })).status).toBe(200);
      const failed = await resend.emails.send(email("pat@example.test"));
      expect(failed.error).toMatchObject({ statusCode: 503 });
      expect(failed.headers?.["retry-after"]).toBe("2");

      await control({ failAlways: 429 });
      expect((await resend.emails.send(email("pat@example.test"))).error).toMatchObject({ statusCode: 429 });
      await control({ failAlways: null, rateLimit: 1 });
      expect((await resend.emails.send(email("pat@example.test"))).error).toBeNull();
      expect((await resend.emails.send(email("pat@example.test"))).error).toMatchObject({ statusCode: 429 });

      await control({ clear: true });
      expect(await (await fetch(`${fake.url}/_fake/messages`)).json()).toEqual([]);
      expect(fake.requestCount()).toBe(0);
      expect((await resend.emails.send(email("pat@example.test"))).error).toBeNull();

      const bad = await control({ failAlways: 418 });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: expect.stringContaining("failAlways") });
    }));
});
