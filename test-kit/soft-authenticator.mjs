// A software passkey authenticator for tests and the bench: answers the options of @simplewebauthn/server the
// way a browser and a platform authenticator would (P-256 keys from node:crypto, "none" attestation), and can be
// told to misbehave (another origin or RP ID, no user verification, an old sign counter). Plain JavaScript, as
// scratch-database.mjs, so that scripts and the bench run it without tsx. Its CBOR encoder is its own, so a test
// does not check the library with the library's own encoding.
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const sha256 = (data) => createHash("sha256").update(data).digest();

// ---------------------------------------------------------------------------------------------------------
// The little CBOR (RFC 8949) an attestation object and a COSE key need: integers, byte and text strings,
// arrays, and maps (a Map keeps integer keys, a plain object has text keys).

function cborHead(major, n) {
  const m = major << 5;
  if (n < 24) return Buffer.from([m | n]);
  if (n < 0x100) return Buffer.from([m | 24, n]);
  if (n < 0x10000) return Buffer.from([m | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = m | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

export function encodeCbor(value) {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || Math.abs(value) > 0xffffffff) throw new Error("CBOR: small integers only");
    return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  }
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([cborHead(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([cborHead(4, value.length), ...value.map(encodeCbor)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([cborHead(5, entries.length), ...entries.flatMap(([k, v]) => [encodeCbor(k), encodeCbor(v)])]);
}

// ---------------------------------------------------------------------------------------------------------

function newCredential({ rpID, userHandle, backupEligible, backedUp }) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  // COSE_Key (RFC 9053): kty EC2, alg ES256, crv P-256, x, y.
  const cose = new Map([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, Buffer.from(jwk.x, "base64url")],
    [-3, Buffer.from(jwk.y, "base64url")],
  ]);
  return {
    id: b64url(randomBytes(32)),
    rpID,
    userHandle,
    privateKey,
    publicKeyCose: encodeCbor(cose),
    publicKeySpki: publicKey.export({ format: "der", type: "spki" }),
    signCount: 0,
    backupEligible,
    backedUp,
  };
}

function authenticatorData({ rpID, flags, signCount, attested }) {
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(signCount >>> 0);
  const parts = [sha256(rpID), Buffer.from([flags]), counter];
  if (attested) {
    const id = Buffer.from(attested.id, "base64url");
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    // AAGUID: all zeros, as "none" attestation reports it.
    parts.push(Buffer.alloc(16), idLength, id, attested.publicKeyCose);
  }
  return Buffer.concat(parts);
}

function flagsFor({ userPresent, userVerified, backupEligible, backedUp, attested }) {
  return (
    (userPresent ? FLAG_UP : 0) |
    (userVerified ? FLAG_UV : 0) |
    (backupEligible ? FLAG_BE : 0) |
    (backupEligible && backedUp ? FLAG_BS : 0) |
    (attested ? FLAG_AT : 0)
  );
}

const clientData = ({ type, challenge, origin }) =>
  Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), "utf8");

function domError(name, message) {
  const e = new Error(message);
  e.name = name;
  return e;
}

/**
 * @param {{ origin: string, backupEligible?: boolean, backedUp?: boolean, counter?: "increment" | "zero" }} setup
 */
export function createSoftAuthenticator(setup) {
  const { origin, backupEligible = false, backedUp = false, counter = "increment" } = setup;
  const defaultRpID = new URL(origin).hostname;
  /** @type {Map<string, ReturnType<typeof newCredential>>} */
  const credentials = new Map();

  function register(options, o = {}) {
    const rpID = o.rpID ?? options.rp.id ?? defaultRpID;
    for (const excluded of options.excludeCredentials ?? []) {
      if (credentials.has(excluded.id) && credentials.get(excluded.id).rpID === rpID) {
        throw domError("InvalidStateError", "The authenticator already holds a credential for this account");
      }
    }
    const credential = newCredential({ rpID, userHandle: options.user.id, backupEligible, backedUp });
    credentials.set(credential.id, credential);
    const flags = flagsFor({
      userPresent: o.userPresent ?? true,
      userVerified: o.userVerified ?? true,
      backupEligible,
      backedUp,
      attested: true,
    });
    const authData = authenticatorData({ rpID, flags, signCount: credential.signCount, attested: credential });
    const attestationObject = encodeCbor({ fmt: "none", attStmt: {}, authData });
    const clientDataJSON = clientData({
      type: o.type ?? "webauthn.create",
      challenge: o.challenge ?? options.challenge,
      origin: o.origin ?? origin,
    });
    return {
      id: credential.id,
      rawId: credential.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        authenticatorData: b64url(authData),
        transports: ["internal", "hybrid"],
        publicKeyAlgorithm: -7,
        publicKey: b64url(credential.publicKeySpki),
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: { credProps: { rk: true } },
    };
  }

  function pick(options, o) {
    if (o.credentialId) {
      const chosen = credentials.get(o.credentialId);
      if (!chosen) throw new Error("soft authenticator: no such credential");
      return chosen;
    }
    const rpID = options.rpId ?? defaultRpID;
    const allowed = (options.allowCredentials ?? []).map((c) => c.id);
    const candidates = [...credentials.values()].filter(
      (c) => c.rpID === rpID && (allowed.length === 0 || allowed.includes(c.id)),
    );
    if (candidates.length === 0) throw domError("NotAllowedError", "No passkey for this site on this authenticator");
    return candidates[candidates.length - 1];
  }

  function authenticate(options, o = {}) {
    const credential = pick(options, o);
    if (o.signCount !== undefined) credential.signCount = o.signCount;
    else if (counter === "increment") credential.signCount += 1;
    const flags = flagsFor({
      userPresent: o.userPresent ?? true,
      userVerified: o.userVerified ?? true,
      backupEligible: credential.backupEligible,
      backedUp: credential.backedUp,
      attested: false,
    });
    const authData = authenticatorData({
      rpID: o.rpID ?? credential.rpID,
      flags,
      signCount: credential.signCount,
      attested: null,
    });
    const clientDataJSON = clientData({
      type: o.type ?? "webauthn.get",
      challenge: o.challenge ?? options.challenge,
      origin: o.origin ?? origin,
    });
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: credential.id,
      rawId: credential.id,
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: o.userHandle === undefined ? credential.userHandle : o.userHandle || undefined,
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
    };
  }

  return {
    register,
    authenticate,
    /** The credential ids this authenticator holds, oldest first. */
    credentialIds: () => [...credentials.keys()],
  };
}
