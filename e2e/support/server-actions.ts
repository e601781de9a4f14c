// Calling server actions by hand, the way a script (not our pages) would: every action id the build knows
// about, read from Next's own manifest, posted with the headers and body encoding React's client uses.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";

export type ServerAction = {
  id: string;
  /** e.g. "app/admin/(staff)/patients/[id]/actions.ts" */
  file: string;
  exportedName: string;
  /** Route workers (pages) that bundle the action, e.g. "app/admin/(staff)/patients/[id]/page". */
  workers: string[];
  /** "file#export": how allowlists and expectations name an action. */
  key: string;
};

export function distDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

/** Every server action of the production build the e2e server runs (`<distDir>/server/server-reference-manifest.json`). */
export function readServerActions(root = process.cwd()): ServerAction[] {
  const file = path.join(root, distDir(), "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
    edge: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  const all = { ...manifest.node, ...manifest.edge };
  return Object.entries(all)
    .map(([id, entry]) => {
      const file = entry.filename ?? "(unknown file)";
      const exportedName = entry.exportedName ?? "(unknown export)";
      return { id, file, exportedName, workers: Object.keys(entry.workers), key: `${file}#${exportedName}` };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The page path a worker serves: "app/admin/(staff)/patients/[id]/page" -> "/admin/patients/<id>". Route groups
 * vanish; dynamic segments take `params[name]`, or a well-formed id that matches nothing.
 */
export function pathForWorker(worker: string, params: Record<string, string> = {}): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => {
      const m = /^\[\.{0,3}([^\]]+)\]$/.exec(s);
      return m ? (params[m[1]] ?? "00000000-0000-4000-8000-000000000000") : s;
    });
  return `/${segments.join("/")}`;
}

/**
 * How many arguments the action's function declares, from the first byte of its id: Next encodes there which
 * arguments the function reads (bits 6..1, argument 0 first) and whether it has a rest parameter (bit 0).
 */
export function declaredArgs(id: string): number {
  const byte = parseInt(id.slice(0, 2), 16);
  const mask = (byte >> 1) & 0x3f;
  const rest = byte & 1;
  if (rest) return 6;
  let n = 0;
  for (let i = 0; i < 6; i++) if (mask & (1 << (5 - i))) n = i + 1;
  return n;
}

export type ActionFields = Record<string, string | string[]>;

/**
 * The request body React's client sends for an action called with `(prevState, formData)` or `(formData)`:
 * multipart entries "_1_<name>" for the FormData, then "0", the argument list, last (the server reads the
 * entries in order). An action that takes no arguments gets the text/plain body "[]".
 */
export function actionBody(id: string, fields: ActionFields): { contentType: string; body: string | Buffer } {
  const n = declaredArgs(id);
  if (n === 0) return { contentType: "text/plain;charset=UTF-8", body: "[]" };
  const args = n === 1 ? ["$K1"] : [{}, "$K1"];
  const boundary = `----e2eActionBoundary${Math.random().toString(16).slice(2)}`;
  const parts: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="_1_${name}"\r\n\r\n${v}\r\n`);
    }
  }
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n${JSON.stringify(args)}\r\n`);
  parts.push(`--${boundary}--\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(parts.join(""), "utf8") };
}

export type ActionCall = { status: number; headers: Record<string, string>; body: string; redirect: string | null };

/** POSTs one action as a fetch-style call (Next-Action header) to `path`, with a same-origin Origin by default. */
export async function callAction(
  request: APIRequestContext,
  opts: { baseURL: string; path: string; id: string; fields?: ActionFields; headers?: Record<string, string> },
): Promise<ActionCall> {
  const { contentType, body } = actionBody(opts.id, opts.fields ?? {});
  const res: APIResponse = await request.post(new URL(opts.path, opts.baseURL).toString(), {
    headers: {
      "Next-Action": opts.id,
      Origin: new URL(opts.baseURL).origin,
      Accept: "text/x-component",
      "Content-Type": contentType,
      ...opts.headers,
    },
    data: body,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const headers = res.headers();
  return { status: res.status(), headers, body: await res.text(), redirect: redirectOf(headers) };
}

/**
 * Where a refused action sends the caller. `redirect()` inside a fetch-style action answers 200 (or 303) with
 * `x-action-redirect: <path>;<push|replace>` and the target page's RSC payload; a plain 303 has a Location.
 */
export function redirectOf(headers: Record<string, string>): string | null {
  const x = headers["x-action-redirect"];
  if (x) return x.split(";")[0];
  if (headers["location"]) return headers["location"];
  return null;
}

/** The action's own return value in a fetch-style answer ("1:{...}" after "0:{"a":"$@1",...}"), when there is one. */
export function actionResult(call: ActionCall): unknown {
  const root = /^0:(\{.*\})$/m.exec(call.body);
  if (!root) return undefined;
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(root[1]);
  if (!ref) return undefined;
  const row = new RegExp(`^${ref[1]}:(.*)$`, "m").exec(call.body);
  if (!row) return undefined;
  try {
    return JSON.parse(row[1]);
  } catch {
    return row[1];
  }
}

/** Asserts the call was turned away to one of `to` (paths, compared without their query unless given). */
export function expectRedirectedTo(call: ActionCall, to: string[], what: string) {
  const target =
    call.redirect === null
      ? null
      : new URL(call.redirect, "http://x").pathname + new URL(call.redirect, "http://x").search;
  const ok = target !== null && to.some((t) => (t.includes("?") ? target === t : target.split("?")[0] === t));
  expect(
    ok,
    `${what}: expected a redirect to ${to.join(" or ")}, got status ${call.status}, redirect ${call.redirect ?? "none"}, body ${call.body.slice(0, 300)}`,
  ).toBe(true);
}
