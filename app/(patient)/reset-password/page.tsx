import { LinkPage } from "../_components/link-page";
import { linkToken } from "@/lib/http/link-token";
import { completePasswordReset } from "./actions";

export const metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const token = await linkToken("/reset-password", await searchParams);
  return <LinkPage purpose="reset" token={token} action={completePasswordReset} />;
}
