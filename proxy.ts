// Next 16's proxy (formerly middleware). It is never the guard (every page and action checks the session
// itself). Its jobs: refuse state-changing requests from other origins or addressed to another host, set the
// per-request security headers (CSP nonce, HSTS), refresh the session cookie so idle time counts from the last
// request (as a browser-session cookie), land emailed links (lib/http/link-landing.ts), and answer oversized
// bodies and hostile addresses with a 400-class page (lib/http/refuse-hostile-request.ts). The form routes are
// not seen here (the matcher below): they run the same refusals themselves (app/_lib/form-route.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { isSessionCookieName } from "@/lib/auth/browser-session-cookie";
import {
  deleteCookieHeader,
  refreshedSessionCookie,
  sessionCookieName,
  setCookieHeader,
} from "@/lib/auth/session-cookie";
import { isLinkPage, LINK_COOKIE_SECONDS, LINK_PAGES } from "@/lib/http/link-landing";
import { refuseHostileRequest } from "@/lib/http/refuse-hostile-request";
import { refuseForeignRequest } from "@/lib/http/refuse-foreign-request";
import { contentSecurityPolicy, HSTS } from "@/lib/http/security-headers";
import { negotiateLocale } from "@/lib/i18n/negotiate-locale";
import { localeCookie } from "@/lib/i18n/locale-cookie";
import { isLocale, LOCALE_COOKIE, LOCALE_HEADER, LOCALE_PARAM, type Locale } from "@/lib/i18n/locales";

// Next answers a server action that redirects within the app (a sign-in going on to /portal) by fetching the
// target page from this same server and streaming that answer back; the fetch carries the redirect in this
// request header. Its answer is read by us, not a browser, so compressing it only to inflate it again is waste,
// and refreshing its session cookie too: the action issued that cookie a moment ago, and Next drops the cookies
// of the inner answer. The header buys nothing more: pages and actions still check the session themselves.
const ACTION_FOLLOW_UP = "x-action-redirect";

// A server action called from a page (the header Next's client sends with it) answers with the form's new state:
// a few hundred bytes, for which gzip costs more than it saves (its set-up alone cost about 1.2 ms of CPU per
// create-account request, a fifth of the request, measured with bench/profile-create-account.mjs +nogzip). So
// these answers go uncompressed; pages, and forms posted without JavaScript (answered with a whole page), are
// still compressed. An action that goes on to a page (a staff sign-in) sends that page's payload uncompressed too.
// (The form routes' JSON answers say no-transform themselves.)
const ACTION_CALL = "next-action";

function handle(req: NextRequest): Response {
  const { APP_URL, NODE_ENV } = getConfig();
  const foreign = refuseForeignRequest(req, APP_URL);
  if (foreign) return foreign;
  const { pathname, searchParams } = req.nextUrl;
  const token = searchParams.get("token");
  const lang = searchParams.get(LOCALE_PARAM);
  const chosen = isLocale(lang) ? lang : undefined;
  if (isLinkPage(pathname) && token !== null) return landLink(pathname, token, chosen);
  // "?lang=es" (the language switch without JavaScript, an emailed link) is remembered, then dropped from the
  // address, so every page keeps one address whatever its language.
  if (lang !== null && req.method === "GET") return chooseLanguage(req, chosen);
  const locale = negotiateLocale({
    pathname,
    cookie: req.cookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: req.headers.get("accept-language"),
  });

  const https = APP_URL.startsWith("https:");
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy({ nonce, https, development: NODE_ENV !== "production" });
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  headers.set(LOCALE_HEADER, locale);
  if (headers.has(ACTION_FOLLOW_UP) || headers.has(ACTION_CALL)) headers.set("accept-encoding", "identity");
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  if (https) res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

function chooseLanguage(req: NextRequest, locale: Locale | undefined) {
  const { APP_URL } = getConfig();
  const clean = new URL(req.nextUrl.pathname, APP_URL);
  for (const [k, v] of req.nextUrl.searchParams) if (k !== LOCALE_PARAM) clean.searchParams.append(k, v);
  const res = NextResponse.redirect(clean, 303);
  if (locale) res.cookies.set(localeCookie(locale, APP_URL));
  res.headers.set("Cache-Control", "no-store");
  return res;
}

function landLink(pathname: keyof typeof LINK_PAGES, token: string, locale: Locale | undefined) {
  // The clean address on the configured APP_URL, never the request's Host.
  const clean = new URL(pathname, getConfig().APP_URL);
  const res = NextResponse.redirect(clean, 303);
  res.cookies.set(LINK_PAGES[pathname], token.slice(0, 100), {
    httpOnly: true,
    sameSite: "lax",
    secure: clean.protocol === "https:",
    path: pathname,
    maxAge: LINK_COOKIE_SECONDS,
  });
  // An emailed link opens in the email's language.
  if (locale) res.cookies.set(localeCookie(locale, getConfig().APP_URL));
  res.headers.set("Referrer-Policy", "no-referrer");
  res.headers.set("Cache-Control", "no-store");
  return res;
}

// The idle limit counts from the last request: each request with a live session gets its cookie again, seen now.
// A session cookie that is no longer good (past its limits, not ours, an old chunk) is deleted, as Auth.js would
// delete it. Revocation is not checked here but by every page and action, against the database (lib/auth/dal.ts).
async function refreshSession(req: NextRequest, res: Response): Promise<Response> {
  const sent = req.cookies.getAll().filter((c) => isSessionCookieName(c.name));
  if (!sent.length) return res;
  const { APP_URL, AUTH_SECRET } = getConfig();
  const current = sent.find((c) => c.name === sessionCookieName(APP_URL))?.value;
  const cookie = await refreshedSessionCookie(current, { now: new Date(), appUrl: APP_URL, secret: AUTH_SECRET });
  // Set as a plain header: through res.cookies, Next would also hand the new cookie to the page or action as if
  // the browser had sent it, and an action answer would then carry a re-rendered page (losing, say, the
  // recovery codes a set-up form has just shown).
  if (cookie) res.headers.append("set-cookie", setCookieHeader(cookie));
  for (const { name } of sent) {
    if (name !== cookie?.name) res.headers.append("set-cookie", deleteCookieHeader(name));
  }
  return res;
}

export async function proxy(req: NextRequest) {
  // Oversized bodies and hostile addresses get a plain 400-class page before anything else runs.
  const refused = refuseHostileRequest(req);
  if (refused) return refused;
  const res = handle(req);
  // An action's follow-up fetch (above) carries the cookie the action has just issued: nothing to refresh.
  return req.headers.has(ACTION_FOLLOW_UP) ? res : refreshSession(req, res);
}

export const config = {
  // Pages and actions only. Left alone: static files, images, the auth API (which has its own CSRF token), and the
  // form routes (app/_lib/form-route.ts), which refuse foreign and oversized posts themselves with the same checks:
  // passing through here cost a verification request about a third of its CPU (bench/RESULTS.md), and a JSON
  // answer needs none of the page headers set here.
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|api/auth|login/sign-in$|(?:register|forgot-password|forgot-username|second-step-help)/send$).*)",
  ],
};
