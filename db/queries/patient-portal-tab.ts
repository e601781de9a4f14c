// What the Patient Portal tab shows: the account (never its password), its second steps (how many of each kind,
// never a secret or credential id) and the latest invitation or reset email.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { emailOutbox, patients, portalAccounts } from "../schema";
import { countFactorsByKind } from "./second-factors";

const LINK_TEMPLATES = ["setup_link", "reset_link", "already_registered", "no_account_yet"];

export async function getPortalTab(db: Db, patientId: string) {
  const [account] = await db
    .select({
      username: portalAccounts.username,
      activatedAt: portalAccounts.activatedAt,
      lastLoginAt: portalAccounts.lastLoginAt,
      lockedUntil: portalAccounts.lockedUntil,
      failedLoginCount: portalAccounts.failedLoginCount,
    })
    .from(portalAccounts)
    .where(eq(portalAccounts.patientId, patientId));
  const [lastEmail] = await db
    .select({
      template: emailOutbox.template,
      status: emailOutbox.status,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.patientId, patientId), inArray(emailOutbox.template, LINK_TEMPLATES)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  const [p] = await db
    .select({ emailChangedAt: patients.emailChangedAt })
    .from(patients)
    .where(eq(patients.id, patientId));
  const secondSteps = await countFactorsByKind(db, { kind: "patient", id: patientId });
  return {
    account: account ?? null,
    lastEmail: lastEmail ?? null,
    emailChangedAt: p?.emailChangedAt ?? null,
    secondSteps,
  };
}
