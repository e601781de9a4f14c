import { translator } from "@/lib/i18n/translator";
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function AccessOffEmail({ practice, locale }: EmailProps<"access_off">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("access_off.preview")}
      title={t("access_off.title")}
      because={t("access_off.because")}
    >
      <P>{t("access_off.intro")}</P>
      <P>{t("access_off.call", { phone: practice.phone })}</P>
      <P>{t("access_off.ignore")}</P>
    </EmailLayout>
  );
}

AccessOffEmail.PreviewProps = { practice: PREVIEW_PRACTICE, locale: "en" } satisfies EmailProps<"access_off">;
