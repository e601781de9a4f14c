import { translator } from "@/lib/i18n/translator";
import { ActionLink, EmailLayout, Highlight, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function AlreadyRegisteredEmail({
  practice,
  locale,
  username,
  resetLink,
  validFor,
}: EmailProps<"already_registered">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("already_registered.preview")}
      title={t("already_registered.title")}
      because={t("already_registered.because")}
    >
      <P>{t("already_registered.intro")}</P>
      <P>{t("already_registered.username")}</P>
      <Highlight>{username}</Highlight>
      <P>{t("already_registered.forgot", { validFor })}</P>
      <ActionLink href={resetLink} label={t("already_registered.button")} locale={locale} />
      <P>{t("already_registered.remember")}</P>
    </EmailLayout>
  );
}

AlreadyRegisteredEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  username: "sunny.day42",
  resetLink: "https://portal.example.com/account/reset?token=preview",
  validFor: "1 hour",
} satisfies EmailProps<"already_registered">;
