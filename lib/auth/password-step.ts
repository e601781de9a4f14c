// The first step of every password sign-in: per-address limit, then the password. When nothing more is asked (a
// patient without a second step, or on a device they trusted) a right password is the proof the completion takes;
// otherwise it gives a pending sign-in (lib/auth/pending-sign-in.ts) waiting for the second step, or for staff
// without a factor, for its setup (docs/security.md M1). Nothing here says whether a second step exists until the password is right.
import type { Db } from "@/db/client";
import { hasAnyFactor } from "@/db/queries/second-factors";
import { patientRef, staffRef } from "@/lib/second-factor/account-ref";
import { sendEmailCode } from "@/lib/second-factor/email-code";
import { isTrustedDevice } from "@/lib/second-factor/trusted-device";
import type { Locale } from "@/lib/i18n/locales";
import type { PassedSignIn } from "./complete-sign-in";
import type { Defer } from "./defer";
import { startPendingSignIn } from "./pending-sign-in";
import { runWithinSignInLimit } from "./sign-in-limit";
import { verifyPatientCredentials } from "./verify-patient-credentials";
import { verifyStaffCredentials } from "./verify-staff-credentials";

export type PasswordStep =
  | { outcome: "refused" }
  | { outcome: "access_off" }
  /** Nothing more to prove: complete the sign-in with this proof. */
  | { outcome: "done"; passed: PassedSignIn }
  | { outcome: "second_step"; token: string }
  | { outcome: "set_up"; token: string };

type Common = { address: string; now: Date; defer?: Defer };

export async function staffPasswordStep(
  db: Db,
  opts: Common & { email: string; password: string },
): Promise<PasswordStep> {
  const run = await runWithinSignInLimit(
    db,
    { kind: "staff", address: opts.address, now: opts.now, defer: opts.defer },
    () => verifyStaffCredentials(db, { email: opts.email, password: opts.password, now: opts.now, defer: opts.defer }),
    (staff) => !!staff,
  );
  if (run.limited || !run.result) return { outcome: "refused" };
  const staff = run.result;
  const owner = staffRef(staff.id);
  const purpose = (await hasAnyFactor(db, owner)) ? "second_step" : "set_up";
  const token = await startPendingSignIn(db, { owner, sessionVersion: staff.sessionVersion, purpose, now: opts.now });
  return { outcome: purpose, token };
}

export async function patientPasswordStep(
  db: Db,
  /** `locale`: the sign-in page's language, for the emailed code. */
  opts: Common & { username: string; password: string; trustedDevice?: string; locale?: Locale },
): Promise<PasswordStep> {
  const run = await runWithinSignInLimit(
    db,
    { kind: "patient", address: opts.address, now: opts.now, defer: opts.defer },
    () =>
      verifyPatientCredentials(db, {
        username: opts.username,
        password: opts.password,
        now: opts.now,
        defer: opts.defer,
      }),
    (r) => r.ok,
  );
  if (run.limited) return { outcome: "refused" };
  if (!run.result.ok) return { outcome: run.result.reason === "access_off" ? "access_off" : "refused" };
  const { patientId, sessionVersion, factorKinds } = run.result.patient;
  const owner = patientRef(patientId);
  const done = (method: string) => ({ outcome: "done" as const, passed: { owner, sessionVersion, method } });

  const kinds = new Set(factorKinds);
  if (kinds.size === 0) return done("password");
  if (opts.trustedDevice && (await isTrustedDevice(db, { patientId, token: opts.trustedDevice, now: opts.now }))) {
    return done("password+trusted_device");
  }
  // A patient whose only code comes by email gets it now, without another click.
  if (kinds.has("email") && !kinds.has("totp") && !kinds.has("passkey"))
    await db.transaction((tx) =>
      sendEmailCode(tx, { patientId, purpose: "sign_in", locale: opts.locale, now: opts.now }),
    );
  const token = await startPendingSignIn(db, { owner, sessionVersion, purpose: "second_step", now: opts.now });
  return { outcome: "second_step", token };
}
