// Adding an authenticator app takes two requests: the page shows a new key (as a QR code and as text), and the
// form sends back the first code the app shows. The key travels between them sealed (AES-GCM) in a hidden field
// bound to the account and to 20 minutes, so no unconfirmed key is kept anywhere and the page works without
// JavaScript. Only a confirmed key is stored, sealed again, with the factor.
import { seal, unseal } from "@/lib/crypto/seal";
import type { AccountRef } from "./account-ref";
import { newTotpSecret } from "./totp";

const OFFER_MINUTES = 20;

type Offer = { s: string; o: string; x: number };

const ownerKey = (owner: AccountRef) => `${owner.kind}:${owner.id}`;

export function offerAuthenticator(opts: { owner: AccountRef; now: Date }): { secret: string; sealedOffer: string } {
  const secret = newTotpSecret();
  const offer: Offer = { s: secret, o: ownerKey(opts.owner), x: opts.now.getTime() + OFFER_MINUTES * 60_000 };
  return { secret, sealedOffer: seal(offer) };
}

/** The key offered to this account, while the offer is fresh; null for anything else. */
export function readAuthenticatorOffer(sealedOffer: string, opts: { owner: AccountRef; now: Date }): string | null {
  try {
    const offer = unseal<Offer>(sealedOffer);
    if (offer.o !== ownerKey(opts.owner) || offer.x <= opts.now.getTime() || typeof offer.s !== "string") return null;
    return offer.s;
  } catch {
    return null;
  }
}
