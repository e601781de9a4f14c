// What a browser answers in a passkey ceremony (the RegistrationResponseJSON and AuthenticationResponseJSON of
// @simplewebauthn/browser), as it arrives in one hidden form field: its shape and sizes are checked before any
// database or crypto work. Fields we never use (extension outputs) are dropped, never stored.
import type { AuthenticatorTransportFuture } from "@simplewebauthn/server";
import { z } from "zod";
import { validationKey } from "@/lib/i18n/localize-message";
import { UNSAFE_TEXT } from "./patient-record";

export const PASSKEY_TRANSPORTS = [
  "ble",
  "cable",
  "hybrid",
  "internal",
  "nfc",
  "smart-card",
  "usb",
] as const satisfies readonly AuthenticatorTransportFuture[];

/** The transports we know, in the order given; anything else (a browser's newer word) is left out. */
export function knownTransports(list: readonly unknown[] | null | undefined): AuthenticatorTransportFuture[] {
  const known: readonly unknown[] = PASSKEY_TRANSPORTS;
  return (list ?? []).filter((t): t is AuthenticatorTransportFuture => known.includes(t));
}

// Unpadded base64url, as browsers and @simplewebauthn/browser write it.
const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/);

// A credential id is at most 1,023 bytes (WebAuthn L3 5.1): 1,364 characters.
const credentialId = b64url(1_400);
const clientDataJSON = b64url(4_096);
const attachment = z.enum(["platform", "cross-platform"]).optional().catch(undefined);
const extensionOutputs = z.unknown().transform((): Record<string, never> => ({}));

export const registrationResponseSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON,
    // "none" attestation is a few hundred bytes; room for a packed or TPM statement a browser insists on.
    attestationObject: b64url(24_000),
    authenticatorData: b64url(8_000).optional(),
    transports: z.array(z.string().max(32)).max(16).optional().transform(knownTransports),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(4_000).optional(),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults: extensionOutputs,
});

export const authenticationResponseSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON,
    authenticatorData: b64url(8_000),
    // ECDSA is about 72 bytes, RSA-4096 512.
    signature: b64url(2_048),
    // At most 64 bytes; an empty one means none.
    userHandle: z
      .string()
      .max(128)
      .regex(/^[A-Za-z0-9_-]*$/)
      .nullish()
      .transform((h) => h || undefined),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults: extensionOutputs,
});

export const PASSKEY_ANSWER_MAX = 64_000;
export const UNREADABLE_PASSKEY = validationKey("passkeyUnreadable");

/** A hidden field holding the browser's answer as JSON: one plain message whatever is wrong with it. */
function passkeyAnswer<S extends z.ZodType>(schema: S) {
  return z.unknown().transform((raw, ctx): z.output<S> => {
    const refuse = () => {
      ctx.addIssue({ code: "custom", message: UNREADABLE_PASSKEY });
      return z.NEVER;
    };
    if (typeof raw !== "string" || raw.length === 0 || raw.length > PASSKEY_ANSWER_MAX) return refuse();
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return refuse();
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? parsed.data : refuse();
  });
}

export const PASSKEY_NAME_MAX = 60;
export const DEFAULT_PASSKEY_NAME = "Passkey";

/** What the owner calls the passkey in their list; blank is "Passkey". */
export const passkeyNameField = z.unknown().transform((raw, ctx) => {
  const s = typeof raw === "string" ? raw.trim() : "";
  if (!s) return DEFAULT_PASSKEY_NAME;
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  if ([...s].length > PASSKEY_NAME_MAX) return fail(validationKey("passkeyNameTooLong"));
  if (UNSAFE_TEXT.test(s)) return fail(validationKey("passkeyNameNotAllowed"));
  return s;
});

/** Adding a passkey: the browser's answer and the name to show for it. */
export const addPasskeySchema = z.object({
  response: passkeyAnswer(registrationResponseSchema),
  name: passkeyNameField,
});

/** Signing in (or the second step) with a passkey: the browser's answer. */
export const passkeyAssertionSchema = z.object({
  response: passkeyAnswer(authenticationResponseSchema),
});

/** A passkey as the second step: the browser's answer, and whether a patient trusts this browser for 30 days. */
export const passkeySecondStepSchema = passkeyAssertionSchema.extend({ remember: z.boolean().optional() });
