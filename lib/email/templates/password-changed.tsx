import { translator } from "@/lib/i18n/translator";
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function PasswordChangedEmail({ practice, locale, changedAt }: EmailProps<"password_changed">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("password_changed.preview")}
      title={t("password_changed.title")}
      because={t("password_changed.because")}
    >
      <P>{t("password_changed.intro")}</P>
      <P>{t("password_changed.when", { when: changedAt })}</P>
      <P>{t("password_changed.ok")}</P>
      <P>{t.rich("password_changed.warning", { phone: practice.phone, strong: (c) => <strong>{c}</strong> })}</P>
    </EmailLayout>
  );
}

PasswordChangedEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  changedAt: "March 3, 2026 at 2:15 PM Eastern Time",
} satisfies EmailProps<"password_changed">;
