// The browser's half of "Trust this device for 30 days" (docs/security.md M8): an opaque random token in an
// HttpOnly cookie, whose SHA-256 the server keeps (lib/second-factor/trusted-device.ts). It says nothing about
// the patient: the server looks it up for the patient who just proved their password.
import "server-only";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { TRUSTED_DEVICE_DAYS } from "@/lib/second-factor/trusted-device";
import { looksLikeToken } from "@/lib/tokens/account-token";

export const TRUSTED_DEVICE_COOKIE = "pp_trusted_device";

const options = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  path: "/",
  secure: getConfig().APP_URL.startsWith("https:"),
});

/** The token this browser holds, or null (also when the cookie holds anything not shaped like one). */
export async function readTrustedDeviceCookie(): Promise<string | null> {
  const value = (await cookies()).get(TRUSTED_DEVICE_COOKIE)?.value;
  return looksLikeToken(value) ? value : null;
}

export async function setTrustedDeviceCookie(token: string): Promise<void> {
  (await cookies()).set(TRUSTED_DEVICE_COOKIE, token, { ...options(), maxAge: TRUSTED_DEVICE_DAYS * 86_400 });
}

export async function clearTrustedDeviceCookie(): Promise<void> {
  (await cookies()).set(TRUSTED_DEVICE_COOKIE, "", { ...options(), maxAge: 0 });
}
