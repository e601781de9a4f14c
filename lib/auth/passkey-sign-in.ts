// Passkeys in a sign-in (docs/security.md M1, M3, M6): alone, with no username or password typed (a discoverable,
// user-verified credential on the sign-in page of its own kind), or as the second step after a password. Before
// any work, per address: the ceremonies started (each stores a challenge) and the same failure budget as
// passwords. A refused answer for a known passkey counts toward its account's waits and lock, as a wrong password
// does; every refusal gets the same answer, and the audit trail says why without the credential id.
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { Db, Tx } from "@/db/client";
import { findPasskey } from "@/db/queries/second-factors";
import { findPatientAccountForCompletion } from "@/db/queries/sign-ins";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { canAccessPortal } from "@/lib/patients/portal-status";
import { hitRateLimit, overRateLimit, RATE_LIMITS } from "@/lib/rate-limit/hit-rate-limit";
import { type AccountRef, auditSelf, patientRef, staffRef } from "@/lib/second-factor/account-ref";
import { passkeySignInOptions, verifyPasskeyAssertion } from "@/lib/webauthn/passkey-assertion";
import { spendAnsweredChallenge } from "@/lib/webauthn/passkey-challenge";
import { countPatientFailure } from "./count-patient-failure";
import { inline, type Defer } from "./defer";
import { countFailure } from "./lockout";
import { type PendingSignIn, passPendingSignIn, startPendingSignIn } from "./pending-sign-in";
import { lockState } from "./second-step";
import { runWithinSignInLimit, signInRule } from "./sign-in-limit";

type Kind = AccountRef["kind"];

/**
 * Whether this address may start a passkey ceremony now: its failure budget is not spent, and it has not started
 * too many (this one counts). Call it before anything that stores a challenge.
 */
export async function mayStartPasskeyCeremony(db: Db, opts: { kind: Kind; address: string; now: Date }) {
  if (await overRateLimit(db, { rule: signInRule(opts.kind), subject: opts.address, now: opts.now })) return false;
  return (await hitRateLimit(db, { rule: RATE_LIMITS.passkeyCeremoniesPerIp, subject: opts.address, now: opts.now }))
    .allowed;
}

/**
 * Options for "Sign in with a passkey" (no owner: the browser offers any passkey it holds for us) or for the second
 * step (the pending sign-in's owner, whose passkeys alone are offered). Null when this address is over a limit.
 */
export async function startPasskeySignIn(
  db: Db,
  opts: { kind: Kind; address: string; now: Date; pending?: PendingSignIn },
): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  if (!(await mayStartPasskeyCeremony(db, opts))) return null;
  return passkeySignInOptions(db, { owner: opts.pending?.owner, now: opts.now });
}

export type PasskeySignIn =
  | { outcome: "refused" }
  /** A patient whose passkey is right but whose portal access is off: told whom to call, as after a password. */
  | { outcome: "access_off" }
  /** Complete the sign-in with this token (lib/auth/complete-sign-in.ts). */
  | { outcome: "done"; token: string };

/** A passkey alone, on the patient (`kind` "patient") or the staff sign-in page: a complete sign-in (M1). */
export async function passkeySignIn(
  db: Db,
  opts: { kind: Kind; response: AuthenticationResponseJSON; address: string; now: Date; defer?: Defer },
): Promise<PasskeySignIn> {
  const run = await runWithinSignInLimit(
    db,
    { kind: opts.kind, address: opts.address, now: opts.now, defer: opts.defer },
    () => tryPasskeySignIn(db, opts),
    (r) => r.outcome !== "refused",
  );
  return run.limited ? { outcome: "refused" } : run.result;
}

async function tryPasskeySignIn(
  db: Db,
  opts: { kind: Kind; response: AuthenticationResponseJSON; now: Date; defer?: Defer },
): Promise<PasskeySignIn> {
  const { kind, response, now } = opts;
  const known = await findPasskey(db, response.id);
  const holder = known && (known.staffUserId ? staffRef(known.staffUserId) : patientRef(known.patientId!));
  if (holder && holder.kind !== kind) {
    // A patient's passkey on the staff page, or the reverse: refused unchecked (its challenge spent all the same),
    // and not counted against the account, whose owner only chose the wrong page.
    await spendAnsweredChallenge(db, { clientDataJSON: response.response.clientDataJSON, now });
    await failed(db, opts, { owner: null, count: false, reason: "other_sign_in_page" });
    return { outcome: "refused" };
  }
  const account = holder && (await lockState(db, holder));
  const usable = !!account && !(account.lockedUntil && account.lockedUntil > now);
  const verified = await verifyPasskeyAssertion(db, { response, now });
  if (!verified.ok || !holder || !account || !usable) {
    const reason = !verified.ok ? (holder ? "not_verified" : "unknown_passkey") : account ? "locked" : "inactive";
    await failed(db, opts, { owner: holder, count: !verified.ok && usable, reason });
    return { outcome: "refused" };
  }
  if (holder.kind === "patient") {
    const row = await findPatientAccountForCompletion(db, holder.id);
    if (!row || !canAccessPortal(row)) {
      await recordAuditEvent(db, { event: "patient.sign_in_refused_inactive", ...auditSelf(holder) });
      return { outcome: "access_off" };
    }
  }
  return db.transaction(async (tx) => {
    await recordAuditEvent(tx, {
      event: "second_factor.passkey_used",
      ...auditSelf(holder),
      details: { purpose: "sign_in" },
    });
    const token = await startPendingSignIn(tx, {
      owner: holder,
      sessionVersion: account.sessionVersion,
      purpose: "second_step",
      now,
      passedWith: "passkey",
    });
    return { outcome: "done" as const, token };
  });
}

/**
 * A passkey as the second step, after the password: only the pending sign-in's owner's passkeys answer. True when
 * the pending sign-in is now passed (method "password+passkey").
 */
export async function passkeySecondStep(
  db: Db,
  opts: { pending: PendingSignIn; response: AuthenticationResponseJSON; address: string; now: Date; defer?: Defer },
): Promise<boolean> {
  const { pending, now } = opts;
  const owner = pending.owner;
  const run = await runWithinSignInLimit(
    db,
    { kind: owner.kind, address: opts.address, now, defer: opts.defer },
    async () => {
      const account = await lockState(db, owner);
      const usable = !!account && !(account.lockedUntil && account.lockedUntil > now);
      const verified = await verifyPasskeyAssertion(db, { response: opts.response, expectedOwner: owner, now });
      if (verified.ok && usable) {
        const passed = await passPendingSignIn(db, { id: pending.id, method: "password+passkey", now });
        if (passed)
          await recordAuditEvent(db, {
            event: "second_factor.passkey_used",
            ...auditSelf(owner),
            details: { purpose: "second_step" },
          });
        return passed;
      }
      await (opts.defer ?? inline)(() =>
        db.transaction(async (tx) => {
          if (account && usable) await countAccountFailure(tx, owner, account.accountId, now);
          await recordAuditEvent(tx, {
            event: "second_factor.failed",
            ...anonymousFor(owner),
            details: { method: "passkey", reason: usable ? "not_verified" : "locked" },
          });
        }),
      );
      return false;
    },
    (passed) => passed,
  );
  return !run.limited && run.result;
}

// After the answer, as for a wrong password: every refusal answers after the same work.
async function failed(
  db: Db,
  opts: { now: Date; defer?: Defer },
  what: { owner: AccountRef | null; count: boolean; reason: string },
) {
  await (opts.defer ?? inline)(() =>
    db.transaction(async (tx) => {
      if (what.owner && what.count) {
        const account = await lockState(tx, what.owner);
        if (account) await countAccountFailure(tx, what.owner, account.accountId, opts.now);
      }
      await recordAuditEvent(tx, {
        event: "second_factor.passkey_sign_in_failed",
        ...(what.owner ? anonymousFor(what.owner) : { actorType: "anonymous" }),
        details: { reason: what.reason },
      });
    }),
  );
}

const anonymousFor = (owner: AccountRef) =>
  owner.kind === "staff"
    ? { actorType: "anonymous" as const, actorStaffId: owner.id }
    : { actorType: "anonymous" as const, patientId: owner.id };

async function countAccountFailure(tx: Tx, owner: AccountRef, accountId: string | null, now: Date) {
  if (owner.kind === "staff") await countFailure(tx, "staff_user", owner.id, now);
  else if (accountId) await countPatientFailure(tx, { accountId, patientId: owner.id, now });
}
