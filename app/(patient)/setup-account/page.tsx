import { getTranslations } from "next-intl/server";
import { LinkPage } from "../_components/link-page";
import { linkToken } from "@/lib/http/link-token";
import { completeAccountSetup } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("links.setup");
  return { title: t("title") };
}

export default async function SetupAccountPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const token = await linkToken("/setup-account", await searchParams);
  return <LinkPage purpose="setup" token={token} action={completeAccountSetup} />;
}
