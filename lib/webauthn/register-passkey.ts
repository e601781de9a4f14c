// Adding a passkey to an account: the options the browser's ceremony needs (the challenge kept server-side),
// then the check of what it answered and the new factor (docs/security.md M3).
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { Db } from "@/db/client";
import { insertPasskeyFactor, listPasskeyCredentials } from "@/db/queries/second-factors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type AccountRef, auditSelf, sameAccount } from "@/lib/second-factor/account-ref";
import { knownTransports } from "@/lib/validation/passkey";
import { logPasskeyRefusal } from "./log-refusal";
import { spendAnsweredChallenge, storeChallenge } from "./passkey-challenge";
import { CHALLENGE_MS, passkeyUserHandle, relyingParty } from "./relying-party";

// Ed25519, ES256, RS256: what platform authenticators and security keys use.
const ALGORITHMS = [-8, -7, -257];

/**
 * Options for `startRegistration`: a discoverable credential (so it can sign in without a username), user
 * verification required, no attestation, and none of the owner's passkeys created again on one authenticator.
 * `userName` is what passkey managers list the passkey under (a username or email); it is never the user id.
 */
export async function passkeyRegistrationOptions(
  db: Db,
  opts: { owner: AccountRef; userName: string; userDisplayName: string; now: Date },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty();
  const existing = await listPasskeyCredentials(db, opts.owner);
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userID: passkeyUserHandle(opts.owner),
    userName: opts.userName,
    userDisplayName: opts.userDisplayName,
    timeout: CHALLENGE_MS,
    attestationType: "none",
    excludeCredentials: existing.flatMap((c) =>
      c.credentialId ? [{ id: c.credentialId, transports: knownTransports(c.transports) }] : [],
    ),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    supportedAlgorithmIDs: ALGORITHMS,
  });
  await storeChallenge(db, { challenge: options.challenge, purpose: "register", owner: opts.owner, now: opts.now });
  return options;
}

/**
 * "challenge": unknown, used, expired, or handed out to someone else or for signing in (start again);
 * "not_verified": the answer does not hold up (wrong site, no user verification, bad data);
 * "already_added": this credential is registered already.
 */
export type SavePasskeyResult =
  | { ok: true; factorId: string }
  | { ok: false; reason: "challenge" | "not_verified" | "already_added" };

/** Checks the browser's answer to `passkeyRegistrationOptions` and keeps the passkey as the owner's factor. */
export async function savePasskey(
  db: Db,
  opts: { owner: AccountRef; response: RegistrationResponseJSON; name: string; now: Date },
): Promise<SavePasskeyResult> {
  const spent = await spendAnsweredChallenge(db, {
    clientDataJSON: opts.response.response.clientDataJSON,
    now: opts.now,
  });
  if (spent?.purpose !== "register" || !sameAccount(spent.owner, opts.owner)) {
    logPasskeyRefusal("registration", "challenge");
    return { ok: false, reason: "challenge" };
  }
  const rp = relyingParty();
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response: opts.response,
      expectedChallenge: spent.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserPresence: true,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (error) {
    logPasskeyRefusal("registration", "not_verified", error);
    return { ok: false, reason: "not_verified" };
  }
  if (!verified.verified) {
    logPasskeyRefusal("registration", "not_verified");
    return { ok: false, reason: "not_verified" };
  }
  const info = verified.registrationInfo;
  return db.transaction(async (tx): Promise<SavePasskeyResult> => {
    const factorId = await insertPasskeyFactor(tx, {
      owner: opts.owner,
      name: opts.name,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
      signCount: info.credential.counter,
      transports: knownTransports(opts.response.response.transports),
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      now: opts.now,
    });
    if (!factorId) return { ok: false, reason: "already_added" };
    // No credential id in the trail: the factor's row holds it.
    await recordAuditEvent(tx, {
      event: "second_factor.added",
      ...auditSelf(opts.owner),
      details: { kind: "passkey" },
    });
    return { ok: true, factorId };
  });
}
