// Add patient and the patient dash's forms, called as the browser calls them, on a real database: a refused
// submission sends back every field as typed, the "Patient Can Access Portal" tick included (issue 15.2), and
// the texts that name a link's lifetime read it from the configuration (docs/security.md T4).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { patients, staffUsers } from "@/db/schema";
import { formData, harness, Redirected, staffCaller } from "@/test-kit/action-harness";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { importWithEnv } from "@/test-kit/import-with-env";

vi.mock("@/lib/auth/dal", async () => (await import("@/test-kit/action-harness")).mockDal());
vi.mock("@/db/client", async () => (await import("@/test-kit/action-harness")).mockDbClient());
vi.mock("next/navigation", async () => (await import("@/test-kit/action-harness")).mockNavigation());
vi.mock("next/headers", async () => (await import("@/test-kit/action-harness")).mockHeaders());
vi.mock("next/cache", async () => (await import("@/test-kit/action-harness")).mockCache());

const { addPatientAction } = await import("./new/actions");
const { saveBasicData } = await import("./[id]/actions");

describe.each(DB_KINDS)("staff patient forms (%s)", (kind) => {
  let t: TestDb;
  let staffId: string;

  beforeAll(async () => {
    t = await openTestDb(kind);
    const [staff] = await t.db
      .insert(staffUsers)
      .values({ name: "Fran Desk", email: `fran.${randomUUID().slice(0, 8)}@example.com`, role: "front_desk" })
      .returning({ id: staffUsers.id });
    staffId = staff.id;
  });
  beforeEach(() => {
    harness.db = t.db;
    harness.caller = { staff: staffCaller(staffId, "front_desk") };
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(() => t?.close());

  it("Add patient: the duplicate warning sends back every field and the ticked access box; Add anyway adds the patient with access on", async () => {
    const twin = await insertPatient(t.db, { lastName: "Okonkwo", dateOfBirth: "1951-09-15" });
    const typed = {
      chartNumber: `MRN-${randomUUID().slice(0, 6)}`,
      firstName: "Gloria",
      lastName: "Okonkwo",
      dateOfBirth: "09/15/1951",
      email: `gloria.${randomUUID().slice(0, 6)}@example.org`,
      zip: "62704",
      phone: "(555) 010-4477",
      addressLine1: "12 Elm Street",
      addressLine2: "Apt 3",
      city: "Springfield",
      state: "IL",
    };
    const warned = await addPatientAction({}, formData({ ...typed, portalAccessEnabled: true }));
    expect(warned.error).toMatch(/same last name and date of birth is already on file/);
    expect(warned.result?.duplicates.map((d) => d.id)).toEqual([twin.id]);
    expect(warned.values).toEqual({ ...typed, portalAccessEnabled: "on" });

    await expect(
      addPatientAction(warned, formData({ ...warned.values, confirmDuplicate: true })),
    ).rejects.toBeInstanceOf(Redirected);
    const [added] = await t.db.select().from(patients).where(eq(patients.chartNumber, typed.chartNumber));
    expect(added).toMatchObject({ firstName: "Gloria", portalAccessEnabled: true, portalStatus: "unactivated" });
  });

  it("Add patient: a refused field sends back what was typed, and an unticked box stays unticked", async () => {
    const typed = { chartNumber: "MRN 1", firstName: "Ann", lastName: "Lee", dateOfBirth: "02/30/1990" };
    const state = await addPatientAction({}, formData(typed));
    expect(Object.keys(state.errors ?? {}).sort()).toEqual(["chartNumber", "dateOfBirth"]);
    expect(state.values).toEqual(typed);
    expect(state.values?.portalAccessEnabled).toBeUndefined();
  });

  it("Basic Data: a refused save sends back every field as typed", async () => {
    const p = await insertPatient(t.db);
    const typed = {
      firstName: "Pat",
      lastName: "Changed",
      dateOfBirth: "02/29/1980",
      email: "not an email",
      zip: "62701",
      phone: "(555) 010-2000",
      addressLine1: "1 Main St",
      addressLine2: "",
      city: "Springfield",
      state: "IL",
    };
    const state = await saveBasicData({}, formData({ ...typed, patientId: p.id, version: String(p.version) }));
    expect(Object.keys(state.errors ?? {})).toEqual(["email"]);
    expect(state.values).toMatchObject(typed);
  });

  it("Send invitation names the configured lifetimes, not the defaults", async () => {
    const { sendInvitation } = await importWithEnv(
      { INVITE_LINK_DAYS: "3", RESET_LINK_MINUTES: "90" },
      () => import("./[id]/actions"),
    );
    const noAccount = await insertPatient(t.db);
    const setup = await sendInvitation({}, formData({ patientId: noAccount.id }));
    expect(setup.message).toBe(
      "Invitation queued: the patient will get a link to set up their account (valid 3 days).",
    );
    const withAccount = await insertPatient(t.db);
    await insertAccount(t.db, withAccount.id);
    const reset = await sendInvitation({}, formData({ patientId: withAccount.id }));
    expect(reset.message).toBe(
      "Reset email queued: the patient will get a link to choose a new password (valid 90 minutes).",
    );
  });
});
