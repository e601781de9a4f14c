// Issues a setup or reset link for a patient inside the caller's transaction. A newer link of the same
// purpose voids the older unused ones, so only the newest email works (docs/security.md T5).
import type { Tx } from "@/db/client";
import {
  accountSessionVersions,
  insertPatientTokens,
  replaceUnusedPatientTokens,
  revokePatientTokens,
} from "@/db/queries/account-tokens";
import { getConfig } from "@/lib/config";
import { durationWords } from "@/lib/email/email-words";
import { DEFAULT_LOCALE, LOCALE_PARAM, type Locale } from "@/lib/i18n/locales";
import { recordAuditEvents } from "@/lib/audit/record-audit-event";
import { generateToken, hashToken } from "./account-token";
import { linkDuration } from "./link-lifetime";
import type { PatientLinkPurpose } from "./inspect-account-link";

const LINK_PAGE_OF: Record<PatientLinkPurpose, string> = {
  setup: "setup-account",
  reset: "reset-password",
  second_step_recovery: "second-step-recovery",
};

export type IssuedLink = { url: string; expiresAt: Date; validFor: string };
export type LinkIssuer = "self_service" | "staff" | "bulk" | "reminder";

export type LinkRequest = {
  patientId: string;
  purpose: PatientLinkPurpose;
  via: LinkIssuer;
  issuedByStaffId?: string | null;
  /** The language of the email carrying the link: the page it opens starts in it, and validFor is in it. */
  locale?: Locale;
  now: Date;
};

export async function issueAccountLink(tx: Tx, opts: LinkRequest): Promise<IssuedLink> {
  const [link] = await issueAccountLinks(tx, [opts]);
  return link;
}

/** The batch form: a few statements whatever the count; at most one request per patient and purpose. */
export async function issueAccountLinks(tx: Tx, requests: readonly LinkRequest[]): Promise<IssuedLink[]> {
  if (!requests.length) return [];
  if (new Set(requests.map((r) => `${r.patientId}:${r.purpose}`)).size !== requests.length) {
    throw new Error("issueAccountLinks: two links of one purpose for the same patient");
  }
  const versions = await accountSessionVersions(
    tx,
    requests.map((r) => r.patientId),
  );
  const groups = new Map<string, { purpose: LinkRequest["purpose"]; now: Date; patientIds: string[] }>();
  for (const r of requests) {
    const key = `${r.purpose} ${r.now.toISOString()}`;
    if (!groups.has(key)) groups.set(key, { purpose: r.purpose, now: r.now, patientIds: [] });
    groups.get(key)!.patientIds.push(r.patientId);
  }
  for (const g of groups.values()) {
    await replaceUnusedPatientTokens(tx, { patientIds: g.patientIds, purpose: g.purpose, now: g.now });
  }
  const issued = requests.map((r) => {
    // Invitations from the practice last longer than a link the patient just asked for; a second-step recovery
    // link lives as briefly as a reset link, since it too changes how the account is signed into.
    const lifetime = linkDuration(
      r.purpose !== "setup" ? "reset" : r.via === "self_service" ? "setup_self_service" : "setup_staff",
    );
    return { request: r, token: generateToken(), lifetime, expiresAt: new Date(r.now.getTime() + lifetime.ms) };
  });
  await insertPatientTokens(
    tx,
    issued.map(({ request: r, token, expiresAt }) => ({
      tokenHash: hashToken(token),
      purpose: r.purpose,
      patientId: r.patientId,
      issuedByStaffId: r.issuedByStaffId ?? null,
      issuedVia: r.via,
      credentialVersion: versions.get(r.patientId) ?? 0,
      createdAt: r.now,
      expiresAt,
    })),
  );
  await recordAuditEvents(
    tx,
    requests.map((r) => ({
      event: "token.issued",
      actorType: r.issuedByStaffId ? "staff" : "system",
      actorStaffId: r.issuedByStaffId ?? null,
      patientId: r.patientId,
      details: { purpose: r.purpose, via: r.via },
    })),
  );
  const appUrl = getConfig().APP_URL;
  return issued.map(({ request: r, token, expiresAt, lifetime }) => {
    const page = LINK_PAGE_OF[r.purpose];
    const locale = r.locale ?? DEFAULT_LOCALE;
    // The proxy remembers ?lang= on a token link, so a Spanish email opens a Spanish page; English links stay bare.
    const lang = locale === DEFAULT_LOCALE ? "" : `&${LOCALE_PARAM}=${locale}`;
    // Links come from APP_URL only: the request's Host header never reaches this code.
    return { url: `${appUrl}/${page}?token=${token}${lang}`, expiresAt, validFor: durationWords(lifetime, locale) };
  });
}

/** Voids every unused link of a patient (password change, email change, access switched off). */
export async function revokeAccountLinks(tx: Tx, opts: { patientId: string; reason: string; now: Date }) {
  await revokePatientTokens(tx, opts);
}
