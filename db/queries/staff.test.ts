// The staff list on a real database: no password hash, and the pending invitation's expiry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffUsers } from "@/db/schema";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { inviteStaffMember } from "@/lib/staff/invite-staff-member";
import { listStaff, staffOptions } from "./staff";

describe.each(DB_KINDS)("staff list (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  it("lists every member with what the admin page needs, and never a password hash", async () => {
    const [admin] = await t.db
      .insert(staffUsers)
      .values({
        name: "Ada Admin",
        email: "ada@example.com",
        role: "admin",
        passwordHash: "$argon2id$secret",
        lastLoginAt: new Date("2026-03-01T10:00:00Z"),
      })
      .returning({ id: staffUsers.id });
    const now = new Date();
    const invited = await inviteStaffMember(t.db, {
      actorStaffId: admin.id,
      name: "Jordan Lee",
      email: "jordan@example.com",
      role: "front_desk",
      now,
    });
    expect(invited.ok).toBe(true);
    const rows = await listStaff(t.db);
    expect(rows).toEqual([
      {
        id: admin.id,
        name: "Ada Admin",
        email: "ada@example.com",
        role: "admin",
        active: true,
        lastLoginAt: new Date("2026-03-01T10:00:00Z"),
        hasPassword: true,
        inviteExpiresAt: null,
        secondFactors: 0,
      },
      {
        id: expect.any(String),
        name: "Jordan Lee",
        email: "jordan@example.com",
        role: "front_desk",
        active: true,
        lastLoginAt: null,
        hasPassword: false,
        inviteExpiresAt: new Date(now.getTime() + 7 * 86_400_000),
        secondFactors: 0,
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain("argon2");
    expect(await staffOptions(t.db)).toEqual([
      { id: admin.id, name: "Ada Admin", active: true },
      { id: expect.any(String), name: "Jordan Lee", active: true },
    ]);
  });
});
