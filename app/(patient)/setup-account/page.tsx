import { LinkPage } from "../_components/link-page";
import { completeAccountSetup } from "./actions";

export const metadata = { title: "Set up your account", referrer: "no-referrer" as const };

export default async function SetupAccountPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const { token } = await searchParams;
  return <LinkPage purpose="setup" token={token} action={completeAccountSetup} />;
}
