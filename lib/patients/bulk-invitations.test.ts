// Bulk invitations, set-based, on real databases: the same rules as the single button (skips, the per-recipient
// cap counted within the run, only the newest link works, one audit event per patient) and the run's counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { accountTokens, auditEvents, bulkInvitations, emailOutbox, patients } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient, insertFrontDesk } from "@/test-kit/factories";
import { unseal } from "@/lib/crypto/seal";
import { hashToken } from "@/lib/tokens/account-token";
import { issueAccountLink } from "@/lib/tokens/issue-account-link";
import { enqueueEmail, RECIPIENT_CAP } from "@/lib/email/enqueue-email";
import type { EmailMessage } from "@/lib/email/render-email";
import { BULK_CHUNK, sendBulkInvitations } from "./send-bulk-invitations";

describe.each(DB_KINDS)("bulk invitations, set-based (%s)", (kind) => {
  let t: TestDb;
  let staffId: string;
  beforeAll(async () => {
    t = await openTestDb(kind);
    staffId = await insertFrontDesk(t.db, `bulk.desk.${kind}@clinic.test`);
  });
  afterAll(() => t?.close());

  const outboxOf = (bulkId: string) => t.db.select().from(emailOutbox).where(eq(emailOutbox.bulkInvitationId, bulkId));
  const liveLinks = (patientId: string) =>
    t.db
      .select()
      .from(accountTokens)
      .where(
        and(eq(accountTokens.patientId, patientId), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)),
      );

  it("a family sharing one address gets no more than the cap from one run; the others are held, with no new link", async () => {
    const family = `family.${randomUUID().slice(0, 8)}@example.com`;
    const members = [];
    for (let i = 0; i < 5; i++)
      members.push(await insertPatient(t.db, { firstName: `Kid${i}`, email: i === 2 ? family.toUpperCase() : family }));
    const run = await sendBulkInvitations(t.db, { patientIds: members.map((m) => m.id), staffId, now: new Date() });
    expect(run).toMatchObject({ queued: RECIPIENT_CAP.perHour, skipped: 5 - RECIPIENT_CAP.perHour });
    const rows = await outboxOf(run.bulkId);
    expect(rows.filter((r) => r.status === "queued")).toHaveLength(RECIPIENT_CAP.perHour);
    const held = rows.filter((r) => r.status === "held");
    expect(held).toHaveLength(5 - RECIPIENT_CAP.perHour);
    expect(
      held.every((r) => r.recipient === family && r.sealedSecret === null && /most emails/.test(r.lastError ?? "")),
    ).toBe(true);
    // The first ones in the run's order are sent; a held patient got no link at all.
    expect(
      rows
        .filter((r) => r.status === "queued")
        .map((r) => r.patientId)
        .sort(),
    ).toEqual(
      members
        .slice(0, 3)
        .map((m) => m.id)
        .sort(),
    );
    for (const m of members.slice(3)) expect(await liveLinks(m.id)).toHaveLength(0);
    const heldEvents = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.event, "email.held_recipient_cap"),
          inArray(
            auditEvents.patientId,
            members.map((m) => m.id),
          ),
        ),
      );
    expect(heldEvents).toHaveLength(2);
  });

  it("emails sent to the address earlier in the hour count against the cap too", async () => {
    const family = `earlier.${randomUUID().slice(0, 8)}@example.com`;
    await t.db.transaction((tx) =>
      enqueueEmail(tx, { to: family, message: { template: "access_off" }, now: new Date() }),
    );
    const a = await insertPatient(t.db, { email: family });
    const b = await insertPatient(t.db, { email: family });
    const c = await insertPatient(t.db, { email: family });
    const run = await sendBulkInvitations(t.db, { patientIds: [a.id, b.id, c.id], staffId, now: new Date() });
    expect(run).toMatchObject({ queued: 2, skipped: 1 });
  });

  it("skips patients changed since the plan: access off, no email, no ZIP, email changed in the last 24 hours", async () => {
    const ok = await insertPatient(t.db);
    const off = await insertPatient(t.db, { portalAccessEnabled: false });
    const noEmail = await insertPatient(t.db, { email: null });
    const noZip = await insertPatient(t.db, { zip: null });
    const changed = await insertPatient(t.db, { emailChangedAt: new Date(Date.now() - 3_600_000) });
    const changedLongAgo = await insertPatient(t.db, { emailChangedAt: new Date(Date.now() - 30 * 3_600_000) });
    const gone = randomUUID();
    const ids = [ok, off, noEmail, noZip, changed, changedLongAgo].map((p) => p.id);
    const run = await sendBulkInvitations(t.db, {
      patientIds: [...ids, gone],
      staffId,
      now: new Date(),
      skippedBefore: 4,
    });
    expect(run).toMatchObject({ queued: 2, skipped: 4 + 5 });
    const rows = await outboxOf(run.bulkId);
    expect(rows.map((r) => r.patientId).sort()).toEqual([ok.id, changedLongAgo.id].sort());
    for (const p of [off, noEmail, noZip, changed]) expect(await liveLinks(p.id)).toHaveLength(0);
    const [bulk] = await t.db.select().from(bulkInvitations).where(eq(bulkInvitations.id, run.bulkId));
    expect(bulk).toMatchObject({ queued: 2, skipped: 9 });
  });

  it("leaves exactly one live link per patient (the emailed one) and writes one audit event per patient", async () => {
    const withOld = await insertPatient(t.db);
    const old = await t.db.transaction((tx) =>
      issueAccountLink(tx, {
        patientId: withOld.id,
        purpose: "setup",
        via: "staff",
        issuedByStaffId: staffId,
        now: new Date(Date.now() - 8 * 86_400_000),
      }),
    );
    const withAccount = await insertPatient(t.db);
    await insertAccount(t.db, withAccount.id);
    const fresh = await insertPatient(t.db);
    const ids = [withOld.id, withAccount.id, fresh.id];
    const run = await sendBulkInvitations(t.db, { patientIds: ids, staffId, now: new Date() });
    expect(run).toMatchObject({ queued: 3, skipped: 0 });
    const rows = await outboxOf(run.bulkId);
    for (const id of ids) {
      const [live] = await liveLinks(id);
      expect(await liveLinks(id)).toHaveLength(1);
      const mail = rows.find((r) => r.patientId === id)!;
      const message = unseal<Extract<EmailMessage, { template: "setup_link" | "reset_link" }>>(mail.sealedSecret!);
      expect(message).toMatchObject({ template: id === withAccount.id ? "reset_link" : "setup_link", via: "staff" });
      expect(hashToken(new URL(message.link).searchParams.get("token")!)).toBe(live.tokenHash);
      expect(live).toMatchObject({
        purpose: id === withAccount.id ? "reset" : "setup",
        issuedVia: "bulk",
        issuedByStaffId: staffId,
      });
    }
    const [oldRow] = await t.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.tokenHash, hashToken(new URL(old.url).searchParams.get("token")!)));
    expect(oldRow.revokedReason).toBe("replaced");
    const events = await t.db.select().from(auditEvents).where(inArray(auditEvents.patientId, ids));
    const count = (e: string) => events.filter((x) => x.event === e).length;
    expect([
      count("staff.invitation_sent"),
      count("staff.reset_sent"),
      count("token.issued"),
      count("email.queued"),
    ]).toEqual([2, 1, 3 + 1, 3]);
    expect(events.find((e) => e.event === "staff.reset_sent")).toMatchObject({
      actorType: "staff",
      actorStaffId: staffId,
      details: { via: "bulk" },
    });
  });

  it(`over more than one chunk (${BULK_CHUNK}): every patient once, and the cap counts across chunks`, async () => {
    const n = BULK_CHUNK + 60;
    const tag = randomUUID().slice(0, 6);
    const family = `chunky.${tag}@example.com`;
    const values = Array.from({ length: n }, (_, i) => ({
      chartNumber: `C-${tag}-${i}`,
      firstName: `First${i}`,
      lastName: "Chunk",
      dateOfBirth: "1990-01-01",
      // Two of the family in the first chunk, two in the second.
      email: [0, 1, BULK_CHUNK + 1, BULK_CHUNK + 2].includes(i) ? family : `p${i}.${tag}@example.com`,
      zip: "62701",
      portalAccessEnabled: true,
    }));
    const inserted = await t.db
      .insert(patients)
      .values(values)
      .returning({ id: patients.id, chartNumber: patients.chartNumber });
    const ids = inserted
      .sort((a, b) => Number(a.chartNumber.split("-")[2]) - Number(b.chartNumber.split("-")[2]))
      .map((r) => r.id);
    const run = await sendBulkInvitations(t.db, { patientIds: ids, staffId, now: new Date() });
    expect(run).toMatchObject({ queued: n - 1, skipped: 1 });
    const rows = await outboxOf(run.bulkId);
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.patientId)).size).toBe(n);
    expect(rows.filter((r) => r.recipient === family && r.status === "held").map((r) => r.patientId)).toEqual([
      ids[BULK_CHUNK + 2],
    ]);
    const tokens = await t.db
      .select({ patientId: accountTokens.patientId })
      .from(accountTokens)
      .where(and(inArray(accountTokens.patientId, ids), isNull(accountTokens.revokedAt)));
    expect(tokens).toHaveLength(n - 1);
  }, 120_000);
});
