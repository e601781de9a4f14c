// Staff administration on a real database: invitations (hashed, one email, older ones voided), role changes,
// deactivation ending sessions, self-protection, refusals for non-admins, and an audit trail without secrets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { accountTokens, auditEvents, emailOutbox, staffUsers } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { unseal } from "@/lib/crypto/seal";
import type { EmailMessage } from "@/lib/email/render-email";
import { hashToken } from "@/lib/tokens/account-token";
import { inspectStaffInviteLink } from "@/lib/tokens/inspect-staff-invite-link";
import { inviteStaffMember } from "./invite-staff-member";
import { resendStaffInvite } from "./resend-staff-invite";
import { changeStaffRole } from "./change-staff-role";
import { setStaffActive } from "./set-staff-active";

const uniqueEmail = (who = "new") => `${who}.${randomUUID().slice(0, 8)}@Example.COM`;

describe.each(DB_KINDS)("staff administration (%s)", (kind) => {
  let t: TestDb;
  let adminId: string;
  let frontDeskId: string;

  beforeAll(async () => {
    t = await openTestDb(kind);
    adminId = await insertStaff("admin", "Ada Admin");
    frontDeskId = await insertStaff("front_desk", "Fran Desk");
  });
  afterAll(() => t?.close());

  async function insertStaff(role: "admin" | "front_desk", name: string, o: { passwordHash?: string | null } = {}) {
    const [row] = await t.db
      .insert(staffUsers)
      .values({
        name,
        email: uniqueEmail(role),
        role,
        passwordHash: o.passwordHash === undefined ? "$argon2id$placeholder" : o.passwordHash,
      })
      .returning({ id: staffUsers.id });
    return row.id;
  }

  async function outboxFor(email: string) {
    return t.db
      .select()
      .from(emailOutbox)
      .where(sql`lower(${emailOutbox.recipient}) = ${email.toLowerCase()}`)
      .orderBy(desc(emailOutbox.createdAt));
  }

  const invite = (o: Partial<{ actor: string; name: string; email: string; role: "admin" | "front_desk" }> = {}) =>
    inviteStaffMember(t.db, {
      actorStaffId: o.actor ?? adminId,
      name: o.name ?? "Jordan Lee",
      email: o.email ?? uniqueEmail(),
      role: o.role ?? "front_desk",
      now: new Date(),
    });

  it("an invitation creates the user without a password, queues exactly one email and stores only the token's hash", async () => {
    const email = uniqueEmail("jordan");
    const result = await invite({ email });
    expect(result).toEqual({ ok: true, staffId: expect.any(String) });
    const staffId = (result as { staffId: string }).staffId;

    const [user] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    expect(user).toMatchObject({
      name: "Jordan Lee",
      email: email.toLowerCase(),
      role: "front_desk",
      active: true,
      passwordHash: null,
    });

    const mails = await outboxFor(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "staff_invite", status: "queued", patientId: null });
    const message = unseal<EmailMessage>(mails[0].sealedSecret!);
    expect(message).toMatchObject({ template: "staff_invite", staffName: "Jordan Lee", validFor: "7 days" });
    const link = new URL((message as { link: string }).link);
    expect(`${link.origin}${link.pathname}`).toBe("http://portal.test/staff-setup");
    const token = link.searchParams.get("token")!;

    const tokens = await t.db.select().from(accountTokens).where(eq(accountTokens.staffUserId, staffId));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({
      purpose: "staff_invite",
      issuedByStaffId: adminId,
      patientId: null,
      usedAt: null,
      revokedAt: null,
    });
    expect(tokens[0].tokenHash).toBe(hashToken(token));
    expect(tokens[0].tokenHash).not.toContain(token);
    const days = (tokens[0].expiresAt.getTime() - tokens[0].createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 5);

    expect(await inspectStaffInviteLink(t.db, token, new Date())).toEqual({
      state: "valid",
      staffUserId: staffId,
      name: "Jordan Lee",
      email: email.toLowerCase(),
    });
  });

  it("a second address that differs only in case is refused, and nothing more is sent", async () => {
    const email = uniqueEmail("dup");
    expect(await invite({ email })).toMatchObject({ ok: true });
    const again = await invite({ email: email.toUpperCase() });
    expect(again).toMatchObject({ ok: false, reason: "email_taken" });
    expect(await outboxFor(email)).toHaveLength(1);
  });

  it("a front-desk user (or a deactivated admin) can invite nobody, and nothing is written", async () => {
    const email = uniqueEmail("sneaky");
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(await invite({ actor: frontDeskId, email, role: "admin" })).toMatchObject({
      ok: false,
      reason: "not_admin",
    });
    const formerAdmin = await insertStaff("admin", "Former Admin");
    await t.db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, formerAdmin));
    expect(await invite({ actor: formerAdmin, email })).toMatchObject({ ok: false, reason: "not_admin" });
    expect(
      await t.db.select().from(staffUsers).where(sql`lower(${staffUsers.email}) = ${email.toLowerCase()}`),
    ).toHaveLength(0);
    expect(await outboxFor(email)).toHaveLength(0);
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(after[0].n).toBe(before[0].n);
  });

  it("resending voids the older invitation; it is refused once a password is set or the member is deactivated", async () => {
    const email = uniqueEmail("resend");
    const { staffId } = (await invite({ email })) as { staffId: string };
    const firstToken = new URL(
      unseal<{ link: string }>((await outboxFor(email))[0].sealedSecret!).link,
    ).searchParams.get("token")!;
    expect(await resendStaffInvite(t.db, { actorStaffId: adminId, targetStaffId: staffId, now: new Date() })).toEqual({
      ok: true,
    });
    expect((await inspectStaffInviteLink(t.db, firstToken, new Date())).state).toBe("replaced");
    const live = await t.db
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.staffUserId, staffId), sql`${accountTokens.revokedAt} is null`));
    expect(live).toHaveLength(1);
    expect(await outboxFor(email)).toHaveLength(2);

    expect(
      await resendStaffInvite(t.db, { actorStaffId: frontDeskId, targetStaffId: staffId, now: new Date() }),
    ).toMatchObject({ ok: false, reason: "not_admin" });
    await t.db.update(staffUsers).set({ passwordHash: "$argon2id$set" }).where(eq(staffUsers.id, staffId));
    expect(
      await resendStaffInvite(t.db, { actorStaffId: adminId, targetStaffId: staffId, now: new Date() }),
    ).toMatchObject({ ok: false, reason: "already_set_up" });
    await t.db.update(staffUsers).set({ passwordHash: null }).where(eq(staffUsers.id, staffId));
    await setStaffActive(t.db, { actorStaffId: adminId, targetStaffId: staffId, active: false, now: new Date() });
    expect(
      await resendStaffInvite(t.db, { actorStaffId: adminId, targetStaffId: staffId, now: new Date() }),
    ).toMatchObject({ ok: false, reason: "inactive" });
    expect(await outboxFor(email)).toHaveLength(2);
  });

  it("the per-address email cap refuses an invitation and keeps nothing of it", async () => {
    const email = uniqueEmail("capped");
    const { staffId } = (await invite({ email })) as { staffId: string };
    const now = () => new Date();
    expect(await resendStaffInvite(t.db, { actorStaffId: adminId, targetStaffId: staffId, now: now() })).toEqual({
      ok: true,
    });
    expect(await resendStaffInvite(t.db, { actorStaffId: adminId, targetStaffId: staffId, now: now() })).toEqual({
      ok: true,
    });
    const liveBefore = await t.db
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.staffUserId, staffId), sql`${accountTokens.revokedAt} is null`));
    expect(await resendStaffInvite(t.db, { actorStaffId: adminId, targetStaffId: staffId, now: now() })).toMatchObject({
      ok: false,
      reason: "email_cap",
    });
    const liveAfter = await t.db
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.staffUserId, staffId), sql`${accountTokens.revokedAt} is null`));
    // The previous link still works: the refused resend was rolled back whole.
    expect(liveAfter.map((r) => r.id)).toEqual(liveBefore.map((r) => r.id));
    expect(await outboxFor(email)).toHaveLength(3);
  });

  it("role change: applied and audited; unchanged is a no-op; an admin cannot change their own role", async () => {
    const target = await insertStaff("front_desk", "Robin Role");
    expect(
      await changeStaffRole(t.db, { actorStaffId: adminId, targetStaffId: target, role: "admin", now: new Date() }),
    ).toEqual({ ok: true, changed: true });
    expect(
      (await t.db.select({ role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, target)))[0].role,
    ).toBe("admin");
    expect(
      await changeStaffRole(t.db, { actorStaffId: adminId, targetStaffId: target, role: "admin", now: new Date() }),
    ).toEqual({ ok: true, changed: false });

    const self = await changeStaffRole(t.db, {
      actorStaffId: adminId,
      targetStaffId: adminId,
      role: "front_desk",
      now: new Date(),
    });
    expect(self).toMatchObject({ ok: false, reason: "self", message: expect.stringMatching(/own role/) });
    expect(
      (await t.db.select({ role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, adminId)))[0].role,
    ).toBe("admin");

    expect(
      await changeStaffRole(t.db, {
        actorStaffId: frontDeskId,
        targetStaffId: target,
        role: "front_desk",
        now: new Date(),
      }),
    ).toMatchObject({ ok: false, reason: "not_admin" });
    expect(
      await changeStaffRole(t.db, {
        actorStaffId: adminId,
        targetStaffId: randomUUID(),
        role: "admin",
        now: new Date(),
      }),
    ).toMatchObject({ ok: false, reason: "not_found" });

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.details}->>'targetStaffId' = ${target}`);
    expect(events.map((e) => [e.event, e.actorType, e.actorStaffId, e.details])).toEqual([
      ["staff.role_changed", "staff", adminId, { targetStaffId: target, role: "admin", previousRole: "front_desk" }],
    ]);
  });

  it("two admins demoting each other at the same time cannot leave the practice without an admin", async () => {
    const a = await insertStaff("admin", "Alex A");
    const b = await insertStaff("admin", "Blair B");
    await Promise.all([
      changeStaffRole(t.db, { actorStaffId: a, targetStaffId: b, role: "front_desk", now: new Date() }),
      changeStaffRole(t.db, { actorStaffId: b, targetStaffId: a, role: "front_desk", now: new Date() }),
    ]);
    const roles = await t.db
      .select({ role: staffUsers.role })
      .from(staffUsers)
      .where(sql`${staffUsers.id} in (${a}, ${b})`);
    expect(roles.filter((r) => r.role === "admin")).toHaveLength(1);
  });

  it("deactivation bumps session_version, voids an unused invitation and is audited; reactivation restores access", async () => {
    const email = uniqueEmail("leaver");
    const { staffId } = (await invite({ email })) as { staffId: string };
    const [before] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    expect(
      await setStaffActive(t.db, { actorStaffId: adminId, targetStaffId: staffId, active: false, now: new Date() }),
    ).toEqual({ ok: true, changed: true });
    const [after] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    expect(after.active).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    const tokens = await t.db.select().from(accountTokens).where(eq(accountTokens.staffUserId, staffId));
    expect(tokens.every((r) => r.revokedReason === "deactivated")).toBe(true);
    // Doing it twice changes nothing more.
    expect(
      await setStaffActive(t.db, { actorStaffId: adminId, targetStaffId: staffId, active: false, now: new Date() }),
    ).toEqual({ ok: true, changed: false });
    expect((await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId)))[0].sessionVersion).toBe(
      after.sessionVersion,
    );

    expect(
      await setStaffActive(t.db, { actorStaffId: frontDeskId, targetStaffId: staffId, active: true, now: new Date() }),
    ).toMatchObject({ ok: false, reason: "not_admin" });
    expect(
      await setStaffActive(t.db, { actorStaffId: adminId, targetStaffId: staffId, active: true, now: new Date() }),
    ).toEqual({ ok: true, changed: true });
    expect((await t.db.select().from(staffUsers).where(eq(staffUsers.id, staffId)))[0].active).toBe(true);

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.details}->>'targetStaffId' = ${staffId}`)
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.event)).toEqual(["staff.invited", "staff.deactivated", "staff.reactivated"]);
    expect(events.every((e) => e.actorType === "staff" && e.actorStaffId === adminId)).toBe(true);
  });

  it("an admin cannot deactivate themselves, and a front-desk user cannot deactivate anyone", async () => {
    const self = await setStaffActive(t.db, {
      actorStaffId: adminId,
      targetStaffId: adminId,
      active: false,
      now: new Date(),
    });
    expect(self).toMatchObject({ ok: false, reason: "self", message: expect.stringMatching(/own account/) });
    expect(
      await setStaffActive(t.db, { actorStaffId: frontDeskId, targetStaffId: adminId, active: false, now: new Date() }),
    ).toMatchObject({ ok: false, reason: "not_admin" });
    const [admin] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, adminId));
    expect(admin.active).toBe(true);
    expect(admin.sessionVersion).toBe(1);
  });

  it("no audit row of these changes holds a token, a token hash, a link or an email address", async () => {
    const tokenHashes = (await t.db.select({ h: accountTokens.tokenHash }).from(accountTokens)).map((r) => r.h);
    const rows = await t.db.select().from(auditEvents).where(sql`${auditEvents.event} like 'staff.%'`);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const text = JSON.stringify(row.details);
      expect(text).not.toMatch(/token|staff-setup|@|password/i);
      for (const h of tokenHashes) expect(text).not.toContain(h);
      for (const value of Object.values(row.details as Record<string, unknown>))
        expect(String(value)).not.toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });
});
