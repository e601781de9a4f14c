// `npm run dev` listens on 127.0.0.1 only, unless HOST says otherwise (issue 11 point 13): the development
// mailbox shows live links, so the network must not reach it by accident. Starts the real dev server.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";

/** An address of this machine that is not loopback: what another computer on the network would connect to. */
function lanAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal);
  if (!found) throw new Error("This test needs a non-loopback IPv4 interface to connect to");
  return found.address;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(2000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });

async function startDev(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-dev-host-"));
  const child = spawn("npm", ["run", "dev", "--", "-p", String(port)], {
    cwd: path.resolve(__dirname, ".."),
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "development",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: path.join(path.basename(DIST), String(port)),
      PGLITE_DIR: path.join(dir, "pglite"),
      DATABASE_URL: "",
    },
    stdio: "ignore",
    detached: true,
  });
  child.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  // Listening is all we need: wait until either address answers or 60 s pass.
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if ((await connects("127.0.0.1", port)) || (await connects(lanAddress(), port))) return child;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("npm run dev did not start listening within 60 s");
}

const DIST = path.resolve(__dirname, "..", ".next-dev-host-test");

describe("npm run dev", () => {
  let child: ChildProcess | undefined;
  afterAll(() => rmSync(DIST, { recursive: true, force: true }));
  afterEach(async () => {
    if (child?.pid) {
      const exited = new Promise((r) => child!.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    child = undefined;
  });

  it("listens on 127.0.0.1 only: another computer on the network cannot connect", async () => {
    const port = await freePort();
    child = await startDev({ HOST: "" }, port);
    expect(await connects("127.0.0.1", port)).toBe(true);
    expect(await connects(lanAddress(), port)).toBe(false);
  }, 90_000);

  it("HOST=0.0.0.0 opens it to the network on purpose", async () => {
    const port = await freePort();
    child = await startDev({ HOST: "0.0.0.0" }, port);
    expect(await connects(lanAddress(), port)).toBe(true);
  }, 90_000);
});
