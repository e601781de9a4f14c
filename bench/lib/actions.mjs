// Server actions over HTTP, posted the way Chromium posts them from our pages (checked against a captured
// Chromium request): the page is loaded first (its cookies and its form's hidden React fields), then the form
// is sent with fetch: multipart entries "_1_<name>" for every form field in page order, the argument list "0"
// last, and the headers below. The action id comes from the build's server-reference manifest.
import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { send } from "./http.mjs";

/** The id of `exportedName` in `file` (e.g. "app/(patient)/register/actions.ts"), from the build's manifest. */
export function actionId(distDir, file, exportedName) {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"));
  const all = { ...manifest.node, ...manifest.edge };
  const hits = Object.entries(all).filter(([, e]) => e.filename === file && e.exportedName === exportedName);
  if (hits.length !== 1)
    throw new Error(`${file}#${exportedName}: ${hits.length} entries in the server-reference manifest`);
  return hits[0][0];
}

const decodeEntities = (s) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * Loads `pagePath` like a browser and reads its first form (or the first with a field named `containing`): the
 * hidden fields React renders for the action (with their values), the names of the visible fields, the action id
 * the form is bound to, and the cookies the page set.
 */
export async function loadForm(appUrl, pagePath, agent, { cookie: sent, containing } = {}) {
  const page = await send({
    url: new URL(pagePath, appUrl).toString(),
    agent,
    headers: { Accept: "text/html", "Accept-Encoding": "identity", ...(sent ? { Cookie: sent } : {}) },
  });
  if (page.status !== 200) throw new Error(`GET ${pagePath}: status ${page.status}`);
  const forms = [...page.body.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]);
  const form = containing ? forms.find((f) => f.includes(`name="${containing}"`)) : forms[0];
  if (!form)
    throw new Error(`GET ${pagePath}: no form${containing ? ` with a "${containing}" field` : ""} on the page`);
  const hidden = [];
  const visible = [];
  for (const m of form.matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)) {
    const attrs = m[1];
    const name = /\sname="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    if (/\stype="hidden"/.test(attrs))
      hidden.push([decodeEntities(name), decodeEntities(/\svalue="([^"]*)"/.exec(attrs)?.[1] ?? "")]);
    else visible.push(decodeEntities(name));
  }
  const bound = hidden.find(([n]) => /^\$ACTION_\d+:0$/.test(n));
  const boundId = bound ? JSON.parse(bound[1]).id : null;
  const setCookie = page.headers["set-cookie"] ?? [];
  const cookie = setCookie.map((c) => c.split(";")[0]).join("; ");
  return { pagePath, hidden, visible, boundId, cookie };
}

/** The multipart body: the hidden React fields, then `values` for the visible fields (in the page's order), then "0". */
export function actionBody(form, values) {
  for (const name of Object.keys(values)) {
    if (!form.visible.includes(name))
      throw new Error(`${form.pagePath} has no field "${name}" (it has ${form.visible.join(", ")})`);
  }
  const boundary = `----WebKitFormBoundary${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`;
  const parts = [];
  const entry = (name, value) =>
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="_1_${name}"\r\n\r\n${value}\r\n`);
  for (const [name, value] of form.hidden) entry(name, value);
  for (const name of form.visible) entry(name, values[name] ?? "");
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[{},"$K1"]\r\n`);
  parts.push(`--${boundary}--\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(parts.join(""), "utf8") };
}

/** Next's router state for a page in the (patient) group, as Chromium sent it for /register and /login. */
function routerStateTree(pagePath) {
  const segment = pagePath.replace(/^\//, "");
  const tree = [
    "",
    {
      children: [
        "(patient)",
        { children: [segment, { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] },
        null,
        null,
        0,
      ],
    },
    null,
    null,
    16,
  ];
  return encodeURIComponent(JSON.stringify(tree));
}

/** The headers Chromium 156 sent with these actions (captured), minus Host, Connection and Content-Length. */
export function actionHeaders({ appUrl, form, id, contentType, extra = {} }) {
  return {
    Accept: "text/x-component",
    "Accept-Encoding": "gzip, deflate, br, zstd",
    "Accept-Language": "en-US,en;q=0.9",
    "Content-Type": contentType,
    ...(form.cookie ? { Cookie: form.cookie } : {}),
    Origin: new URL(appUrl).origin,
    Referer: new URL(form.pagePath, appUrl).toString(),
    "Sec-Fetch-Dest": "empty",
    "Sec-Fetch-Mode": "cors",
    "Sec-Fetch-Site": "same-origin",
    "User-Agent":
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
    "Next-Action": id,
    "Next-Router-State-Tree": routerStateTree(form.pagePath),
    "sec-ch-ua": '"Not:A-Brand";v="8", "Chromium";v="156"',
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": '"Linux"',
    ...extra,
  };
}

/**
 * Posts the form's action with `values`; resolves with the HTTP answer (status, headers, raw body, ms).
 * `via`: send it to this address (a proxy in front of the app) while the browser headers still name `appUrl`.
 */
export function postAction({ appUrl, form, id, values, agent, headers, timeoutMs, via }) {
  const { contentType, body } = actionBody(form, values);
  return send({
    url: new URL(form.pagePath, via ?? appUrl).toString(),
    method: "POST",
    // Through `via`, the Host is still the public address the browser talked to.
    headers: actionHeaders({
      appUrl,
      form,
      id,
      contentType,
      extra: { ...(via ? { Host: new URL(appUrl).host } : {}), ...headers },
    }),
    body,
    agent,
    timeoutMs,
    raw: true,
  });
}

/** The answer's body as text, whatever compression the server chose. */
export function bodyText(res) {
  const enc = res.headers["content-encoding"];
  const buf = res.rawBody;
  if (enc === "gzip") return zlib.gunzipSync(buf).toString("utf8");
  if (enc === "deflate") return zlib.inflateSync(buf).toString("utf8");
  if (enc === "br") return zlib.brotliDecompressSync(buf).toString("utf8");
  return buf.toString("utf8");
}

/** The action's return value in the RSC answer ("0:{…"a":"$@1"…}" then "1:{…}"), or undefined. */
export function actionResult(text) {
  const root = /^0:(\{.*\})$/m.exec(text);
  if (!root) return undefined;
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(root[1]);
  if (!ref) return undefined;
  const row = new RegExp(`^${ref[1]}:(.*)$`, "m").exec(text);
  if (!row) return undefined;
  try {
    return JSON.parse(row[1]);
  } catch {
    return row[1];
  }
}

/** Whether an answer is the verification forms' one reply, { submitted: true }, bare or inside the form state. */
export function answeredSubmitted(text) {
  const result = actionResult(text);
  return JSON.stringify(result?.result ?? result) === '{"submitted":true}';
}

/** What a refused sign-in said: the action's `message`, or its form state's `error`. */
export function refusalMessage(text) {
  const result = actionResult(text);
  return result?.message ?? result?.error;
}
