// Shown when a second-step page is opened without a live pending sign-in: it expired (5 minutes), was used, or
// never existed. It says the same in every case and offers the way back.
import { useTranslations } from "next-intl";
import en from "@/messages/en/signIn.json";

export function SignInTimedOut({ signInHref }: { signInHref: string }) {
  const t = useTranslations("signIn.timedOut");
  return (
    <>
      <h1>{t("heading")}</h1>
      <p>{t("body")}</p>
      <p>
        <a className="button" href={signInHref}>
          {t("goToSignIn")}
        </a>
      </p>
    </>
  );
}

/** The English words, for staff actions; actions patients reach ask getTranslations("signIn.timedOut"). */
export const SIGN_IN_TIMED_OUT = en.timedOut.message;
