// Response headers every page gets: a nonce-based Content-Security-Policy, and HSTS when served over HTTPS
// (docs/security.md S6). Built per request because the nonce is.
export function contentSecurityPolicy(opts: { nonce: string; https: boolean; development: boolean }): string {
  const script = [
    `'self'`,
    `'nonce-${opts.nonce}'`,
    `'strict-dynamic'`,
    ...(opts.development ? [`'unsafe-eval'`] : []),
  ];
  return [
    `default-src 'self'`,
    `script-src ${script.join(" ")}`,
    // React and the email preview set style attributes; scripts are what matters.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const HSTS = "max-age=31536000; includeSubDomains";

const reads = (method: string) => method === "GET" || method === "HEAD" || method === "OPTIONS";

/** Sensitive requests must come from our own pages: same Origin as APP_URL (docs/security.md N2). */
export function originAllowed(method: string, origin: string | null, appUrl: string): boolean {
  if (reads(method)) return true;
  return origin !== null && origin === parsedAppUrl(appUrl).origin;
}

/**
 * A post must also be addressed to APP_URL's host where Next looks for it: the first X-Forwarded-Host, else Host.
 * Next refuses a server action whose Origin differs from that host, but with a bare 500 that monitors count as
 * an outage; refused here first, a forged Host gets the same 403 as a cross-origin post (docs/security.md N2, N3).
 */
export function hostAllowed(
  method: string,
  headers: { host: string | null; forwardedHost: string | null },
  appUrl: string,
): boolean {
  if (reads(method)) return true;
  const named = headers.forwardedHost?.split(",")[0].trim() || headers.host;
  return named === parsedAppUrl(appUrl).host;
}

// APP_URL is one value for the life of the process: parsed once, not on every post the proxy and form routes check.
let parsed: { appUrl: string; url: URL } | undefined;
function parsedAppUrl(appUrl: string): URL {
  if (parsed?.appUrl !== appUrl) parsed = { appUrl, url: new URL(appUrl) };
  return parsed.url;
}
