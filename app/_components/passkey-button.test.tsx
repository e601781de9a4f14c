// The passkey button as the server renders it (what a browser without JavaScript gets) and the words it uses
// when the browser's passkey step fails. The ceremony itself runs in the Chromium e2e journeys.
import { describe, expect, it } from "vitest";
import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { MESSAGES } from "@/lib/i18n/messages";
import { WebAuthnError } from "@simplewebauthn/browser";
import { PasskeyButton } from "./passkey-button";
import { type PasskeyCeremony, passkeyFailure } from "./passkey-messages";

const en = MESSAGES.en.signIn.passkey;
const passkeyFailureMessage = (error: unknown, ceremony: PasskeyCeremony) => en[passkeyFailure(error, ceremony)];

describe("PasskeyButton before JavaScript runs", () => {
  const html = renderToStaticMarkup(
    <NextIntlClientProvider locale="en" messages={MESSAGES.en} timeZone="UTC">
      <form>
        <PasskeyButton
          ceremony="authenticate"
          getOptions={async () => ({})}
          label="Sign in with a passkey"
          otherWay="Sign in with your username and password instead."
        />
      </form>
    </NextIntlClientProvider>,
  );

  it("says in <noscript> that passkeys need JavaScript, and names the other way in", () => {
    expect(html).toMatch(
      /<noscript><p>Passkeys need JavaScript, which is turned off in this browser\. Sign in with your username and password instead\.<\/p><\/noscript>/,
    );
  });

  it("shows no button that could not work, keeps a live status region, and carries the hidden answer field", () => {
    expect(html).not.toContain("<button");
    expect(html).toMatch(/<p id="[^"]+" aria-live="polite" aria-atomic="true"/);
    expect(html).toContain('<input type="hidden" name="response" value=""/>');
  });
});

describe("passkeyFailureMessage", () => {
  const dom = (name: string) => new DOMException("browser words", name);
  const lib = (code: ConstructorParameters<typeof WebAuthnError>[0]["code"], cause = dom("UnknownError")) =>
    new WebAuthnError({ message: "library words", code, cause });

  it("a cancelled or timed-out step (NotAllowedError, as such or passed through the library) says so", () => {
    for (const e of [dom("NotAllowedError"), lib("ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY", dom("NotAllowedError"))]) {
      expect(passkeyFailureMessage(e, "authenticate")).toBe(
        "The passkey was not used: it was cancelled or took too long.",
      );
      expect(passkeyFailureMessage(e, "register")).toBe("No passkey was created: it was cancelled or took too long.");
    }
    expect(passkeyFailureMessage(lib("ERROR_CEREMONY_ABORTED"), "register")).toMatch(/cancelled/);
  });

  it("an authenticator that already holds one of the account's passkeys", () => {
    expect(passkeyFailureMessage(lib("ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED"), "register")).toBe(
      "This device already has a passkey for your account.",
    );
  });

  it("a device that cannot verify its user or keep a discoverable passkey, and an address passkeys cannot work at", () => {
    expect(passkeyFailureMessage(lib("ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT"), "register")).toMatch(
      /cannot make a passkey that unlocks with a fingerprint, face or PIN/,
    );
    expect(passkeyFailureMessage(lib("ERROR_INVALID_RP_ID"), "authenticate")).toBe(
      "Passkeys cannot be used at this web address.",
    );
  });

  it("anything else gets a plain sentence, never the browser's or the library's own words", () => {
    for (const e of [new Error("boom"), dom("UnknownError"), null, "text", 42]) {
      const m = passkeyFailureMessage(e, "authenticate");
      expect(m).toBe("The passkey could not be used.");
      expect(m).not.toMatch(/boom|browser words|library words/);
    }
    expect(en.unsupported).toBe("This browser cannot use passkeys.");
  });
});
