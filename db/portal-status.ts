// A patient's portal status (Inactive / Unactivated / Active) as staff read it. The status itself is stored:
// patients.portal_status, kept by the triggers of db/migrations/0005 (the one place the rule is computed;
// db/queries/portal-status-maintained.test.ts checks every kind of change). Here are only the details shown
// beside it, read off the same row: why a patient is Inactive, where an Unactivated patient's invitation stands,
// when an Active one last signed in.

export const INACTIVE_REASONS = ["access_disabled", "no_email", "no_zip", "chart_inactive", "chart_deceased"] as const;
export type InactiveReason = (typeof INACTIVE_REASONS)[number];
export type ChartStatus = "active" | "inactive" | "deceased";

export type InvitationState =
  | { state: "not_invited" }
  | { state: "invited"; invitedAt: Date; validUntil: Date }
  | { state: "invitation_expired"; invitedAt: Date }
  | { state: "account_created"; createdAt: Date };

export type PortalStatus =
  | { kind: "inactive"; reasons: InactiveReason[] }
  | { kind: "unactivated"; invitation: InvitationState }
  | { kind: "active"; activatedAt: Date; lastSignInAt: Date | null };

export type PortalStatusKind = PortalStatus["kind"];
export const PORTAL_STATUS_KINDS: readonly PortalStatusKind[] = ["inactive", "unactivated", "active"];

export type PortalStatusRow = {
  /** patients.portal_status, as the trigger stored it. */
  stored: PortalStatusKind;
  portalAccessEnabled: boolean;
  email: string | null;
  zip: string | null;
  chartStatus: ChartStatus;
  account: { createdAt: Date; activatedAt: Date | null; lastLoginAt: Date | null } | null;
  /** The newest setup link sent to the patient, by staff or by self-service. */
  latestSetupLink: { createdAt: Date; expiresAt: Date; usedAt: Date | null; revokedAt: Date | null } | null;
  now: Date;
};

// Only ASCII whitespace, as the trigger's btrim(…, E' \t\n\r\f\v').
const BLANK = /^[ \t\n\r\f\v]*$/;
export const isBlank = (value: string | null | undefined) => value == null || BLANK.test(value);

/** What keeps a patient out of the portal today, in the order staff read them; none means they may use it. */
export function inactiveReasons(p: Pick<PortalStatusRow, "portalAccessEnabled" | "email" | "zip" | "chartStatus">) {
  const reasons: InactiveReason[] = [];
  if (!p.portalAccessEnabled) reasons.push("access_disabled");
  if (isBlank(p.email)) reasons.push("no_email");
  if (isBlank(p.zip)) reasons.push("no_zip");
  if (p.chartStatus === "inactive") reasons.push("chart_inactive");
  if (p.chartStatus === "deceased") reasons.push("chart_deceased");
  return reasons;
}

/** The stored status with its details. */
export function portalStatusOf(p: PortalStatusRow): PortalStatus {
  if (p.stored === "inactive") return { kind: "inactive", reasons: inactiveReasons(p) };
  // The trigger stores Active only for a patient whose account has signed in (activated_at set).
  if (p.stored === "active" && p.account?.activatedAt) {
    return { kind: "active", activatedAt: p.account.activatedAt, lastSignInAt: p.account.lastLoginAt };
  }
  return { kind: "unactivated", invitation: invitationState(p) };
}

function invitationState(p: PortalStatusRow): InvitationState {
  if (p.account) return { state: "account_created", createdAt: p.account.createdAt };
  const link = p.latestSetupLink;
  if (!link) return { state: "not_invited" };
  const usable = !link.usedAt && !link.revokedAt && link.expiresAt.getTime() > p.now.getTime();
  return usable
    ? { state: "invited", invitedAt: link.createdAt, validUntil: link.expiresAt }
    : { state: "invitation_expired", invitedAt: link.createdAt };
}
