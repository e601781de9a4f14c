// Times the staff patient list's own queries (db/queries/patients.ts, exactly as app/admin/(staff)/page.tsx calls
// them) against one loaded database, and EXPLAINs the SQL text they sent. Spawned by bench/staff-list.mjs through
// `tsx --conditions=react-server`; reads its inputs from BENCH_INPUTS and writes BENCH_OUT (JSON).
import { readFileSync, writeFileSync } from "node:fs";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { countPatientsByStatus, listPatients, type Cursor } from "@/db/queries/patients";
import { parsePatientSearch } from "@/lib/patients/search";
import type { PortalStatusKind } from "@/lib/patients/portal-status";

const url = process.env.BENCH_DATABASE_URL!;
const inputs = JSON.parse(readFileSync(process.env.BENCH_INPUTS!, "utf8")) as {
  lastNames: string[];
  dobs: string[];
  emails: string[];
};
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
// A slow query on a big database stops sampling after this long (with at least 20 samples), so a run ends.
const KIND_SECONDS = Number(process.env.BENCH_KIND_SECONDS ?? 90);
const PAGE_SIZE = 25; // app/admin/(staff)/page.tsx

let captured: { query: string; params: unknown[] } | null = null;
let capturing = false;
const client = postgres(url, { max: 1, onnotice: () => {} });
const db = drizzle(client, {
  schema,
  logger: {
    logQuery(query, params) {
      if (capturing) captured = { query, params };
    },
  },
}) as unknown as Db;

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(arr: readonly T[]) => arr[Math.floor(random() * arr.length)];
const STATUSES: PortalStatusKind[] = ["inactive", "unactivated", "active"];
const now = new Date();
const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const mixedCase = (s: string) => (random() < 0.5 ? s.toUpperCase() : s);

type Kind = { name: string; input: () => string; run: (input: string) => Promise<number> };
// Each kind is one call the page makes; `run` returns how many patients matched or came back, for context.
const list = (q: string, status?: PortalStatusKind, after?: Cursor | null, before?: Cursor | null, limit = PAGE_SIZE) =>
  listPatients(db, { search: parsePatientSearch(q), status, after, before, limit, now });
const counts = async (q: string) => (await countPatientsByStatus(db, parsePatientSearch(q))).all;

// What staff type for a last name: the first 3 to 6 letters of a real patient's last name, lower case.
const prefixInput = () => {
  const name = pick(inputs.lastNames).toLowerCase();
  return name.slice(0, Math.min(name.length, 3 + Math.floor(random() * 4)));
};
const dobInput = () => usDate(pick(inputs.dobs));
const emailInput = () => mixedCase(pick(inputs.emails));

async function page50Inputs(): Promise<
  { label: string; status?: PortalStatusKind; after?: Cursor; before?: Cursor }[]
> {
  // Page 50 with no filter and with each status filter, asked for forwards (after page 49's last row) and
  // backwards (before page 51's first row). Pages 1–49 are read in one call of 49 × 25 rows: the same cursor
  // "Next page" would have carried after 49 clicks, without 49 slow queries on an unfixed 1M database.
  const out = [];
  for (const status of [undefined, ...STATUSES]) {
    const page = await list("", status, null, null, 49 * PAGE_SIZE);
    const after = page.next;
    if (!after) continue;
    const p50 = await list("", status, after);
    if (!p50.next) continue;
    const p51 = await list("", status, p50.next);
    out.push({ label: status ?? "all", status, after });
    if (p51.prev) out.push({ label: `${status ?? "all"} (back)`, status, before: p51.prev });
  }
  return out;
}

async function explainRun(kind: Kind, input: string) {
  capturing = true;
  await kind.run(input);
  capturing = false;
  const got = captured as { query: string; params: unknown[] } | null;
  captured = null;
  if (!got) return { input, plan: "" };
  const plan = await client.unsafe(`explain (analyze, buffers) ${got.query}`, got.params as never[]);
  return { input, sql: got.query, params: got.params, plan: plan.map((r) => r["QUERY PLAN"]).join("\n") };
}

async function main() {
  const pages = await page50Inputs();
  const kinds: Kind[] = [
    { name: "list: last-name prefix", input: prefixInput, run: async (q) => (await list(q)).rows.length },
    { name: "counts: last-name prefix", input: prefixInput, run: counts },
    { name: "list: date of birth", input: dobInput, run: async (q) => (await list(q)).rows.length },
    { name: "counts: date of birth", input: dobInput, run: counts },
    { name: "list: email", input: emailInput, run: async (q) => (await list(q)).rows.length },
    { name: "counts: email", input: emailInput, run: counts },
    { name: "list: first page, no search", input: () => "", run: async (q) => (await list(q)).rows.length },
    {
      name: "list: status filter",
      input: () => pick(STATUSES),
      run: async (s) => (await list("", s as PortalStatusKind)).rows.length,
    },
    {
      name: "list: status filter + prefix",
      input: () => `${pick(STATUSES)}|${prefixInput()}`,
      run: async (x) => {
        const [s, q] = x.split("|");
        return (await list(q, s as PortalStatusKind)).rows.length;
      },
    },
    { name: "counts: all patients", input: () => "", run: counts },
    {
      name: "list: page 50 (keyset)",
      input: () => String(Math.floor(random() * pages.length)),
      run: async (i) => {
        const p = pages[Number(i)];
        return (await list("", p.status, p.after ?? null, p.before ?? null)).rows.length;
      },
    },
  ];

  const results = [];
  for (const kind of kinds) {
    const started = performance.now();
    for (let i = 0; i < WARMUP && (i < 5 || performance.now() - started < KIND_SECONDS * 100); i++)
      await kind.run(kind.input());
    const ms: number[] = [];
    const matched: number[] = [];
    const inputsUsed: string[] = [];
    const sampling = performance.now();
    for (let i = 0; i < SAMPLES && (i < 20 || performance.now() - sampling < KIND_SECONDS * 1000); i++) {
      const input = kind.input();
      inputsUsed.push(input);
      const t0 = performance.now();
      matched.push(await kind.run(input));
      ms.push(performance.now() - t0);
    }
    const slowest = ms
      .map((t, i) => ({ ms: Math.round(t * 10) / 10, input: inputsUsed[i], matched: matched[i] }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3);
    // One more sample, and the slowest sample's input again, each SQL captured and explained with the very text
    // and parameters the function sent: the typical plan and the one behind the p95.
    const explain = await explainRun(kind, kind.input());
    const explainSlowest = slowest[0] ? await explainRun(kind, slowest[0].input) : null;
    results.push({ name: kind.name, ms, matched, slowest, explain, explainSlowest });
    console.log(`${kind.name}: done`);
  }
  writeFileSync(process.env.BENCH_OUT!, JSON.stringify({ pages: pages.map((p) => p.label), results }));
}

main()
  .then(() => client.end({ timeout: 5 }))
  .catch(async (e) => {
    console.error(e);
    await client.end({ timeout: 5 });
    process.exit(1);
  });
