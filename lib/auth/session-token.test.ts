import { decode as authJsDecode, encode as authJsEncode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decode, encode } from "./session-token";

const secret = "a test secret that is long enough for the derivation";
const salt = "authjs.session-token";
const claims = { sub: "p-1", kind: "patient", sv: 3 };

// The token keeps Auth.js's format: cookies issued before, and Auth.js's own reading of ours, must go on working.
describe("the session token", () => {
  it("is read by Auth.js's decode, and reads Auth.js's tokens", async () => {
    expect(await authJsDecode({ token: await encode({ token: claims, secret, salt }), secret, salt })).toMatchObject(
      claims,
    );
    expect(await decode({ token: await authJsEncode({ token: claims, secret, salt }), secret, salt })).toMatchObject(
      claims,
    );
  });

  it("expires after maxAge and carries its own id", async () => {
    const before = Math.floor(Date.now() / 1000);
    const [a, b] = [
      await encode({ token: claims, secret, salt, maxAge: 60 }),
      await encode({ token: claims, secret, salt }),
    ];
    const read = await decode({ token: a, secret, salt });
    expect(read?.exp).toBeGreaterThanOrEqual(before + 60);
    expect(read?.exp).toBeLessThanOrEqual(before + 61);
    expect(read?.jti).not.toBe((await decode({ token: b, secret, salt }))?.jti);
  });

  it("is not opened with another secret or another cookie name, nor after a change to it", async () => {
    const token = await encode({ token: claims, secret, salt });
    await expect(decode({ token, secret: `${secret} but another`, salt })).rejects.toThrow();
    await expect(decode({ token, secret, salt: "__Secure-authjs.session-token" })).rejects.toThrow();
    const flipped = token.slice(0, -3) + (token.at(-3) === "A" ? "B" : "A") + token.slice(-2);
    await expect(decode({ token: flipped, secret, salt })).rejects.toThrow();
  });

  it("is opened by the second of two secrets, as Auth.js allows while a secret is being replaced", async () => {
    const token = await authJsEncode({ token: claims, secret, salt });
    expect(await decode({ token, secret: ["the new secret, also long enough", secret], salt })).toMatchObject(claims);
  });
});
