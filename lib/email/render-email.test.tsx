import { describe, expect, it } from "vitest";
import type { ReactElement } from "react";
import { render } from "@react-email/render";
import { EMAIL_TEMPLATES, renderEmail, type EmailMessage, type EmailTemplate, type Practice } from "./render-email";
import AccessOffEmail from "./templates/access-off";
import AlreadyRegisteredEmail from "./templates/already-registered";
import CouldNotVerifyEmail from "./templates/could-not-verify";
import EmailChangedNoticeEmail from "./templates/email-changed-notice";
import LinkHeldNoticeEmail from "./templates/link-held-notice";
import NoAccountYetEmail from "./templates/no-account-yet";
import PasswordChangedEmail from "./templates/password-changed";
import ResetLinkEmail from "./templates/reset-link";
import SetupLinkEmail from "./templates/setup-link";
import SignInCodeEmail from "./templates/sign-in-code";
import SecondStepRemovedEmail from "./templates/second-step-removed";
import StaffInviteEmail from "./templates/staff-invite";
import UsernameReminderEmail from "./templates/username-reminder";

const practice: Practice = {
  name: "Lakeside Clinic",
  phone: "(555) 123-4567",
  address: "9 Harbor Road, Lakeside, ST 00001",
};

// `&` in the query checks that the link survives HTML escaping and comes back intact in the text.
const LINK = "https://portal.test/account/setup?token=tok_abc123&v=2";
const RESET = "https://portal.test/account/reset?token=tok_reset456";

const SAMPLES: { [K in EmailTemplate]: Extract<EmailMessage, { template: K }> } = {
  setup_link: { template: "setup_link", link: LINK, validFor: "24 hours", via: "self_service" },
  reset_link: { template: "reset_link", link: RESET, validFor: "1 hour", via: "self_service" },
  already_registered: { template: "already_registered", username: "sunny.day42", resetLink: RESET, validFor: "1 hour" },
  username_reminder: { template: "username_reminder", username: "sunny.day42" },
  no_account_yet: { template: "no_account_yet", setupLink: LINK, validFor: "24 hours" },
  access_off: { template: "access_off" },
  could_not_verify: { template: "could_not_verify" },
  password_changed: { template: "password_changed", changedAt: "March 3, 2026 at 2:15 PM" },
  account_created: { template: "account_created", createdAt: "March 3, 2026 at 2:15 PM" },
  email_changed_notice: { template: "email_changed_notice" },
  link_held_notice: { template: "link_held_notice" },
  staff_invite: { template: "staff_invite", link: LINK, validFor: "7 days", staffName: "Jordan Lee" },
  sign_in_code: { template: "sign_in_code", code: "402917", validFor: "10 minutes", purpose: "sign_in" },
  second_step_removed: {
    template: "second_step_removed",
    by: "staff",
    what: "every second step (authenticator app)",
    removedAt: "March 3, 2026 at 2:15 PM",
  },
  second_step_recovery_link: { template: "second_step_recovery_link", link: RESET, validFor: "1 hour" },
  no_second_step_to_remove: { template: "no_second_step_to_remove" },
};

const LINK_FIELDS = [
  ["setup_link", "link"],
  ["reset_link", "link"],
  ["already_registered", "resetLink"],
  ["no_account_yet", "setupLink"],
  ["staff_invite", "link"],
  ["second_step_recovery_link", "link"],
] as const;

const escapeHtml = (s: string) => s.replaceAll("&", "&amp;");
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("renderEmail: every template", () => {
  it("lists every template exactly once", () => {
    expect([...EMAIL_TEMPLATES].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(EMAIL_TEMPLATES)("%s has the practice details and the reason in html and text", async (template) => {
    const { subject, html, text } = await renderEmail(SAMPLES[template], practice);
    expect(subject).toMatch(/Patient Portal/);
    expect(subject).toContain(practice.name);
    for (const out of [html, text]) {
      expect(out).toContain(practice.name);
      expect(out).toContain(practice.phone);
      expect(out).toContain(practice.address);
      expect(out).toContain("You received this email because ");
    }
    expect(html).toMatch(/^<!DOCTYPE html/);
    expect(html).toContain('lang="en"');
  });

  it.each(EMAIL_TEMPLATES)("%s has a clean plain-text version", async (template) => {
    const { text } = await renderEmail(SAMPLES[template], practice);
    expect(text).not.toMatch(/[<>]|&[a-z]+;|\[if mso\]|\{|\}/);
    expect(text).not.toMatch(/\n{3}/);
    expect(text).not.toMatch(/[\u200b-\u200f\ufeff]/); // the inbox-preview padding stays out
    expect(text).not.toMatch(/button/i); // there is no button in plain text
    expect(text).toBe(`${text.trim()}\n`);
  });

  it("uses short, plain subjects", async () => {
    const subject = async (t: EmailTemplate) => (await renderEmail(SAMPLES[t], practice)).subject;
    expect(await subject("setup_link")).toBe("Create your Patient Portal account – Lakeside Clinic");
    expect(await subject("reset_link")).toBe("Reset your Patient Portal password – Lakeside Clinic");
    expect(await subject("could_not_verify")).toBe("We could not verify your Patient Portal account – Lakeside Clinic");
  });
});

describe("renderEmail: links", () => {
  it.each(LINK_FIELDS)("%s puts %s in the button, the printed link and the text", async (template, field) => {
    const message = SAMPLES[template];
    const link = (message as Record<string, string>)[field];
    const { html, text } = await renderEmail(message, practice);
    // Once for the button, once for the printed address.
    expect(count(html, `href="${escapeHtml(link)}"`)).toBe(2);
    expect(html).toContain(`>${escapeHtml(link)}</a>`);
    expect(count(text, link)).toBe(1);
    expect(text).toMatch(/works for (24 hours|1 hour|7 days)/);
  });

  it("says who started it: self-service versus staff", async () => {
    for (const template of ["setup_link", "reset_link"] as const) {
      const self = await renderEmail({ ...SAMPLES[template], via: "self_service" }, practice);
      const staff = await renderEmail({ ...SAMPLES[template], via: "staff" }, practice);
      expect(self.text).toMatch(/You received this email because someone asked/);
      expect(self.text).toMatch(/ignore this email/);
      expect(staff.text).toMatch(/You received this email because staff at Lakeside Clinic/);
      expect(staff.text).toContain(`Call us at ${practice.phone}`);
    }
  });

  it.each(LINK_FIELDS)("%s refuses a non-http(s) %s", async (template, field) => {
    for (const bad of [
      "javascript:alert(1)",
      "JavaScript:alert(document.cookie)",
      "  javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "/account/setup?token=relative",
      "not a url",
    ]) {
      await expect(renderEmail({ ...SAMPLES[template], [field]: bad }, practice)).rejects.toThrow(/link/i);
    }
  });

  it("keeps the token out of the error message", async () => {
    const error = await renderEmail({ ...SAMPLES.setup_link, link: "javascript:tok_secret_999" }, practice).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).not.toContain("tok_secret_999");
  });

  it("accepts http for local development", async () => {
    const { html } = await renderEmail({ ...SAMPLES.setup_link, link: "http://portal.test/setup?token=x" }, practice);
    expect(html).toContain('href="http://portal.test/setup?token=x"');
  });
});

describe("renderEmail: messages that must not echo the requester", () => {
  // What someone might have typed into the verification form. The message type has no field for
  // any of it; this also proves that stray fields smuggled in at runtime are never shown.
  const typed = {
    email: "typed.person@example.com",
    lastName: "Typedlastname",
    dateOfBirth: "1980-02-29",
    zip: "90210",
    note: "<script>alert(1)</script>",
  };

  it.each(["could_not_verify", "access_off"] as const)("%s shows nothing typed by the requester", async (template) => {
    const message = { template, ...typed } as EmailMessage;
    const { subject, html, text } = await renderEmail(message, practice);
    for (const out of [subject, html, text]) {
      for (const value of Object.values(typed)) expect(out).not.toContain(value);
      expect(out).not.toMatch(/<script|&lt;script|alert\(1\)|typed\.person|1980|90210/i);
    }
  });

  it("could_not_verify explains the four items and says to call", async () => {
    const { text } = await renderEmail(SAMPLES.could_not_verify, practice);
    for (const item of ["email address", "last name", "date of birth", "ZIP code"]) expect(text).toContain(item);
    expect(text).toContain(`Call us at ${practice.phone}`);
  });

  it("access_off tells the reader to call the practice", async () => {
    const { text } = await renderEmail(SAMPLES.access_off, practice);
    expect(text).toContain("not turned on");
    expect(text).toContain(`call us at ${practice.phone}`);
  });
});

describe("renderEmail: the emailed sign-in code (docs/security.md M7)", () => {
  it.each(["sign_in", "add_factor"] as const)(
    "%s: the code, how long it works, and what to do if it was not you",
    async (purpose) => {
      const { subject, html, text } = await renderEmail({ ...SAMPLES.sign_in_code, purpose }, practice);
      expect(subject).toBe("Your Patient Portal sign-in code – Lakeside Clinic");
      expect(count(text, "402917")).toBe(1);
      expect(html).toContain("402917");
      expect(text).toContain("It works for 10 minutes, and only once.");
      expect(text).toMatch(/If you did not (try to sign in|ask for this), someone else may know your\s+password/);
      expect(text).toContain(`Change your password, or call us at ${practice.phone}.`);
    },
  );

  it("keeps the code out of the subject and the inbox preview", async () => {
    const { subject, html } = await renderEmail(SAMPLES.sign_in_code, practice);
    expect(subject).not.toContain("402917");
    const preview = /<div[^>]*display:none[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(preview).toContain("Your Patient Portal code");
    expect(preview).not.toContain("402917");
  });
});

describe("renderEmail: hostile values", () => {
  const BIG = "A".repeat(10 * 1024);
  const HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "alice\r\nClick here: https://evil.test\r\n",
    "\u202Egnp.exe",
    BIG,
  ];

  // Escaped text such as "onerror=" is harmless; only a real tag from the input would be a problem.
  const rawMarkup = /<script|<img|<iframe/i;

  it.each(HOSTILE.map((v) => [v.slice(0, 30), v]))("username %j is escaped and stays on its line", async (_, value) => {
    for (const message of [
      { template: "username_reminder", username: value },
      { template: "already_registered", username: value, resetLink: RESET, validFor: "1 hour" },
    ] satisfies EmailMessage[]) {
      const { html, text } = await renderEmail(message, practice);
      expect(html).not.toMatch(rawMarkup);
      expect(html).not.toContain("\u202E");
      expect(text).not.toMatch(/[\r\u202E]/);
      expect(text.split("\n")).not.toContain("Click here: https://evil.test");
      expect(text).toContain(practice.phone);
    }
  });

  it.each(HOSTILE.map((v) => [v.slice(0, 30), v]))("practice name %j is escaped everywhere", async (_, value) => {
    const hostilePractice = { ...practice, name: value, address: value };
    for (const template of EMAIL_TEMPLATES) {
      const { subject, html, text } = await renderEmail(SAMPLES[template], hostilePractice);
      expect(html, template).not.toMatch(rawMarkup);
      expect(text, template).not.toMatch(/[\r\u202E]/);
      expect(text.split("\n"), template).not.toContain("Click here: https://evil.test");
      expect(subject, template).not.toMatch(/[\r\n\u202E]/);
      expect(subject.length, template).toBeLessThan(150);
    }
  });

  it("shows escaped markup as text rather than dropping it", async () => {
    const { html, text } = await renderEmail(
      { template: "username_reminder", username: "<script>alert(1)</script>" },
      practice,
    );
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // Plain text is never interpreted, so the literal characters are the honest rendering.
    expect(text).toContain("<script>alert(1)</script>");
  });

  it("keeps a 10 KB value whole in the text version", async () => {
    const { text } = await renderEmail({ template: "username_reminder", username: BIG }, practice);
    expect(text.split("\n")).toContain(BIG);
  });

  it("escapes the staff name", async () => {
    const { html } = await renderEmail(
      { ...SAMPLES.staff_invite, staffName: '"><img src=x onerror=alert(1)>' },
      practice,
    );
    expect(html).not.toMatch(rawMarkup);
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("templates preview on their own", () => {
  const components = [
    SetupLinkEmail,
    ResetLinkEmail,
    AlreadyRegisteredEmail,
    UsernameReminderEmail,
    NoAccountYetEmail,
    AccessOffEmail,
    CouldNotVerifyEmail,
    PasswordChangedEmail,
    EmailChangedNoticeEmail,
    LinkHeldNoticeEmail,
    StaffInviteEmail,
    SignInCodeEmail,
    SecondStepRemovedEmail,
  ];

  it.each(components.map((C) => [C.name, C] as const))("%s renders with its PreviewProps", async (_, Component) => {
    // Each component's PreviewProps matches its own props; the list just loses that pairing.
    const C = Component as (props: typeof Component.PreviewProps) => ReactElement;
    const html = await render(<C {...Component.PreviewProps} />);
    expect(html).toContain(Component.PreviewProps.practice.name);
  });
});

describe("renderEmail: in Spanish", () => {
  const ES_LINK = "https://portal.test/setup-account?token=tok_abc123&lang=es";
  const spanish = (template: EmailTemplate): EmailMessage => {
    const sample = SAMPLES[template] as Record<string, unknown>;
    // Values made at queueing come in the email's language (lib/email/email-words.ts).
    const ES_VALUES: Record<string, string> = {
      "24 hours": "24 horas",
      "1 hour": "1 hora",
      "10 minutes": "10 minutos",
      "every second step (authenticator app)":
        "todos los segundos pasos para iniciar sesión (aplicación de autenticación)",
    };
    const withLinks = Object.fromEntries(
      Object.entries(sample).map(([k, v]) => [
        k,
        /link$/i.test(k) ? ES_LINK : typeof v === "string" ? (ES_VALUES[v] ?? v) : v,
      ]),
    ) as EmailMessage;
    return { ...withLinks, locale: "es" };
  };
  const PATIENT_TEMPLATES = EMAIL_TEMPLATES.filter((t) => t !== "staff_invite");
  // One sentence each template says, so a template left in English (or with the wrong words) is caught.
  const SENTENCE: Record<Exclude<EmailTemplate, "staff_invite">, string> = {
    setup_link: "Use el enlace de abajo para crear su cuenta.",
    reset_link: "Recibimos una solicitud para restablecer su contraseña del portal del paciente.",
    already_registered: "Su nombre de usuario es:",
    username_reminder: "Usted pidió su nombre de usuario del portal del paciente.",
    no_account_yet: "Puede crear su cuenta ahora con el enlace de abajo. Funciona durante 24 horas.",
    access_off: "Para activarlo, llámenos al (555) 123-4567.",
    could_not_verify: "su código postal",
    password_changed: "Se cambió la contraseña de su cuenta del portal del paciente.",
    account_created: "Se creó su cuenta del portal del paciente y se eligió una contraseña.",
    email_changed_notice: "El personal de Lakeside Clinic cambió el correo electrónico de su cuenta",
    link_held_notice: "No lo enviamos: el personal de Lakeside Clinic hablará con usted primero.",
    sign_in_code: "Escriba este código en el portal del paciente para terminar de iniciar sesión:",
    second_step_removed:
      "Un miembro de nuestro personal quitó todos los segundos pasos para iniciar sesión (aplicación de autenticación) de su cuenta.",
    second_step_recovery_link: "Necesitará su contraseña para terminar.",
    no_second_step_to_remove: "Llámenos al (555) 123-4567 y le ayudaremos.",
  };

  it.each(PATIENT_TEMPLATES)("%s: Spanish subject, html lang, body and the practice block", async (template) => {
    const { subject, html, text } = await renderEmail(spanish(template), practice);
    expect(subject).toMatch(/portal del paciente.* – Lakeside Clinic$/);
    expect(subject).not.toMatch(/Patient Portal/);
    expect(html).toMatch(/<html[^>]* lang="es"/);
    expect(text).toContain(SENTENCE[template as keyof typeof SENTENCE]);
    for (const out of [html, text]) {
      expect(out).toContain("Recibió este correo electrónico porque ");
      expect(out).toContain(`Teléfono: ${practice.phone}`);
      expect(out).toContain(practice.address);
      expect(out).not.toContain("You received this email");
      expect(out).not.toContain("Phone:");
    }
  });

  it.each(LINK_FIELDS.filter(([t]) => t !== "staff_invite"))("%s keeps lang=es on %s", async (template) => {
    const { html, text } = await renderEmail(spanish(template), practice);
    expect(count(html, `href="${escapeHtml(ES_LINK)}"`)).toBe(2);
    expect(count(text, ES_LINK)).toBe(1);
    expect(html).toContain("Si el botón no funciona, copie este enlace en su navegador:");
  });

  it("names the sender in Spanish subjects too", async () => {
    expect((await renderEmail(spanish("reset_link"), practice)).subject).toBe(
      "Restablezca su contraseña del portal del paciente – Lakeside Clinic",
    );
    expect((await renderEmail(spanish("sign_in_code"), practice)).subject).toBe(
      "Su código para iniciar sesión en el portal del paciente – Lakeside Clinic",
    );
  });

  it("a staff invitation stays English (staff read English) whatever the message says", async () => {
    const { subject, html, text } = await renderEmail({ ...SAMPLES.staff_invite, locale: "es" }, practice);
    expect(subject).toBe("Set up your Patient Portal staff account – Lakeside Clinic");
    expect(html).toMatch(/<html[^>]* lang="en"/);
    expect(text).toContain("You received this email because someone at Lakeside Clinic");
  });

  it("a row queued before emails had a language renders in English, as before", async () => {
    const { html, text } = await renderEmail(SAMPLES.access_off, practice);
    expect(html).toMatch(/<html[^>]* lang="en"/);
    expect(text).toContain("You received this email because someone asked for Patient Portal access");
  });
});
