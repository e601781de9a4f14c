// "Not now" on the portal's invitation to add a second step, remembered in this browser for a year. The cookie
// holds a keyed hash of the patient's id, nothing readable: another patient on the same browser still sees it.
import "server-only";
import { createHmac } from "node:crypto";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";

export const SECOND_STEP_OFFER_COOKIE = "pp_second_step_later";
const YEAR_SECONDS = 365 * 86_400;

/** What the cookie holds for this patient. */
export function offerLaterMark(patientId: string): string {
  return createHmac("sha256", getConfig().AUTH_SECRET)
    .update(`second-step-offer:${patientId}`)
    .digest("hex")
    .slice(0, 32);
}

export async function offerPutOff(patientId: string): Promise<boolean> {
  return (await cookies()).get(SECOND_STEP_OFFER_COOKIE)?.value === offerLaterMark(patientId);
}

export async function putOffOffer(patientId: string): Promise<void> {
  (await cookies()).set(SECOND_STEP_OFFER_COOKIE, offerLaterMark(patientId), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: YEAR_SECONDS,
    secure: getConfig().APP_URL.startsWith("https:"),
  });
}
