"use server";
// Release or discard the links a patient asked for just after their email changed. The wrapper checks the
// caller is signed-in staff and validates with zod; each calls lib/. The page is not revalidated: that would
// remove the held request's box, and with it the answer, before staff could read it.
import { formAction, STALE_FORM } from "@/app/_lib/form-action";
import { getDb } from "@/db/client";
import { discardHeldLinks } from "@/lib/patients/discard-held-links";
import { releaseHeldLinks } from "@/lib/patients/release-held-links";
import { REASON_TEXT } from "@/lib/patients/portal-status-text";
import { heldLinkSchema } from "@/lib/validation/held-link";
import { kickWorkers } from "@/lib/workers/kick";
import type { PortalActionState } from "./actions";

const releaseForm = formAction(
  {
    caller: "staff",
    fields: { patientId: "text", verified: "checkbox" },
    schema: heldLinkSchema,
    hidden: ["patientId"],
  },
  async ({ patientId, verified }, { caller }): Promise<PortalActionState> => {
    if (!verified)
      return {
        error:
          "Tick the box to confirm you checked with the patient (for example by calling the number on file) that they asked for the link.",
        result: { needsEmailChangeConfirmation: true },
      };
    const db = await getDb();
    const result = await db.transaction((tx) =>
      releaseHeldLinks(tx, { patientId, staffId: caller.id, now: new Date() }),
    );
    if (!result.ok) {
      switch (result.reason) {
        case "nothing_held":
          return { error: "There is no held request any more: someone else released or discarded it." };
        case "not_found":
          return { error: "This patient no longer exists." };
        case "cannot_access":
          return {
            error: `The link cannot be sent: ${result.reasons.map((r) => REASON_TEXT[r].toLowerCase()).join("; ")}.`,
          };
        case "confirm_email_change":
          return { error: STALE_FORM };
      }
    }
    kickWorkers();
    if (!result.queued)
      return {
        error:
          "Released, but not sent: this email address has already received the most emails we send in an hour or a day.",
      };
    return {
      message:
        result.kind === "setup"
          ? "Released: the patient will get a link to set up their account at the email address on file."
          : "Released: the patient will get a link to choose a new password at the email address on file.",
    };
  },
);

// Discarding needs no confirmation: nothing is sent.
const discardForm = formAction(
  {
    caller: "staff",
    fields: { patientId: "text" },
    schema: heldLinkSchema.pick({ patientId: true }),
    hidden: ["patientId"],
  },
  async ({ patientId }, { caller }): Promise<PortalActionState> => {
    const db = await getDb();
    const result = await db.transaction((tx) =>
      discardHeldLinks(tx, { patientId, staffId: caller.id, now: new Date() }),
    );
    return result.ok
      ? { message: "Discarded: no link was sent." }
      : { error: "There is no held request any more: someone else released or discarded it." };
  },
);

export async function releaseHeldLink(prev: PortalActionState, form: FormData): Promise<PortalActionState> {
  return releaseForm(prev, form);
}

export async function discardHeldLink(prev: PortalActionState, form: FormData): Promise<PortalActionState> {
  return discardForm(prev, form);
}
