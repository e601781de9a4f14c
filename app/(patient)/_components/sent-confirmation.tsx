// The one confirmation every verification form shows, whatever our records say.
import { useTranslations } from "next-intl";
import { getConfig } from "@/lib/config";
import { type LinkKind, linkLifetime } from "@/lib/tokens/link-lifetime";

/** What the form asked for: it names what may have been sent, never whether it was. */
export type SentWhat = "setup" | "reset" | "username" | "secondStep";

export function SentConfirmation({ what }: { what: SentWhat }) {
  const { PRACTICE_NAME, PRACTICE_PHONE } = getConfig();
  const t = useTranslations("verification.sent");
  // The lifetime in words of the page's language, from the configured length.
  const lifetime = (kind: LinkKind) => {
    const minutes = Math.round(linkLifetime(kind).ms / 60_000);
    return minutes % 60 === 0 ? t("hours", { count: minutes / 60 }) : t("minutes", { count: minutes });
  };
  return (
    <>
      <h2>{t("title")}</h2>
      <p>{t("matched", { what })}</p>
      <ul>
        <li>{t("arrival")}</li>
        {/* The page cannot know which email went out (it must not: docs/security.md V1), so it names the
            lifetime of each kind of link, as configured. */}
        <li>
          {t("lifetimes", {
            setup: lifetime("setup_self_service"),
            reset: lifetime("reset"),
            secondStep: what === "secondStep" ? "yes" : "no",
          })}
        </li>
        <li>
          {t.rich("nothing", {
            practice: PRACTICE_NAME,
            phone: PRACTICE_PHONE,
            call: (number) => <a href={`tel:${PRACTICE_PHONE.replace(/[^\d+]/g, "")}`}>{number}</a>,
          })}
        </li>
      </ul>
    </>
  );
}
