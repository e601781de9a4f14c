/**
 * Runs the fake Resend API as a standalone process, e.g. for Playwright:
 *   tsx scripts/fake-resend.ts --port 3100
 * Point the app at it with RESEND_BASE_URL=http://127.0.0.1:3100.
 */
import { startFakeResend } from "../test-kit/fake-resend";

function parsePort(argv: string[]): number {
  const i = argv.findIndex((a) => a === "--port" || a.startsWith("--port="));
  const raw =
    i === -1 ? process.env.FAKE_RESEND_PORT || "3100" : argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid port: ${String(raw)}`);
  }
  return port;
}

// No top-level await: without "type": "module" tsx may load this file as CommonJS.
async function main(): Promise<void> {
  const fake = await startFakeResend({ port: parsePort(process.argv.slice(2)) });
  console.log(`fake resend listening on ${fake.url}`);
  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((err: unknown) => {
  console.error(`fake resend failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
