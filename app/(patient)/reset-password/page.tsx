import { getTranslations } from "next-intl/server";
import { LinkPage } from "../_components/link-page";
import { linkToken } from "@/lib/http/link-token";
import { completePasswordReset } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("links.reset");
  return { title: t("title") };
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const token = await linkToken("/reset-password", await searchParams);
  return <LinkPage purpose="reset" token={token} action={completePasswordReset} />;
}
