// The way back from an "add a second step" page, for a patient who changes their mind.
import { getTranslations } from "next-intl/server";

export async function BackToPortal() {
  const t = await getTranslations("secondStep");
  return <p>{t.rich("backToPortal", { link: (c) => <a href="/portal">{c}</a> })}</p>;
}
