import { afterEach, describe, expect, it, vi } from "vitest";
import { importWithEnv } from "@/test-kit/import-with-env";

afterEach(() => vi.unstubAllEnvs());

const changedAt = new Date("2026-03-01T12:00:00Z");
const hoursLater = (h: number) => new Date(changedAt.getTime() + h * 3_600_000);

describe("an email change counts as recent for EMAIL_CHANGE_CONFIRM_HOURS", () => {
  it("24 hours by default: links wait for staff until the day has passed", async () => {
    const { emailChangedRecently, emailChangeConfirmHours } = await importWithEnv(
      { EMAIL_CHANGE_CONFIRM_HOURS: undefined },
      () => import("./email-changed-recently"),
    );
    expect(emailChangeConfirmHours()).toBe(24);
    expect(emailChangedRecently({ emailChangedAt: changedAt, now: hoursLater(23.9) })).toBe(true);
    expect(emailChangedRecently({ emailChangedAt: changedAt, now: hoursLater(24) })).toBe(false);
    expect(emailChangedRecently({ emailChangedAt: null, now: hoursLater(1) })).toBe(false);
  });

  it("a practice that sets 72 hours gets 72 hours, everywhere the rule is asked", async () => {
    const { emailChangedRecently, emailChangeConfirmHours } = await importWithEnv(
      { EMAIL_CHANGE_CONFIRM_HOURS: "72" },
      () => import("./email-changed-recently"),
    );
    expect(emailChangeConfirmHours()).toBe(72);
    expect(emailChangedRecently({ emailChangedAt: changedAt, now: hoursLater(48) })).toBe(true);
    expect(emailChangedRecently({ emailChangedAt: changedAt, now: hoursLater(72) })).toBe(false);
  });
});
