import { getConfig } from "@/lib/config";

/** The development mailbox shows emails with their links: never in production, never when Resend sends. */
export const mailboxEnabled = () => getConfig().NODE_ENV !== "production" && getConfig().emailMode === "mailbox";
