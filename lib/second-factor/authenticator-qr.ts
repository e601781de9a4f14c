// What the "add an authenticator app" form shows: the key as a QR code (an SVG drawn on the server and shown as an
// image, so no JavaScript is needed) and as text in groups of four, for typing into an app by hand.
import QRCode from "qrcode";
import type { AccountRef } from "./account-ref";
import { offerAuthenticator, readAuthenticatorOffer } from "./authenticator-offer";
import { totpUri } from "./totp";

export type AuthenticatorOfferView = { sealedOffer: string; key: string; qrImage: string };

const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

async function view(sealedOffer: string, secret: string, issuer: string, accountName: string) {
  const svg = await QRCode.toString(totpUri({ issuer, accountName, secret }), {
    type: "svg",
    margin: 2,
    errorCorrectionLevel: "M",
  });
  return {
    sealedOffer,
    key: grouped(secret),
    qrImage: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

export async function newAuthenticatorOffer(opts: {
  owner: AccountRef;
  issuer: string;
  accountName: string;
  now: Date;
}): Promise<AuthenticatorOfferView> {
  const { secret, sealedOffer } = offerAuthenticator(opts);
  return view(sealedOffer, secret, opts.issuer, opts.accountName);
}

/** The same offer shown again after a refused code, so the app set up a moment ago still matches. */
export async function showAuthenticatorOfferAgain(
  sealedOffer: string,
  opts: { owner: AccountRef; issuer: string; accountName: string; now: Date },
): Promise<AuthenticatorOfferView | null> {
  const secret = readAuthenticatorOffer(sealedOffer, opts);
  return secret ? view(sealedOffer, secret, opts.issuer, opts.accountName) : null;
}
