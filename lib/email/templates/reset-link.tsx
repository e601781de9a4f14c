import { translator } from "@/lib/i18n/translator";
import { ActionLink, EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function ResetLinkEmail({ practice, locale, link, validFor, via }: EmailProps<"reset_link">) {
  const t = translator(locale, "emails");
  const byStaff = via === "staff";
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("reset_link.preview", { validFor })}
      title={t("reset_link.title")}
      because={byStaff ? t("reset_link.becauseStaff", { practice: practice.name }) : t("reset_link.becauseSelf")}
    >
      <P>{byStaff ? t("reset_link.introStaff", { practice: practice.name }) : t("reset_link.introSelf")}</P>
      <ActionLink href={link} label={t("reset_link.button")} locale={locale} />
      <P>{t("reset_link.validFor", { validFor })}</P>
      <P>{byStaff ? t("reset_link.notExpectingStaff", { phone: practice.phone }) : t("reset_link.notExpectingSelf")}</P>
    </EmailLayout>
  );
}

ResetLinkEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  link: "https://portal.example.com/account/reset?token=preview",
  validFor: "1 hour",
  via: "self_service",
} satisfies EmailProps<"reset_link">;
