// `npm run dev`: Next's development server on this machine only (127.0.0.1) unless HOST says otherwise. The
// development mailbox shows live setup and reset links, so a dev server must not be reachable from the network
// by accident. Extra arguments pass through (npm run dev -- -p 4000).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
const host = process.env.HOST?.trim() || "127.0.0.1";
const child = spawn(process.execPath, [next, "dev", "--hostname", host, ...process.argv.slice(2)], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
