// A form's door for pages with JavaScript: a route handler that runs the form's formAction-made function (the
// same one its server action runs, for pages without JavaScript) and answers its FormState as JSON. A server
// action answers with React's payload and, when it sets a cookie or redirects, a page rendered into it; this
// answer is the state alone (bench/RESULTS.md measures what that saves). The page posts here with
// app/_components/use-form-route.ts.
//
// The proxy leaves these routes alone (its matcher), so the guards it runs for pages and actions run here, the
// same functions: a post from another site or addressed to another host is refused, and so is a body over the
// 1 MB an action takes, whether or not it said its length. Nothing else of the proxy's applies to a JSON answer.
import "server-only";
import { getConfig } from "@/lib/config";
import { refuseForeignRequest } from "@/lib/http/refuse-foreign-request";
import { MAX_BODY_BYTES, refuseHostileRequest, tooLarge } from "@/lib/http/refuse-hostile-request";
import { HSTS } from "@/lib/http/security-headers";
import type { FormState } from "./form-state";

export function formRoute<S extends FormState<string, unknown>>(
  run: (prev?: S, form?: FormData) => Promise<S>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const { APP_URL } = getConfig();
    const refused = refuseHostileRequest(request) ?? refuseForeignRequest(request, APP_URL);
    if (refused) return refused;
    const form = await readForm(request);
    if (form === "too large") return tooLarge(new URL(request.url));
    // no-transform: Next compresses what it answers unless told not to, and for a few hundred bytes gzip costs
    // more CPU than it saves on the wire.
    const headers: Record<string, string> = { "Cache-Control": "no-store, no-transform" };
    if (APP_URL.startsWith("https:")) headers["Strict-Transport-Security"] = HSTS;
    return Response.json(await run(undefined, form), { headers });
  };
}

/**
 * The posted form; a body that is not a form reads as an empty one, and is refused by the form's own checks. A
 * declared length was checked above, and Node's parser reads no byte past it; a body sent without one (chunked)
 * is counted as it comes.
 */
async function readForm(request: Request): Promise<FormData | undefined | "too large"> {
  if (request.headers.has("content-length")) return request.formData().catch(() => undefined);
  const body = await readAtMost(request, MAX_BODY_BYTES);
  if (body === "too large") return body;
  return new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } })
    .formData()
    .catch(() => undefined);
}

/** The body's bytes, or "too large" as soon as more than `limit` have come. */
async function readAtMost(request: Request, limit: number): Promise<Blob | "too large"> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for await (const chunk of (request.body ?? []) as unknown as AsyncIterable<Uint8Array<ArrayBuffer>>) {
    size += chunk.byteLength;
    if (size > limit) return "too large";
    chunks.push(chunk);
  }
  return new Blob(chunks);
}
