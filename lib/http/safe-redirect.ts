// Redirect targets come from requests (Auth.js's callbackUrl): only paths on our own site are followed
// (docs/security.md N4); anything else goes to the fallback.
export function safeRedirectPath(target: unknown, appUrl: string, fallback = "/"): string {
  if (typeof target !== "string" || target.length > 2000) return fallback;
  // Backslashes and control characters are read as "/" or dropped by browsers: "/\evil.com" is "//evil.com".
  if (/[\\\u0000-\u001f\u007f]/.test(target)) return fallback;
  const base = new URL(appUrl);
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  if (!target.startsWith("/") && !target.startsWith(base.origin)) return fallback;
  if (target.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
