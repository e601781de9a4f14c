// PGlite loads its WASM from disk at run time, so it must not be bundled (Turbopack breaks its paths).
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
};

module.exports = nextConfig;
