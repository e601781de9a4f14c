import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { VerificationForm } from "../_components/verification-form";
import { SentConfirmation } from "../_components/sent-confirmation";
import { requestPasswordReset } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("verification.forgotPassword");
  return { title: t("title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("verification");
  return (
    <main id="main" className="narrow">
      <h1>{t("forgotPassword.title")}</h1>
      <p>{t("forgotPassword.intro")}</p>
      <VerificationForm
        route="/forgot-password/send"
        action={requestPasswordReset}
        submitLabel={t("form.sendLink")}
        confirmation={<SentConfirmation what="reset" />}
      />
      <p>
        <Link href="/login">{t("form.backToSignIn")}</Link>
      </p>
    </main>
  );
}
