// CPU time a process has used (user + system, all threads), from /proc: a figure that other engineers' load
// on the machine disturbs much less than wall-clock throughput does. Linux only; null elsewhere.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

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
