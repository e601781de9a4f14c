import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Outside Next the "server-only" guard would throw; tests are server code anyway.
      "server-only": path.join(root, "test-kit/empty-module.ts"),
    },
  },
  test: {
    include: ["{app,lib,db,test-kit,scripts}/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // PGlite instances are heavy on 2 cores: a few files at a time.
    maxWorkers: 2,
    env: { NODE_ENV: "test", AUTH_SECRET: "test-secret-test-secret-test-secret-0123", APP_URL: "http://portal.test" },
  },
});
