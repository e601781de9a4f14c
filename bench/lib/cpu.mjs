// CPU time a process has used (user + system, all threads), from /proc: a figure that other engineers' load
// on the machine disturbs much less than wall-clock throughput does. Linux only; null elsewhere.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let ticks;
function clockTicks() {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** Milliseconds of CPU used so far by `pid`, or null when it cannot be read. */
export function processCpuMs(pid) {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return null;
  }
}

/** Of `processCpuMs`, the milliseconds spent in the kernel (system calls, network), or null. */
export function processSystemCpuMs(pid) {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[12]) * 1000) / clockTicks();
  } catch {
    return null;
  }
}

/** Each thread of `pid` with its name ("main" for the process's own) and the milliseconds of CPU it has used. */
function readThreads(pid) {
  const threads = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread ended between the listing and the read
    }
    const name = String(tid) === String(pid) ? "main" : stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    threads.push({ tid, name, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks() });
  }
  return threads;
}

/**
 * Milliseconds of CPU used so far by each kind of thread of `pid`, keyed by the thread's name ("main" for the
 * process's own thread; V8's helpers are "V8 DefaultWorke", libuv's pool "libuv-worker"; Node 20 names neither,
 * so both read "node"), or null when it cannot be read. Shows how much of a request's CPU runs beside the
 * JavaScript thread. With `eachThread`, every thread is its own key ("name tid"), for telling a thread that hashes
 * from one that collects garbage when their names are the same.
 */
export function threadCpuMs(pid, { eachThread = false } = {}) {
  if (!pid) return null;
  try {
    const byName = {};
    for (const t of readThreads(pid)) {
      const key = eachThread && t.name !== "main" ? `${t.name} ${t.tid}` : t.name;
      byName[key] = (byName[key] ?? 0) + t.ms;
    }
    return byName;
  } catch {
    return null;
  }
}

/** The CPU each kind of thread used between two `threadCpuMs` readings (threads that ended are not counted). */
export function threadCpuDelta(before, after) {
  if (!before || !after) return null;
  return Object.fromEntries(Object.entries(after).map(([name, ms]) => [name, ms - (before[name] ?? 0)]));
}

/**
 * Splits a per-thread CPU delta (`threadCpuDelta` of `threadCpuMs(pid, { eachThread: true })`) over `requests` into
 * the threads that hashed and the rest. A hashing thread is one of the pool's: not the main thread, and at least
 * `minMsEach` of CPU per request. On a sign-in load the pool's threads take tens of milliseconds each per sign-in and
 * V8's helpers well under one, so the line between them is wide; Node 20 gives both the same name.
 */
export function splitHashingThreads(delta, requests, minMsEach = 5) {
  let hashingMs = 0;
  let otherMs = 0;
  let hashingThreads = 0;
  for (const [name, ms] of Object.entries(delta ?? {})) {
    const each = ms / requests;
    if (name !== "main" && each >= minMsEach) {
      hashingMs += each;
      hashingThreads++;
    } else otherMs += each;
  }
  return { hashingMs, otherMs, hashingThreads, mainMs: (delta?.main ?? 0) / requests };
}
