// Using a passkey: as the second step after a password (the owner known, their passkeys offered) or alone,
// without a username (a discoverable credential names its owner). User verification is always required, the
// challenge is spent once, and the sign counter and backup state are recorded (docs/security.md M3).
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
} from "@simplewebauthn/server";
import type { Db } from "@/db/client";
import { findPasskey, listPasskeyCredentials, recordPasskeyUse } from "@/db/queries/second-factors";
import { type AccountRef, patientRef, sameAccount, staffRef } from "@/lib/second-factor/account-ref";
import { knownTransports } from "@/lib/validation/passkey";
import { logPasskeyRefusal } from "./log-refusal";
import { spendAnsweredChallenge, storeChallenge } from "./passkey-challenge";
import { CHALLENGE_MS, passkeyUserHandle, relyingParty } from "./relying-party";

/**
 * Options for `startAuthentication`. With an owner (the second step), only their passkeys are offered and the
 * challenge is theirs alone; without one (passkey sign-in), the browser offers whatever passkey it holds for us.
 */
export async function passkeySignInOptions(
  db: Db,
  opts: { owner?: AccountRef; now: Date },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const rp = relyingParty();
  const allowCredentials = opts.owner
    ? (await listPasskeyCredentials(db, opts.owner)).flatMap((c) =>
        c.credentialId ? [{ id: c.credentialId, transports: knownTransports(c.transports) }] : [],
      )
    : [];
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials,
    userVerification: "required",
    timeout: CHALLENGE_MS,
  });
  await storeChallenge(db, {
    challenge: options.challenge,
    purpose: "authenticate",
    owner: opts.owner ?? null,
    now: opts.now,
  });
  return options;
}

export type PasskeyAssertionResult = { ok: true; owner: AccountRef; factorId: string } | { ok: false };

/**
 * Checks the browser's answer to `passkeySignInOptions`. `expectedOwner` (the second step): the passkey must be
 * theirs. Every refusal is the same `{ ok: false }`; the caller counts it as a failed sign-in. Whether the owner
 * may sign in at all (active, portal access on) is the caller's to check.
 */
export async function verifyPasskeyAssertion(
  db: Db,
  opts: { response: AuthenticationResponseJSON; expectedOwner?: AccountRef; now: Date },
): Promise<PasskeyAssertionResult> {
  const refuse = (reason: string, error?: unknown): PasskeyAssertionResult => {
    logPasskeyRefusal("assertion", reason, error);
    return { ok: false };
  };
  const { response } = opts;
  const spent = await spendAnsweredChallenge(db, { clientDataJSON: response.response.clientDataJSON, now: opts.now });
  if (spent?.purpose !== "authenticate") return refuse("challenge");

  const passkey = await findPasskey(db, response.id);
  if (!passkey?.credentialId || !passkey.publicKey) return refuse("unknown_credential");
  const owner = passkey.staffUserId ? staffRef(passkey.staffUserId) : patientRef(passkey.patientId!);
  // A challenge handed out for one account's second step is answered by that account's passkey only.
  if (spent.owner && !sameAccount(spent.owner, owner)) return refuse("challenge_owner");
  if (opts.expectedOwner && !sameAccount(opts.expectedOwner, owner)) return refuse("not_owner");
  // A discoverable credential says whose it is: that must be the account it is registered to.
  const userHandle = response.response.userHandle;
  if (userHandle && userHandle !== Buffer.from(passkeyUserHandle(owner)).toString("base64url")) {
    return refuse("user_handle");
  }

  const rp = relyingParty();
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: spent.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: passkey.signCount,
        transports: knownTransports(passkey.transports),
      },
      requireUserVerification: true,
    });
  } catch (error) {
    return refuse("not_verified", error);
  }
  if (!verified.verified || !verified.authenticationInfo.userVerified) return refuse("not_verified");

  // Only if the counter is still the one checked: of two answers racing with one counter value, one wins.
  const recorded = await recordPasskeyUse(db, {
    factorId: passkey.id,
    signCount: verified.authenticationInfo.newCounter,
    backedUp: verified.authenticationInfo.credentialBackedUp,
    previousSignCount: passkey.signCount,
    now: opts.now,
  });
  if (!recorded) return refuse("counter_race");
  return { ok: true, owner, factorId: passkey.id };
}
