// Goes only to the address on file of a patient whose four details matched and who has an authenticator app or
// a passkey. The link alone removes nothing: the page behind it asks for the account's password too.
import { translator } from "@/lib/i18n/translator";
import { ActionLink, EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function SecondStepRecoveryLinkEmail({
  practice,
  locale,
  link,
  validFor,
}: EmailProps<"second_step_recovery_link">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("second_step_recovery_link.preview", { validFor })}
      title={t("second_step_recovery_link.title")}
      because={t("second_step_recovery_link.because")}
    >
      <P>{t("second_step_recovery_link.intro")}</P>
      <ActionLink href={link} label={t("second_step_recovery_link.button")} locale={locale} />
      <P>{t("second_step_recovery_link.validFor", { validFor })}</P>
      <P>{t("second_step_recovery_link.ignore", { phone: practice.phone })}</P>
    </EmailLayout>
  );
}

SecondStepRecoveryLinkEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  link: "https://portal.example.com/second-step-recovery?token=preview",
  validFor: "1 hour",
} satisfies EmailProps<"second_step_recovery_link">;
