// A form posted to its route the way our pages post it with JavaScript (app/_components/use-form-route.ts):
// the form's own fields form-encoded, with fetch, answered with the form's state as JSON. The headers are what
// Chromium sends with that fetch.
import { send } from "./http.mjs";

/**
 * Posts `fields` to `route`; resolves with the HTTP answer (status, headers, body, ms) and `state`: the parsed
 * answer, or null when it was not JSON (a refusal page, a server error). `pagePath`: the page the form is on (the
 * Referer). `via`: send it to this address (a proxy in front of the app) while the browser headers still name
 * `appUrl`.
 */
export async function postFormRoute({ appUrl, route, pagePath, fields, cookie, agent, headers = {}, timeoutMs, via }) {
  const origin = new URL(appUrl).origin;
  const res = await send({
    url: new URL(route, via ?? appUrl).toString(),
    method: "POST",
    headers: {
      Accept: "application/json",
      "Accept-Encoding": "gzip, deflate, br, zstd",
      "Accept-Language": "en-US,en;q=0.9",
      "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
      ...(cookie ? { Cookie: cookie } : {}),
      Origin: origin,
      Referer: `${origin}${pagePath}`,
      "Sec-Fetch-Dest": "empty",
      "Sec-Fetch-Mode": "cors",
      "Sec-Fetch-Site": "same-origin",
      "User-Agent":
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
      "sec-ch-ua": '"Not:A-Brand";v="8", "Chromium";v="156"',
      "sec-ch-ua-mobile": "?0",
      "sec-ch-ua-platform": '"Linux"',
      ...(via ? { Host: new URL(appUrl).host } : {}),
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
    agent,
    timeoutMs,
  });
  let state = null;
  try {
    state = JSON.parse(res.body);
  } catch {
    // Not JSON: the caller reports the status.
  }
  return { ...res, state };
}
