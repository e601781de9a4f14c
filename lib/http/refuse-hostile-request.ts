// Requests no page of ours produces, answered by the proxy before any page or action runs (docs/security.md R3):
// a body over the 1 MB that server actions accept (413), and an address with control characters or an edited
// list cursor (400). Each gets a small page that says what happened and where to go, never a server error.
import { staffPageAddressProblem } from "@/lib/validation/page-address";

export const MAX_BODY_BYTES = 1024 * 1024;

export function refuseHostileRequest(req: { method: string; url: string; headers: Headers }): Response | null {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return tooLarge(new URL(req.url));
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = new URL(req.url);
  if (staffPageAddressProblem(url)) {
    return page(
      400,
      "This page address cannot be used",
      "It holds characters that no search or filter can contain, or it was changed after we made it. Start again from the page below.",
      homeOf(url),
    );
  }
  return null;
}

/** The answer to a body over MAX_BODY_BYTES, also when one sent without a length turns out to be. */
export function tooLarge(url: URL): Response {
  return page(
    413,
    "That was too large to send",
    "The form sent more than 1 MB, which is too large, so nothing was saved. Go back and try again with less text.",
    homeOf(url),
  );
}

const homeOf = (url: URL) =>
  url.pathname.startsWith("/admin")
    ? { href: "/admin", label: "Go to the patient list" }
    : { href: "/login", label: "Go to the sign-in page" };

function page(status: number, title: string, text: string, home: { href: string; label: string }): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main id="main"><h1>${title}</h1><p>${text}</p><p><a href="${home.href}">${home.label}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
