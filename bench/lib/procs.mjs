// Child processes the bench starts, each stopped (SIGTERM, then SIGKILL) by its own pid when the run ends.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";

const children = new Set();

/**
 * Starts `command args` with its output in `logFile` (and on our own output too with `echo`); returns
 * { child, name, alive(), exited }.
 */
export function start(name, command, args, { env, logFile, cwd, echo = false } = {}) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  if (echo) {
    child.stdout.pipe(process.stdout, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
  }
  const proc = {
    name,
    child,
    logFile,
    exited: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal }))),
    alive: () => child.exitCode === null && child.signalCode === null,
  };
  children.add(proc);
  proc.exited.then(() => children.delete(proc));
  return proc;
}

/** Stops one started process (its whole process group: `next start` has workers of its own). */
export async function stop(proc, graceMs = 15_000) {
  if (!proc?.alive()) return;
  const signalGroup = (sig) => {
    try {
      process.kill(-proc.child.pid, sig);
    } catch {
      try {
        proc.child.kill(sig);
      } catch {
        // already gone
      }
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
  await proc.exited;
  clearTimeout(timer);
}

export async function stopAll() {
  await Promise.all([...children].map((p) => stop(p)));
}

/** Runs a command to completion; rejects on a non-zero exit. Output goes to `logFile` (and is echoed on failure). */
export function run(name, command, args, { env, logFile, cwd, timeoutMs = 15 * 60_000, echo = false } = {}) {
  const proc = start(name, command, args, { env, logFile, cwd, echo });
  const timer = setTimeout(() => stop(proc), timeoutMs);
  return proc.exited.then(({ code, signal }) => {
    clearTimeout(timer);
    if (code !== 0) throw new Error(`${name} failed (exit ${code ?? signal}); see ${logFile}`);
  });
}
