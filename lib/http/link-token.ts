// The token of an emailed link: from the cookie the proxy set, or from the address if the proxy did not run.
import "server-only";
import { cookies } from "next/headers";
import { LINK_PAGES, type LinkPage } from "./link-landing";

export async function linkToken(page: LinkPage, searchParams: Record<string, unknown>): Promise<unknown> {
  return searchParams.token ?? (await cookies()).get(LINK_PAGES[page])?.value;
}

export async function forgetLinkToken(page: LinkPage) {
  (await cookies()).delete({ name: LINK_PAGES[page], path: page });
}
