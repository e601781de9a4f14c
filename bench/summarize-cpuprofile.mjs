// Summarises a V8 .cpuprofile (node --cpu-prof): self time by package and by function, and inclusive ("total")
// time for functions, as shares of busy (non-idle) time and, given the number of requests it covered, as ms per
// request. --last=MS keeps only the samples of the profile's last MS milliseconds (the profiling load, without
// start-up and warm-up).
//   node bench/summarize-cpuprofile.mjs FILE [requests] [top=40] [--match=REGEX for inclusive time] [--last=MS]
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

const [file, requestsArg, topArg] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const match = process.argv.find((a) => a.startsWith("--match="))?.slice("--match=".length);
const requests = Number(requestsArg) || 0;
const lastMs = Number(process.argv.find((a) => a.startsWith("--last="))?.slice("--last=".length)) || 0;
const TOP = Number(topArg) || 40;
const prof = JSON.parse(readFileSync(file, "utf8"));

const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the samples and their time deltas.
const self = new Map();
const from = lastMs ? prof.endTime - lastMs * 1000 : -Infinity;
let t = prof.startTime;
for (let i = 0; i < prof.samples.length; i++) {
  t += prof.timeDeltas[i] ?? 0;
  if (t < from) continue;
  self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
}

// Bundled chunks (Turbopack writes a .map beside each) are mapped back to their original file and line, so a
// minified name in a chunk is reported as, say, "node_modules/@auth/core/lib/actions/session.js:26".
const maps = new Map();
function original(callFrame) {
  const { url, lineNumber, columnNumber } = callFrame;
  if (!url?.startsWith("file://") || !url.includes("/chunks/")) return null;
  if (!maps.has(url)) {
    const file = `${fileURLToPath(url)}.map`;
    let map = null;
    try {
      if (existsSync(file)) map = new SourceMap(JSON.parse(readFileSync(file, "utf8")));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  const map = maps.get(url);
  const e = map?.findEntry(lineNumber, columnNumber);
  if (!e?.originalSource) return null;
  const src = decodeURIComponent(e.originalSource)
    .replace(/^(\.\.\/)+/, "")
    .replace(/^turbopack:\/\/\/(\[project\]\/)?/, "");
  return { src, line: e.originalLine + 1 };
}

const pkgOfSource = (src) => {
  const nm = src.lastIndexOf("node_modules/");
  if (nm < 0) return `app: ${src.split("/").slice(0, 2).join("/")}`;
  const rest = src.slice(nm + 13).split("/");
  const name = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  if (name === "next") {
    const i = rest.indexOf("compiled");
    if (i >= 0) return `next/compiled/${rest[i + 1]}`;
    return `next/${rest.slice(rest[1] === "dist" ? 2 : 1, rest[1] === "dist" ? 4 : 3).join("/")}`;
  }
  return name;
};

const pkgOfFrame = (callFrame) => {
  const o = original(callFrame);
  return o ? `(bundled) ${pkgOfSource(o.src)}` : pkgOf(callFrame.url);
};

const pkgOf = (url) => {
  if (!url) return "(native/vm)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    const name = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    if (name === "next") {
      // next/dist/compiled/<pkg> is a bundled third party; split next's own server by folder.
      const i = rest.indexOf("compiled");
      if (i >= 0) return `next/compiled/${rest[i + 1]}`;
      return `next/${rest.slice(2, 4).join("/")}`;
    }
    return name;
  }
  if (url.startsWith("node:")) return url;
  if (url.includes("/chunks/")) return `app chunk ${url.split("/chunks/")[1]}`;
  return url.replace(/^file:\/\//, "");
};
const fnKey = (n) => {
  const o = original(n.callFrame);
  if (o) return `${n.callFrame.functionName || "(anonymous)"} ${o.src}:${o.line}`;
  return `${n.callFrame.functionName || "(anonymous)"} ${pkgOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
};

let busy = 0;
let idle = 0;
const byPkg = new Map();
const byFn = new Map();
for (const [id, ms] of self) {
  const n = nodes.get(id);
  const name = n.callFrame.functionName;
  if (name === "(idle)" || name === "(program)") {
    if (name === "(idle)") idle += ms;
    else busy += ms;
    if (name === "(idle)") continue;
  } else busy += ms;
  const pkg = name === "(garbage collector)" ? "(gc)" : name === "(program)" ? "(program)" : pkgOfFrame(n.callFrame);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + ms);
  byFn.set(fnKey(n), (byFn.get(fnKey(n)) ?? 0) + ms);
}

// Inclusive time per function: each sample counts once for every distinct function on its stack.
const total = new Map();
for (const [id, ms] of self) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const n = nodes.get(cur);
    if (n.callFrame.functionName === "(idle)" || n.callFrame.functionName === "(root)") continue;
    const k = fnKey(n);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + ms);
  }
}

const per = (ms) => (requests ? `${(ms / requests).toFixed(3).padStart(7)} ms/req` : "");
const pct = (ms) => `${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
const show = (title, map, top = TOP) => {
  console.log(`\n== ${title} ==`);
  for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(ms)} ${per(ms)}  ${k}`);
};
console.log(
  `${file}: busy ${busy.toFixed(0)} ms, idle ${idle.toFixed(0)} ms${requests ? `, ${requests} requests: ${(busy / requests).toFixed(2)} ms busy per request` : ""}`,
);
show("self time by package", byPkg, 30);
show("self time by function", byFn);
show("inclusive time by function", match ? new Map([...total].filter(([k]) => new RegExp(match).test(k))) : total, TOP);
