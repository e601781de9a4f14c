// Types for test-kit/soft-authenticator.mjs (plain JavaScript so that scripts and the bench run it without tsx).
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

/** What a ceremony can be told to get wrong; every default is what an honest browser and authenticator send. */
export type SoftCeremonyOverrides = {
  /** clientDataJSON.origin (default: the authenticator's origin). */
  origin?: string;
  /** The RP ID whose hash goes into authenticatorData (default: the options' RP ID). */
  rpID?: string;
  /** clientDataJSON.challenge (default: the options' challenge). */
  challenge?: string;
  /** clientDataJSON.type (default: webauthn.create / webauthn.get). */
  type?: string;
  userPresent?: boolean;
  /** The UV flag (default true). */
  userVerified?: boolean;
};

export type SoftAssertionOverrides = SoftCeremonyOverrides & {
  /** Answer with this credential, whatever the options allow. */
  credentialId?: string;
  /** Report this sign counter (and keep it) instead of the next one. */
  signCount?: number;
  /** The user handle sent back (default: the one given at registration; "" sends none). */
  userHandle?: string;
};

export type SoftAuthenticator = {
  /** Creates a credential for the options; throws an InvalidStateError when it holds an excluded one. */
  register(options: PublicKeyCredentialCreationOptionsJSON, o?: SoftCeremonyOverrides): RegistrationResponseJSON;
  /** Signs the options' challenge with an allowed credential (any of this RP's when none are listed). */
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, o?: SoftAssertionOverrides): AuthenticationResponseJSON;
  /** The credential ids this authenticator holds, oldest first. */
  credentialIds(): string[];
};

/**
 * A platform authenticator at `origin`. `backupEligible`/`backedUp`: the BE and BS flags (a synced passkey);
 * `counter`: "increment" (default, as security keys do) or "zero" (as synced passkeys do).
 */
export function createSoftAuthenticator(setup: {
  origin: string;
  backupEligible?: boolean;
  backedUp?: boolean;
  counter?: "increment" | "zero";
}): SoftAuthenticator;

/** CBOR of integers, strings, byte strings, arrays and maps (Map: integer keys; object: text keys). */
export function encodeCbor(value: unknown): Buffer;
