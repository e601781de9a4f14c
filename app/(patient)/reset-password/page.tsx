import { LinkPage } from "../_components/link-page";
import { completePasswordReset } from "./actions";

export const metadata = { title: "Choose a new password", referrer: "no-referrer" as const };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const { token } = await searchParams;
  return <LinkPage purpose="reset" token={token} action={completePasswordReset} />;
}
