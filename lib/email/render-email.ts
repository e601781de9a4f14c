// Turns a queued EmailMessage into subject, HTML and plain text. Runs in the email worker (plain
// Node), so nothing here may depend on Next.
import { createElement, type ReactElement } from "react";
import { randomBytes } from "node:crypto";
import { render } from "@react-email/render";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { looksLikeToken } from "@/lib/tokens/account-token";
import AccessOffEmail from "./templates/access-off";
import AlreadyRegisteredEmail from "./templates/already-registered";
import CouldNotVerifyEmail from "./templates/could-not-verify";
import EmailChangedNoticeEmail from "./templates/email-changed-notice";
import LinkHeldNoticeEmail from "./templates/link-held-notice";
import NoAccountYetEmail from "./templates/no-account-yet";
import PasswordChangedEmail from "./templates/password-changed";
import AccountCreatedEmail from "./templates/account-created";
import ResetLinkEmail from "./templates/reset-link";
import SetupLinkEmail from "./templates/setup-link";
import SecondStepRemovedEmail from "./templates/second-step-removed";
import SecondStepRecoveryLinkEmail from "./templates/second-step-recovery-link";
import NoSecondStepToRemoveEmail from "./templates/no-second-step-to-remove";
import SignInCodeEmail from "./templates/sign-in-code";
import StaffInviteEmail from "./templates/staff-invite";
import UsernameReminderEmail from "./templates/username-reminder";

export type Practice = { name: string; phone: string; address: string };

type EmailBody =
  | { template: "setup_link"; link: string; validFor: string; via: "self_service" | "staff" }
  | { template: "reset_link"; link: string; validFor: string; via: "self_service" | "staff" }
  | { template: "already_registered"; username: string; resetLink: string; validFor: string }
  | { template: "username_reminder"; username: string }
  | { template: "no_account_yet"; setupLink: string; validFor: string }
  | { template: "access_off" }
  | { template: "could_not_verify" }
  | { template: "password_changed"; changedAt: string }
  | { template: "account_created"; createdAt: string }
  | { template: "email_changed_notice" }
  | { template: "link_held_notice" }
  | { template: "staff_invite"; link: string; validFor: string; staffName: string }
  | { template: "sign_in_code"; code: string; validFor: string; purpose: "sign_in" | "add_factor" }
  | { template: "second_step_removed"; by: "owner" | "recovery" | "staff"; what: string; removedAt: string }
  | { template: "second_step_recovery_link"; link: string; validFor: string }
  | { template: "no_second_step_to_remove" };

/**
 * What the outbox holds. `locale` is the language the email is written in; rows queued before emails came in two
 * languages have none and render in English. Values made at queueing (validFor, dates) are already in it.
 */
export type EmailMessage = EmailBody & { locale?: Locale };

export type EmailTemplate = EmailMessage["template"];

/** What a template component receives: its message data, its language and the practice it speaks for. */
export type EmailProps<T extends EmailTemplate> = Omit<Extract<EmailBody, { template: T }>, "template"> & {
  practice: Practice;
  locale: Locale;
};

export type RenderedEmail = { subject: string; html: string; text: string };

// Every template once; the patient ones take their words from messages/<locale>/emails.json.
const TEMPLATES: Record<EmailTemplate, true> = {
  setup_link: true,
  reset_link: true,
  already_registered: true,
  username_reminder: true,
  no_account_yet: true,
  access_off: true,
  could_not_verify: true,
  password_changed: true,
  account_created: true,
  email_changed_notice: true,
  link_held_notice: true,
  staff_invite: true,
  sign_in_code: true,
  second_step_removed: true,
  second_step_recovery_link: true,
  no_second_step_to_remove: true,
};

/** The language an email renders in: staff invitations are always English, like the staff side. */
function localeOf(m: EmailMessage): Locale {
  if (m.template === "staff_invite") return "en";
  return isLocale(m.locale) ? m.locale : DEFAULT_LOCALE;
}

function subjectOf(template: EmailTemplate, locale: Locale): string {
  if (template === "staff_invite") return "Set up your Patient Portal staff account";
  return translator(locale, "emails")(`${template}.subject`);
}

export const EMAIL_TEMPLATES = Object.keys(TEMPLATES) as readonly EmailTemplate[];

export async function renderEmail(message: EmailMessage, practice: Practice): Promise<RenderedEmail> {
  const safe = sanitize(message);
  return (await renderFromShape(safe, practice)) ?? renderNow(safe, practice);
}

async function renderNow(safe: EmailMessage, practice: Practice): Promise<RenderedEmail> {
  const locale = localeOf(safe);
  const element = templateElement(safe, sanitize(practice), locale);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: subjectLine(subjectOf(safe.template, locale), practice.name), html, text: tidyText(text) };
}

/*
 * Rendering a React Email template costs milliseconds of CPU, which caps a worker near 150 emails a second:
 * too slow for a bulk run of thousands that differ only in their link's token. So an email whose links carry
 * tokens is rendered once per shape (template, every other value, the practice) with stand-ins of the same
 * length and alphabet for the tokens, and each email is that render with its own tokens put in. A shape is
 * trusted only when two renders with different stand-ins differ in nothing but the stand-ins, so an email made
 * this way is byte for byte what a full render makes. The cache holds no token.
 */
const SHAPE_CACHE_MAX = 200;
const shapes = new Map<string, { seen: number; rendered?: RenderedEmail | null }>();
const standIn = () => randomBytes(32).toString("base64url");
const marker = (i: number) => `\u0000token ${i}\u0000`;
const replaceAll = (s: string, from: readonly string[], to: readonly string[]) =>
  from.reduce((out, f, i) => out.split(f).join(to[i]), s);

/** The link fields whose URL carries a token (once), with that token. */
function tokenFields(safe: EmailMessage): { key: string; token: string }[] {
  return Object.entries(safe).flatMap(([key, value]) => {
    if (!/link$/i.test(key) || typeof value !== "string") return [];
    const token = new URL(value).searchParams.get("token");
    return token && looksLikeToken(token) && value.split(token).length === 2 ? [{ key, token }] : [];
  });
}

function withTokens(
  safe: EmailMessage,
  fields: { key: string; token: string }[],
  tokens: readonly string[],
): EmailMessage {
  const copy: Record<string, unknown> = { ...safe };
  for (const [i, f] of fields.entries()) copy[f.key] = (copy[f.key] as string).replace(f.token, tokens[i]);
  return copy as EmailMessage;
}

async function renderFromShape(safe: EmailMessage, practice: Practice): Promise<RenderedEmail | null> {
  const fields = tokenFields(safe);
  if (!fields.length) return null;
  const key = JSON.stringify([
    withTokens(
      safe,
      fields,
      fields.map(() => ""),
    ),
    practice,
  ]);
  let entry = shapes.get(key);
  if (!entry) {
    if (shapes.size >= SHAPE_CACHE_MAX) shapes.delete(shapes.keys().next().value!);
    shapes.set(key, (entry = { seen: 0 }));
  }
  // A shape seen once (a username, a one-off) is rendered as it is: only repeated shapes are worth two renders.
  if (++entry.seen < 2) return null;
  if (entry.rendered === undefined) {
    const a = fields.map(standIn);
    const b = fields.map(standIn);
    const [ra, rb] = await Promise.all([
      renderNow(withTokens(safe, fields, a), practice),
      renderNow(withTokens(safe, fields, b), practice),
    ]);
    const same = (f: "html" | "text") => a.every((t) => ra[f].includes(t)) && replaceAll(ra[f], a, b) === rb[f];
    const markers = fields.map((_, i) => marker(i));
    entry.rendered =
      ra.subject === rb.subject && same("html") && same("text")
        ? { subject: ra.subject, html: replaceAll(ra.html, a, markers), text: replaceAll(ra.text, a, markers) }
        : null;
  }
  if (!entry.rendered) return null;
  const markers = fields.map((_, i) => marker(i));
  const tokens = fields.map((f) => f.token);
  return {
    subject: entry.rendered.subject,
    html: replaceAll(entry.rendered.html, markers, tokens),
    text: replaceAll(entry.rendered.text, markers, tokens),
  };
}

function templateElement(message: EmailMessage, practice: Practice, locale: Locale): ReactElement {
  const m = { ...message, locale };
  switch (m.template) {
    case "setup_link":
      return createElement(SetupLinkEmail, { ...m, practice });
    case "reset_link":
      return createElement(ResetLinkEmail, { ...m, practice });
    case "already_registered":
      return createElement(AlreadyRegisteredEmail, { ...m, practice });
    case "username_reminder":
      return createElement(UsernameReminderEmail, { ...m, practice });
    case "no_account_yet":
      return createElement(NoAccountYetEmail, { ...m, practice });
    case "access_off":
      return createElement(AccessOffEmail, { practice, locale });
    case "could_not_verify":
      return createElement(CouldNotVerifyEmail, { practice, locale });
    case "password_changed":
      return createElement(PasswordChangedEmail, { ...m, practice });
    case "account_created":
      return createElement(AccountCreatedEmail, { ...m, practice });
    case "email_changed_notice":
      return createElement(EmailChangedNoticeEmail, { practice, locale });
    case "link_held_notice":
      return createElement(LinkHeldNoticeEmail, { practice, locale });
    case "staff_invite":
      return createElement(StaffInviteEmail, { ...m, practice });
    case "sign_in_code":
      return createElement(SignInCodeEmail, { ...m, practice });
    case "second_step_removed":
      return createElement(SecondStepRemovedEmail, { ...m, practice });
    case "second_step_recovery_link":
      return createElement(SecondStepRecoveryLinkEmail, { ...m, practice });
    case "no_second_step_to_remove":
      return createElement(NoSecondStepToRemoveEmail, { practice, locale });
  }
}

/**
 * React already escapes markup; this handles what escaping cannot. Line breaks would let a value
 * fake extra lines in the plain-text version, and bidi overrides (U+202E and friends) can make a
 * link or username read differently from what it is. Every field whose name ends in "link" must
 * be an http(s) URL: a javascript: or data: link in a clinic's email is never legitimate.
 */
function sanitize<T extends object>(data: T): T {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => {
      if (typeof value !== "string") return [key, value];
      return [key, /link$/i.test(key) ? checkedLink(value) : plain(value)];
    }),
  ) as T;
}

function checkedLink(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The link carries a token, so it stays out of the error message (and hence the logs).
    throw new Error("Email link is not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("Email links must use http or https");
  // The normalised form, so the printed address is exactly what the button opens.
  return url.href;
}

const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

function plain(value: string): string {
  return value.replace(CONTROL, " ").replace(BIDI, "");
}

function subjectLine(subject: string, practiceName: string): string {
  // Inbox lists cut long subjects, and the practice name only helps the reader recognise the sender.
  const name = Array.from(plain(practiceName).replace(/\s+/g, " ").trim());
  if (name.length === 0) return subject;
  return `${subject} – ${name.length > 60 ? `${name.slice(0, 59).join("")}…` : name.join("")}`;
}

/** html-to-text leaves blank runs where skipped elements (the button) were. */
function tidyText(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}
