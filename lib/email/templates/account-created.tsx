import { translator } from "@/lib/i18n/translator";
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

// Sent when a patient first chooses a password with a setup link: the same safety notice as a password change,
// in words that fit a new account.
export default function AccountCreatedEmail({ practice, locale, createdAt }: EmailProps<"account_created">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("account_created.preview")}
      title={t("account_created.title")}
      because={t("account_created.because")}
    >
      <P>{t("account_created.intro")}</P>
      <P>{t("account_created.when", { when: createdAt })}</P>
      <P>{t("account_created.ok")}</P>
      <P>{t.rich("account_created.warning", { phone: practice.phone, strong: (c) => <strong>{c}</strong> })}</P>
    </EmailLayout>
  );
}

AccountCreatedEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  createdAt: "March 3, 2026 at 2:15 PM Eastern Time",
} satisfies EmailProps<"account_created">;
