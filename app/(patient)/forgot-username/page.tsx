import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { VerificationForm } from "../_components/verification-form";
import { SentConfirmation } from "../_components/sent-confirmation";
import { requestUsername } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("verification.forgotUsername");
  return { title: t("title") };
}

export default async function ForgotUsernamePage() {
  const t = await getTranslations("verification");
  return (
    <main id="main" className="narrow">
      <h1>{t("forgotUsername.title")}</h1>
      <p>{t("forgotUsername.intro")}</p>
      <VerificationForm
        route="/forgot-username/send"
        action={requestUsername}
        submitLabel={t("forgotUsername.submit")}
        confirmation={<SentConfirmation what="username" />}
      />
      <p>
        <Link href="/login">{t("form.backToSignIn")}</Link>
      </p>
    </main>
  );
}
