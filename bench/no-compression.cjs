// Measurement aid, never used by the app: preloaded with `node -r` into `next start`, it swaps Next's gzip
// middleware (next/dist/compiled/compression) for a pass-through, as `compress: false` would, so a run can
// show what compressing every answer costs without another build.
const Module = require("node:module");
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === "next/dist/compiled/compression") return () => (_req, _res, next) => next();
  return load.call(this, request, ...rest);
};
