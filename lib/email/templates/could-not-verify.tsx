// Goes to whatever address was typed into the form, so it must not reveal whether that person is
// a patient here, and it repeats none of what was typed.
import { translator } from "@/lib/i18n/translator";
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function CouldNotVerifyEmail({ practice, locale }: EmailProps<"could_not_verify">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("could_not_verify.preview")}
      title={t("could_not_verify.title")}
      because={t("could_not_verify.because")}
    >
      <P>{t("could_not_verify.intro")}</P>
      <P>{t("could_not_verify.fourItems", { practice: practice.name })}</P>
      <ul style={{ fontSize: "16px", lineHeight: "24px", color: "#1f2937", margin: "0 0 16px", paddingLeft: "24px" }}>
        <li>{t("could_not_verify.email")}</li>
        <li>{t("could_not_verify.lastName")}</li>
        <li>{t("could_not_verify.dateOfBirth")}</li>
        <li>{t("could_not_verify.zip")}</li>
      </ul>
      <P>{t("could_not_verify.check")}</P>
      <P>{t("could_not_verify.call", { phone: practice.phone })}</P>
      <P>{t("could_not_verify.ignore")}</P>
    </EmailLayout>
  );
}

CouldNotVerifyEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
} satisfies EmailProps<"could_not_verify">;
