import { translator } from "@/lib/i18n/translator";
import { EmailLayout, Highlight, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function UsernameReminderEmail({ practice, locale, username }: EmailProps<"username_reminder">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("username_reminder.preview")}
      title={t("username_reminder.title")}
      because={t("username_reminder.because")}
    >
      <P>{t("username_reminder.intro")}</P>
      <Highlight>{username}</Highlight>
      <P>{t("username_reminder.signIn")}</P>
      <P>{t("username_reminder.ignore")}</P>
    </EmailLayout>
  );
}

UsernameReminderEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  username: "sunny.day42",
} satisfies EmailProps<"username_reminder">;
