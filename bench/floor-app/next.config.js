// The floor: the smallest Next.js app that answers a server action the way /register does (same form fields,
// same useActionState wiring, same {"submitted":true}), for Next's own cost per action on this machine, and the
// same work in a route handler (app/send/route.js) as our form routes answer.
// Built and started by bench/profile-create-account.mjs ("floor:<dist dir>") and, FLOOR_MODE=sql, by
// bench/run.mjs for the throughput phases (bench/lib/peer.mjs).
const path = require("node:path");

/** @type {import('next').NextConfig} */
module.exports = {
  poweredByHeader: false,
  distDir: process.env.NEXT_DIST_DIR || ".next",
  turbopack: { root: path.resolve(__dirname, "../..") },
  serverExternalPackages: ["postgres"],
  // Our app sends form answers (an action's, a form route's) uncompressed (proxy.ts); the floor's are the only
  // answers measured, so it sends nothing compressed, for the same work per answer.
  compress: false,
};
