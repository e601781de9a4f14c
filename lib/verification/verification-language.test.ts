// The verification forms answer in the language of the form: the same outcome, tokens and recipient whichever
// language was used, only the words (and the link's ?lang=) differ. Notices the practice owns (access off, a held
// link) follow the patient's Preferred language instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { accountTokens, emailOutbox, patients, verificationAttempts } from "@/db/schema";
import { unseal } from "@/lib/crypto/seal";
import { renderEmail, type EmailMessage } from "@/lib/email/render-email";
import type { Locale } from "@/lib/i18n/locales";
import { DB_KINDS, openTestDb, type TestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { requestVerification, type VerificationFlow } from "./request-verification";
import { processVerifications } from "./process-verifications";

const practice = { name: "Lakeside Clinic", phone: "(555) 123-4567", address: "9 Harbor Road" };

describe.each(DB_KINDS)("verification emails by language (%s)", (kind) => {
  let t: TestDb;
  let n = 0;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(() => t?.close());

  async function submit(
    flow: VerificationFlow,
    details: { email: string; lastName: string; dateOfBirth: string; zip: string },
    locale: Locale,
  ) {
    const ipHash = `lang-ip-${++n}`;
    await requestVerification(t.db, { flow, details, locale, ipHash, now: new Date() });
    while ((await processVerifications(t.db)) > 0);
    const [attempt] = await t.db.select().from(verificationAttempts).where(eq(verificationAttempts.ipHash, ipHash));
    const mails = await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, details.email.toLowerCase()));
    const last = mails.sort((a, b) => +a.createdAt - +b.createdAt).at(-1);
    const message = last ? unseal<EmailMessage>(last.sealedSecret!) : null;
    return { attempt, message, rendered: message ? await renderEmail(message, practice) : null };
  }

  const detailsOf = (p: { email: string | null; lastName: string; dateOfBirth: string; zip: string | null }) => ({
    email: p.email!,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    zip: p.zip!,
  });

  it("a setup link from the Spanish form is in Spanish and opens the page in Spanish; from the English form, English", async () => {
    const es = await insertPatient(t.db);
    const en = await insertPatient(t.db);
    const fromEs = await submit("register", detailsOf(es), "es");
    const fromEn = await submit("register", detailsOf(en), "en");

    expect(fromEs.attempt.outcome).toBe(fromEn.attempt.outcome);
    expect(fromEs.attempt.outcome).toBe("matched");
    expect(fromEs.message).toMatchObject({ template: "setup_link", locale: "es", validFor: "24 horas" });
    expect(fromEn.message).toMatchObject({ template: "setup_link", locale: "en", validFor: "24 hours" });
    expect((fromEs.message as { link: string }).link).toMatch(/\/setup-account\?token=[A-Za-z0-9_-]{43}&lang=es$/);
    expect((fromEn.message as { link: string }).link).toMatch(/\/setup-account\?token=[A-Za-z0-9_-]{43}$/);
    for (const p of [es, en]) {
      expect(await t.db.select().from(accountTokens).where(eq(accountTokens.patientId, p.id))).toHaveLength(1);
    }
    expect(fromEs.rendered!.subject).toBe("Cree su cuenta del portal del paciente – Lakeside Clinic");
    expect(fromEs.rendered!.html).toContain('lang="es"');
    expect(fromEn.rendered!.subject).toBe("Create your Patient Portal account – Lakeside Clinic");
  });

  it("'could not verify' goes to the typed address in the form's language, saying nothing else", async () => {
    const typed = { email: "nobody.here@example.com", lastName: "Nadie", dateOfBirth: "1970-01-01", zip: "00000" };
    const es = await submit("forgot_password", typed, "es");
    expect(es.attempt.outcome).toBe("no_match");
    expect(es.message).toEqual({ template: "could_not_verify", locale: "es" });
    expect(es.rendered!.text).toContain("Revíselos y vuelva a intentarlo.");
    const en = await submit("forgot_password", typed, "en");
    expect(en.attempt.outcome).toBe("no_match");
    expect(en.message).toEqual({ template: "could_not_verify", locale: "en" });
  });

  it("a reset link and the username email follow the form too", async () => {
    const p = await insertPatient(t.db);
    await insertAccount(t.db, p.id, { username: `lang${n}` });
    const reset = await submit("forgot_password", detailsOf(p), "es");
    expect(reset.message).toMatchObject({ template: "reset_link", locale: "es", validFor: "1 hora" });
    expect((reset.message as { link: string }).link).toMatch(/\/reset-password\?token=.+&lang=es$/);
    const name = await submit("forgot_username", detailsOf(p), "es");
    expect(name.message).toMatchObject({ template: "username_reminder", locale: "es" });
    expect(name.rendered!.text).toContain("Aquí está:");
  });

  it("'access off' answers the request, so it follows the form, whatever the Preferred language", async () => {
    const p = await insertPatient(t.db, { portalAccessEnabled: false, preferredLanguage: "en" });
    const es = await submit("register", detailsOf(p), "es");
    expect(es.attempt.outcome).toBe("access_off");
    expect(es.message).toEqual({ template: "access_off", locale: "es" });
    const q = await insertPatient(t.db, { portalAccessEnabled: false, preferredLanguage: "es" });
    const en = await submit("register", detailsOf(q), "en");
    expect(en.message).toEqual({ template: "access_off", locale: "en" });
  });

  it("a link held after an email change warns the old address in the Preferred language", async () => {
    const old = `old.${n}@example.com`;
    const p = await insertPatient(t.db, { preferredLanguage: "es" });
    await t.db
      .update(patients)
      .set({ emailChangedAt: new Date(), emailBeforeChange: old })
      .where(eq(patients.id, p.id));
    const held = await submit("register", detailsOf(p), "en");
    expect(held.message).toBeNull();
    const [notice] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.recipient, old));
    expect(unseal<EmailMessage>(notice.sealedSecret!)).toEqual({ template: "link_held_notice", locale: "es" });
  });
});
