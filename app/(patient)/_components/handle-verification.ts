// What every verification form's server action does: validate, record the request, answer the same way.
import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { clientIpFrom, ipHash } from "@/lib/http/client-ip";
import { parseVerificationForm } from "@/lib/validation/verification-form";
import { requestVerification, type VerificationFlow } from "@/lib/verification/request-verification";
import type { VerificationState } from "./verification-state";

export async function handleVerification(flow: VerificationFlow, form: FormData): Promise<VerificationState> {
  const parsed = parseVerificationForm(form);
  // Bad input is answered at once and nothing is looked up or sent.
  if (!parsed.ok) return { errors: parsed.errors, values: parsed.values };
  const ip = clientIpFrom(await headers());
  await requestVerification(await getDb(), { flow, details: parsed.data, ipHash: ipHash(ip), now: new Date() });
  // The worker matches it on its next tick (within a second), not on a kick from here: what it does next
  // depends on the outcome, and started right after this answer it could slow a caller's very next request.
  return { submitted: true };
}
