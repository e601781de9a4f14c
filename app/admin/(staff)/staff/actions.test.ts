// The staff page's actions, called as the browser calls them, on a real database: what a refused "Add staff
// member" sends back, and that nothing is cut or saved when a field is too long (docs/security.md R3).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { staffUsers } from "@/db/schema";
import { formData, harness, staffCaller } from "@/test-kit/action-harness";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";

vi.mock("@/lib/auth/dal", async () => (await import("@/test-kit/action-harness")).mockDal());
vi.mock("@/db/client", async () => (await import("@/test-kit/action-harness")).mockDbClient());
vi.mock("next/navigation", async () => (await import("@/test-kit/action-harness")).mockNavigation());
vi.mock("next/headers", async () => (await import("@/test-kit/action-harness")).mockHeaders());
vi.mock("next/cache", async () => (await import("@/test-kit/action-harness")).mockCache());

const { inviteStaff, changeRole } = await import("./actions");

describe.each(DB_KINDS)("staff actions (%s)", (kind) => {
  let t: TestDb;
  let adminId: string;

  beforeAll(async () => {
    t = await openTestDb(kind);
    harness.db = t.db;
    const [admin] = await t.db
      .insert(staffUsers)
      .values({ name: "Ada Admin", email: `ada.${randomUUID().slice(0, 8)}@example.com`, role: "admin" })
      .returning({ id: staffUsers.id });
    adminId = admin.id;
  });
  beforeEach(() => {
    harness.db = t.db;
    harness.caller = { staff: staffCaller(adminId) };
  });
  afterAll(() => t?.close());

  const staffNamed = (name: string) => t.db.select().from(staffUsers).where(eq(staffUsers.name, name));

  it("a name over 100 characters is refused with a message and comes back as typed; nobody is added", async () => {
    const name = `Jordan ${"Lee".repeat(40)}`; // 127 characters
    const email = `jordan.${randomUUID().slice(0, 8)}@example.com`;
    const state = await inviteStaff({}, formData({ name, email, role: "admin" }));
    expect(state.errors?.name).toEqual(["Name must be 100 characters or fewer"]);
    expect(state.values).toEqual({ name, email, role: "admin" });
    expect(await staffNamed(name)).toEqual([]);
    expect(await staffNamed(name.slice(0, 100))).toEqual([]);
  });

  it("an email over 254 characters is refused with a message and comes back as typed; nobody is added", async () => {
    const email = `${"a".repeat(250)}@example.com`;
    const state = await inviteStaff({}, formData({ name: "Casey Long", email, role: "front_desk" }));
    expect(state.errors?.email).toEqual(["Email address must be 254 characters or fewer"]);
    expect(state.values?.email).toBe(email);
    expect(await staffNamed("Casey Long")).toEqual([]);
  });

  it("an email already on file is refused, and name, email and role come back as typed", async () => {
    const email = `taken.${randomUUID().slice(0, 8)}@example.com`;
    const first = await inviteStaff({}, formData({ name: "First Person", email, role: "front_desk" }));
    expect(first.message).toContain("First Person was added as front desk");
    const again = await inviteStaff({}, formData({ name: "Second Person", email, role: "admin" }));
    expect(again.errors?.email?.[0]).toBeTruthy();
    expect(again.values).toEqual({ name: "Second Person", email, role: "admin" });
    expect(await staffNamed("Second Person")).toEqual([]);
  });

  it("front-desk staff are sent away before anything is read", async () => {
    harness.caller = { staff: staffCaller(adminId, "front_desk") };
    await expect(
      inviteStaff({}, formData({ name: "Mallory", email: "mallory@example.com", role: "admin" })),
    ).rejects.toThrow("redirected to /admin?denied=admin");
    expect(await staffNamed("Mallory")).toEqual([]);
  });

  it("a row action with a value the page never offers says the request could not be read", async () => {
    const state = await changeRole({}, formData({ staffId: adminId, role: "owner" }));
    expect(state).toMatchObject({ error: "That request could not be read. Reload the page and try again." });
  });
});
