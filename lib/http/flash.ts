// A one-screen message carried across a redirect in a short-lived cookie (never in the URL).
import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";

const FLASH = "pp_flash";
const flashSchema = z.object({
  kind: z.enum(["account_created", "password_reset", "password_changed", "signed_out", "session_ended"]),
  username: z.string().max(64).optional(),
});
export type Flash = z.infer<typeof flashSchema>;

export async function setFlash(flash: Flash) {
  (await cookies()).set(FLASH, JSON.stringify(flash), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 120,
    secure: process.env.NODE_ENV === "production" && !!process.env.APP_URL?.startsWith("https:"),
  });
}

export async function readFlash(): Promise<Flash | null> {
  const raw = (await cookies()).get(FLASH)?.value;
  if (!raw) return null;
  try {
    const parsed = flashSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
