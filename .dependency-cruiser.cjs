// Import rules between the layers: app/ (pages and actions) -> lib/ (the rules) -> db/ (schema, migrations and
// every SQL statement). `npm run depcruise` checks them, and so does `npm test`: a backwards arrow fails the build.
// There is no exceptions file; each allowance is written into the rule it loosens, with its reason.

/** Tests, test helpers, scripts and the bench: they set up and inspect rows, so they may reach any layer. */
const TOOLING = [
  "\\.(test|spec)\\.tsx?$",
  "\\.check\\.ts$",
  "^test-kit/",
  "^e2e/",
  "^scripts/",
  "^bench/",
  "^(drizzle\\.config|playwright\\.config)\\.ts$",
  "^vitest\\.config\\.mts$",
];

module.exports = {
  forbidden: [
    {
      name: "db-not-to-lib-or-app",
      comment:
        "db/ is the data layer: schema, migrations, queries and the demo seed. It knows no rule and no page, so it " +
        "imports nothing from lib/ or app/; what it needs is passed in. Its tests may set rows up through lib/.",
      severity: "error",
      from: { path: "^db/", pathNot: TOOLING },
      to: { path: "^(lib|app)/" },
    },
    {
      name: "lib-not-to-app",
      comment: "lib/ holds the rules, called by pages, actions, scripts and tests alike: it knows nothing of app/.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^app/" },
    },
    {
      name: "sql-only-in-db",
      comment:
        "No SQL outside db/: only db/ may import the query builder (drizzle-orm), a database driver, the table " +
        "definitions (db/schema.ts) or the raw-row helpers (db/rows.ts). lib/ calls the typed functions of " +
        "db/queries and opens transactions (db.transaction); app/ reads through db/queries and writes through lib/.",
      severity: "error",
      from: { path: "^(app|lib)/|^(proxy|instrumentation)\\.ts$", pathNot: TOOLING },
      to: {
        path: ["^node_modules/(drizzle-orm|postgres|@electric-sql/pglite)/", "^db/(schema|rows|json-input)\\.ts$"],
      },
    },
    {
      name: "no-circular",
      comment:
        "A cycle means two modules cannot be understood or tested apart. Imports of types only are left out: they " +
        "vanish when compiled (an email template names the Practice type of the module that renders it).",
      severity: "error",
      from: { pathNot: TOOLING },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "^node_modules/" },
    exclude: { path: "^(\\.next|\\.data|bench/\\.work|test-results)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
