import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
export const resendPort = Number(process.env.E2E_RESEND_PORT ?? 3211);

// A Chromium we can find, or a clear failure: never a silent skip.
function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright's own browser is not installed
  }
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the end-to-end tests. Install one (Debian: apt-get install -y chromium) " +
        "or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  return found;
}

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    // A host name (passkeys refuse an IP address as RP ID); scripts/e2e-server.mjs sets APP_URL to the same.
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findChromium(),
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, grep: /@phone/ },
    // After every journey: the server's output holds none of the tokens emailed or passwords typed meanwhile.
    { name: "log-scan", testMatch: /log-scan\.check\.ts/, dependencies: ["desktop", "phone"] },
  ],
  webServer: [
    {
      command: `node node_modules/tsx/dist/cli.mjs scripts/fake-resend.ts --port ${resendPort}`,
      url: `http://127.0.0.1:${resendPort}/_fake/messages`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/e2e-server.mjs",
      url: `http://127.0.0.1:${port}/admin/login`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    },
  ],
});
