// PGlite loads its WASM from disk at run time, and React Email renders with react-dom/server in the worker:
// both stay outside the bundle.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

// Emailed-link pages: the proxy has already moved the token out of the address (lib/http/link-landing.ts).
// Same-origin referrers only, so the form's POST still carries a real Origin; never cached.
const tokenPageHeaders = [
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Cache-Control", value: "no-store" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "@react-email/render", "@react-email/components"],
  poweredByHeader: false,
  // Lets two builds (say, two test runs) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/setup-account", headers: tokenPageHeaders },
      { source: "/reset-password", headers: tokenPageHeaders },
      { source: "/staff-setup", headers: tokenPageHeaders },
      { source: "/second-step-recovery", headers: tokenPageHeaders },
    ];
  },
};

// next-intl reads its per-request configuration (the proxy's language and its messages) from lib/i18n/request.ts.
// Its messages are compiled when the app is built, so browsers get no ICU parser: first-load JavaScript of a
// patient page stays within its budget (bench/RESULTS.md).
const withNextIntl = require("next-intl/plugin")({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

module.exports = withNextIntl(nextConfig);
