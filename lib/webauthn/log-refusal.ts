// Why a passkey answer was refused, for whoever runs the practice's server (a wrong APP_URL refuses every
// passkey): the library's reason, with anything that looks like a challenge or credential id cut out.
import { getLogger } from "@/logger";

export function logPasskeyRefusal(ceremony: "registration" | "assertion", reason: string, error?: unknown) {
  const problem = error instanceof Error ? error.message.replace(/[A-Za-z0-9_-]{16,}/g, "…").slice(0, 200) : undefined;
  getLogger().info({ component: "webauthn", ceremony, reason, problem }, "passkey refused");
}
