import { describe, expect, it } from "vitest";
import { sessionExpired, sessionTooOld } from "./session-limits";

const t0 = Date.parse("2026-11-27T08:00:00Z") / 1000;
const at = (seconds: number) => new Date((t0 + seconds) * 1000);

describe("session limits", () => {
  it("ends a patient session after 30 minutes without a request, not before", () => {
    expect(sessionExpired({ kind: "patient", signedInAt: t0, seenAt: t0 }, at(30 * 60))).toBe(false);
    expect(sessionExpired({ kind: "patient", signedInAt: t0, seenAt: t0 }, at(30 * 60 + 1))).toBe(true);
  });

  it("ends a staff session after 15 idle minutes", () => {
    expect(sessionExpired({ kind: "staff", signedInAt: t0, seenAt: t0 + 600 }, at(600 + 15 * 60))).toBe(false);
    expect(sessionExpired({ kind: "staff", signedInAt: t0, seenAt: t0 + 600 }, at(600 + 15 * 60 + 1))).toBe(true);
  });

  it("ends any session 12 hours after sign-in, however active", () => {
    expect(sessionExpired({ kind: "patient", signedInAt: t0, seenAt: t0 + 12 * 3600 - 5 }, at(12 * 3600 - 1))).toBe(
      false,
    );
    expect(sessionExpired({ kind: "patient", signedInAt: t0, seenAt: t0 + 12 * 3600 }, at(12 * 3600 + 1))).toBe(true);
  });

  it("treats a session without our sign-in time as too old", () => {
    expect(sessionTooOld(undefined, at(0))).toBe(true);
    expect(sessionExpired({ kind: "patient" }, at(0))).toBe(true);
  });
});
