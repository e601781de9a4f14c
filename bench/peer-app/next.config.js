// The peer: Better Auth mounted in Next.js the way its documentation does it, what a Next team would pick instead
// of us. Built and started only by the bench (bench/lib/peer.mjs). Both roots are this folder, so the build and
// the server use this folder's own node_modules (its locked next, react and better-auth), not the product's.
const path = require("node:path");

/** @type {import('next').NextConfig} */
module.exports = {
  poweredByHeader: false,
  distDir: process.env.NEXT_DIST_DIR || ".next",
  turbopack: { root: path.resolve(__dirname) },
  outputFileTracingRoot: path.resolve(__dirname),
};
