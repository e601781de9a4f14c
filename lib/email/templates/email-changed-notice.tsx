// Sent to the old address, which may no longer belong to the patient: the new address is
// deliberately not shown.
import { translator } from "@/lib/i18n/translator";
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function EmailChangedNoticeEmail({ practice, locale }: EmailProps<"email_changed_notice">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("email_changed_notice.preview")}
      title={t("email_changed_notice.title")}
      because={t("email_changed_notice.because")}
    >
      <P>{t("email_changed_notice.intro", { practice: practice.name })}</P>
      <P>{t("email_changed_notice.ok")}</P>
      <P>{t.rich("email_changed_notice.warning", { phone: practice.phone, strong: (c) => <strong>{c}</strong> })}</P>
    </EmailLayout>
  );
}

EmailChangedNoticeEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
} satisfies EmailProps<"email_changed_notice">;
