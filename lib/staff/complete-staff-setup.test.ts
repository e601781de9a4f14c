// Completing a staff invitation on a real database: the password is set once (under racing submissions),
// the link is read-only until then, and used, expired, replaced and deactivated links are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { accountTokens, auditEvents, emailOutbox, staffUsers } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { unseal } from "@/lib/crypto/seal";
import { verifyPassword } from "@/lib/auth/password-hash";
import { verifyStaffCredentials } from "@/lib/auth/verify-staff-credentials";
import { inspectStaffInviteLink } from "@/lib/tokens/inspect-staff-invite-link";
import { issueAccountLink } from "@/lib/tokens/issue-account-link";
import { insertPatient } from "@/test-kit/factories";
import { inviteStaffMember } from "./invite-staff-member";
import { resendStaffInvite } from "./resend-staff-invite";
import { setStaffActive } from "./set-staff-active";
import { completeStaffSetup } from "./complete-staff-setup";

const good = "copper kettles sing at dawn";

describe.each(DB_KINDS)("staff setup links (%s)", (kind) => {
  let t: TestDb;
  let adminId: string;

  beforeAll(async () => {
    t = await openTestDb(kind);
    const [admin] = await t.db
      .insert(staffUsers)
      .values({
        name: "Ada Admin",
        email: `ada.${randomUUID().slice(0, 8)}@example.com`,
        role: "admin",
        passwordHash: "$argon2id$placeholder",
      })
      .returning({ id: staffUsers.id });
    adminId = admin.id;
  });
  afterAll(() => t?.close());

  async function latestToken(email: string): Promise<string> {
    const [mail] = await t.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.recipient, email))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(1);
    return new URL(unseal<{ link: string }>(mail.sealedSecret!).link).searchParams.get("token")!;
  }

  async function invited(o: { name?: string; now?: Date } = {}) {
    const email = `member.${randomUUID().slice(0, 8)}@example.com`;
    const r = await inviteStaffMember(t.db, {
      actorStaffId: adminId,
      name: o.name ?? "Jordan Lee",
      email,
      role: "front_desk",
      now: o.now ?? new Date(),
    });
    if (!r.ok) throw new Error(r.message);
    return { staffId: r.staffId, email, token: await latestToken(email) };
  }

  it("opening the link reads only; completing it sets the password once, and the member can then sign in", async () => {
    const { staffId, email, token } = await invited();
    for (let i = 0; i < 3; i++) expect((await inspectStaffInviteLink(t.db, token, new Date())).state).toBe("valid");
    expect(
      (await t.db.select().from(accountTokens).where(eq(accountTokens.staffUserId, staffId)))[0].usedAt,
    ).toBeNull();

    expect(await completeStaffSetup(t.db, { token, password: good, now: new Date() })).toEqual({ ok: true });
    const [user] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, good)).toBe(true);
    expect(user.sessionVersion).toBe(2);
    expect((await inspectStaffInviteLink(t.db, token, new Date())).state).toBe("used");
    expect(await completeStaffSetup(t.db, { token, password: "another quiet harbour view", now: new Date() })).toEqual({
      ok: false,
      reason: "link",
      state: "used",
    });
    expect(await verifyStaffCredentials(t.db, { email, password: good, now: new Date() })).toMatchObject({
      id: staffId,
      role: "front_desk",
    });

    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.event, "staff.setup_completed"))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(event).toMatchObject({ actorType: "staff", actorStaffId: staffId, details: { targetStaffId: staffId } });
    expect(JSON.stringify(event.details)).not.toContain(token);
  });

  it("5 simultaneous completions of one link: exactly one wins and the password is the winner's", async () => {
    const { staffId, token } = await invited();
    const passwords = Array.from({ length: 5 }, (_, i) => `${good} number ${i}`);
    const results = await Promise.all(
      passwords.map((password) => completeStaffSetup(t.db, { token, password, now: new Date() })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array(4).fill({ ok: false, reason: "link", state: "used" }));
    const [user] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    const winners = await Promise.all(passwords.map((p) => verifyPassword(user.passwordHash, p)));
    expect(winners.filter(Boolean)).toHaveLength(1);
    expect(user.sessionVersion).toBe(2);
    expect(
      await t.db
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.event} = 'staff.setup_completed' and ${auditEvents.actorStaffId} = ${staffId}`),
    ).toHaveLength(1);
  });

  it("expires after INVITE_LINK_DAYS (7 days, with an injected clock)", async () => {
    const t0 = new Date("2026-11-01T10:00:00Z");
    const { staffId, token } = await invited({ now: t0 });
    const at = (days: number) => new Date(t0.getTime() + days * 86_400_000);
    expect((await inspectStaffInviteLink(t.db, token, at(6.99))).state).toBe("valid");
    expect((await inspectStaffInviteLink(t.db, token, at(7))).state).toBe("expired");
    expect(await completeStaffSetup(t.db, { token, password: good, now: at(8) })).toEqual({
      ok: false,
      reason: "link",
      state: "expired",
    });
    expect((await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId)))[0].passwordHash).toBeNull();
  });

  it("a replaced link is refused and the newest one works; other links die once a password is set", async () => {
    const { staffId, email, token: first } = await invited();
    await resendStaffInvite(t.db, { actorStaffId: adminId, targetStaffId: staffId, now: new Date() });
    const second = await latestToken(email);
    expect(second).not.toBe(first);
    expect(await completeStaffSetup(t.db, { token: first, password: good, now: new Date() })).toEqual({
      ok: false,
      reason: "link",
      state: "replaced",
    });
    expect(await completeStaffSetup(t.db, { token: second, password: good, now: new Date() })).toEqual({ ok: true });
    const unused = await t.db
      .select()
      .from(accountTokens)
      .where(
        sql`${accountTokens.staffUserId} = ${staffId} and ${accountTokens.usedAt} is null and ${accountTokens.revokedAt} is null`,
      );
    expect(unused).toHaveLength(0);
  });

  it("unknown and malformed tokens are 'unknown'; a patient link is not a staff invitation", async () => {
    expect(await completeStaffSetup(t.db, { token: "abc", password: good, now: new Date() })).toEqual({
      ok: false,
      reason: "link",
      state: "unknown",
    });
    expect(await completeStaffSetup(t.db, { token: "A".repeat(43), password: good, now: new Date() })).toEqual({
      ok: false,
      reason: "link",
      state: "unknown",
    });
    const patient = await insertPatient(t.db);
    const link = await t.db.transaction((tx) =>
      issueAccountLink(tx, {
        patientId: patient.id,
        purpose: "setup",
        via: "staff",
        issuedByStaffId: adminId,
        now: new Date(),
      }),
    );
    const patientToken = new URL(link.url).searchParams.get("token")!;
    expect(await completeStaffSetup(t.db, { token: patientToken, password: good, now: new Date() })).toEqual({
      ok: false,
      reason: "link",
      state: "unknown",
    });
    expect(
      (await t.db.select().from(accountTokens).where(eq(accountTokens.patientId, patient.id)))[0].usedAt,
    ).toBeNull();
  });

  it("a deactivated member's link is refused and nothing changes", async () => {
    const { staffId, token } = await invited();
    // Deactivation voids the link; even were it still live, the inactive account is refused.
    await t.db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, staffId));
    expect((await inspectStaffInviteLink(t.db, token, new Date())).state).toBe("inactive");
    expect(await completeStaffSetup(t.db, { token, password: good, now: new Date() })).toEqual({
      ok: false,
      reason: "link",
      state: "inactive",
    });
    expect(
      (await t.db.select().from(accountTokens).where(eq(accountTokens.staffUserId, staffId)))[0].usedAt,
    ).toBeNull();
    await t.db.update(staffUsers).set({ active: true }).where(eq(staffUsers.id, staffId));
    await setStaffActive(t.db, { actorStaffId: adminId, targetStaffId: staffId, active: false, now: new Date() });
    expect(await completeStaffSetup(t.db, { token, password: good, now: new Date() })).toEqual({
      ok: false,
      reason: "link",
      state: "replaced",
    });
    expect((await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId)))[0].passwordHash).toBeNull();
  });

  it("weak passwords are refused with the reason (length, common, name, email), and the link stays usable", async () => {
    const { email, token } = await invited({ name: "Morgan Quill" });
    const local = email.split("@")[0];
    const cases: [string, RegExp][] = [
      ["short one", /at least 15 characters/],
      ["1qaz2wsx3edc4rfv", /too common/],
      ["quill is my middle name", /must not contain your name/],
      ["morganquill forever and ever", /must not contain your name/],
      [`${local} and more words`, /email address/],
    ];
    for (const [password, message] of cases) {
      const r = await completeStaffSetup(t.db, { token, password, now: new Date() });
      expect(r, password).toMatchObject({ ok: false, reason: "password", message: expect.stringMatching(message) });
    }
    expect((await inspectStaffInviteLink(t.db, token, new Date())).state).toBe("valid");
  });
});
