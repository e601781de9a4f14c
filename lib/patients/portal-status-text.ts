// The words staff see for each status, in the seed's language; shared by icons, tooltips, the legend and filters.
import type { InactiveReason, InvitationState, PortalStatus, PortalStatusKind } from "./portal-status";

export const STATUS_LABEL: Record<PortalStatusKind, string> = {
  inactive: "Inactive",
  unactivated: "Unactivated",
  active: "Active",
};

export const STATUS_MEANING: Record<PortalStatusKind, string> = {
  inactive:
    "Patient cannot access the Patient Portal: portal access is not enabled, or there is no email address or no ZIP code on file.",
  unactivated: "Patient can access the Patient Portal but has never done so.",
  active: "Patient is set up on the Patient Portal and has accessed their portal account.",
};

export const REASON_TEXT: Record<InactiveReason, string> = {
  access_disabled: "Portal access is not enabled",
  no_email: "No email address on file",
  no_zip: "No ZIP code on file",
  chart_inactive: "Chart is inactive",
  chart_deceased: "Patient is recorded as deceased",
};

const dateFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatDate = (d: Date) => dateFmt.format(d);
export const formatDateTime = (d: Date) => `${dateTimeFmt.format(d)} UTC`;

export function invitationText(inv: InvitationState): string {
  switch (inv.state) {
    case "not_invited":
      return "Not invited yet";
    case "invited":
      return `Invited on ${formatDate(inv.invitedAt)} (link valid until ${formatDateTime(inv.validUntil)})`;
    case "invitation_expired":
      return `Invitation sent ${formatDate(inv.invitedAt)} has expired or is no longer valid`;
    case "account_created":
      return `Account set up on ${formatDate(inv.createdAt)}, never signed in`;
  }
}

/** One line per fact staff should know, for tooltips and the photo block. */
export function statusDetails(status: PortalStatus): string[] {
  switch (status.kind) {
    case "inactive":
      return status.reasons.map((r) => REASON_TEXT[r]);
    case "unactivated":
      return [invitationText(status.invitation)];
    case "active":
      return [status.lastSignInAt ? `Last signed in ${formatDateTime(status.lastSignInAt)}` : "Signed in before"];
  }
}
