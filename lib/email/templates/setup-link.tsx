import { translator } from "@/lib/i18n/translator";
import { ActionLink, EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function SetupLinkEmail({ practice, locale, link, validFor, via }: EmailProps<"setup_link">) {
  const t = translator(locale, "emails");
  const byStaff = via === "staff";
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("setup_link.preview", { validFor })}
      title={t("setup_link.title")}
      because={byStaff ? t("setup_link.becauseStaff", { practice: practice.name }) : t("setup_link.becauseSelf")}
    >
      <P>
        {byStaff
          ? t("setup_link.introStaff", { practice: practice.name })
          : t("setup_link.introSelf", { practice: practice.name })}
      </P>
      <ActionLink href={link} label={t("setup_link.button")} locale={locale} />
      <P>{t("setup_link.validFor", { validFor })}</P>
      <P>{byStaff ? t("setup_link.notExpectingStaff", { phone: practice.phone }) : t("setup_link.notExpectingSelf")}</P>
    </EmailLayout>
  );
}

SetupLinkEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  link: "https://portal.example.com/account/setup?token=preview",
  validFor: "24 hours",
  via: "self_service",
} satisfies EmailProps<"setup_link">;
