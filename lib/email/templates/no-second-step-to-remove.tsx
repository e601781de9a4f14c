// Goes only to the address on file of a matched patient with an account but no authenticator app or passkey: a
// recovery link could remove nothing, so this says where sign-in codes go and what else may help.
import { translator } from "@/lib/i18n/translator";
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function NoSecondStepToRemoveEmail({ practice, locale }: EmailProps<"no_second_step_to_remove">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("no_second_step_to_remove.preview")}
      title={t("no_second_step_to_remove.title")}
      because={t("no_second_step_to_remove.because")}
    >
      <P>{t("no_second_step_to_remove.intro")}</P>
      <P>{t("no_second_step_to_remove.where")}</P>
      <P>{t("no_second_step_to_remove.call", { phone: practice.phone })}</P>
      <P>{t("no_second_step_to_remove.ignore")}</P>
    </EmailLayout>
  );
}

NoSecondStepToRemoveEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
} satisfies EmailProps<"no_second_step_to_remove">;
