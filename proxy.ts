// Next 16's proxy (formerly middleware). Two jobs, neither of them a guard (every page and action checks the
// session itself): refresh the session cookie so idle time counts from the last request, and land emailed
// links (see lib/http/link-landing.ts).
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { auth } from "@/lib/auth/auth";
import { isLinkPage, LINK_COOKIE_SECONDS, LINK_PAGES } from "@/lib/http/link-landing";

type Handler = (req: NextRequest, ev: NextFetchEvent) => Promise<Response>;

function landLink(req: NextRequest & { auth: unknown }) {
  const { pathname, searchParams } = req.nextUrl;
  const token = searchParams.get("token");
  if (!isLinkPage(pathname) || token === null) return NextResponse.next();
  const clean = req.nextUrl.clone();
  clean.search = "";
  const res = NextResponse.redirect(clean, 303);
  res.cookies.set(LINK_PAGES[pathname], token.slice(0, 100), {
    httpOnly: true,
    sameSite: "lax",
    secure: clean.protocol === "https:",
    path: pathname,
    maxAge: LINK_COOKIE_SECONDS,
  });
  res.headers.set("Referrer-Policy", "no-referrer");
  res.headers.set("Cache-Control", "no-store");
  return res;
}

// With a lazily built config, Auth.js hands back the wrapped handler asynchronously.
const withSession = auth(landLink as never) as unknown as Promise<Handler> | Handler;

export async function proxy(req: NextRequest, ev: NextFetchEvent) {
  return (await withSession)(req, ev);
}

export const config = {
  // Pages and actions only: static files, images and the auth API handle themselves.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/auth).*)"],
};
