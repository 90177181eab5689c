// The layers of lib/ and the ways between them (README "Architecture"),
// checked by `npm run lint:deps` in the tests' static phase: a wrong import
// fails CI. Type-only imports count too: a cycle of types is still a cycle
// for a reader.
const DOMAIN =
  "^lib/(card|crypto|wallet|webhooks|merchants|branding|payments|providers|checkout|reports|schemas|security)/";
const KERNEL = "^lib/[^/]+\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-folder-cycles",
      comment: "Folders form layers: no folder may reach back to one that reaches it.",
      severity: "error",
      scope: "folder",
      from: { path: "^(lib|app|components)/" },
      to: { circular: true },
    },
    {
      name: "no-module-cycles",
      severity: "error",
      from: { path: "^(lib|app|components)/" },
      to: { circular: true },
    },
    {
      name: "domain-speaks-no-http",
      comment: "The domain knows nothing of HTTP: lib/api maps its errors and shapes its answers.",
      severity: "error",
      from: { path: [DOMAIN, KERNEL] },
      to: { path: ["^lib/api/", "^lib/dashboard/", "^lib/server/", "^app/", "^components/", "^node_modules/next/"] },
    },
    {
      name: "kernel-stands-alone",
      comment:
        "lib/*.ts (errors, ids, money, scope…) is what every layer shares: it imports no layer but the catalogs.",
      severity: "error",
      from: { path: KERNEL },
      to: { path: "^lib/[^/]+/", pathNot: ["^lib/generated/", "^lib/i18n/"] },
    },
    {
      name: "i18n-stands-alone",
      comment: "lib/i18n (catalogs, locale rules) sits beside the kernel: it imports no layer, only the kernel.",
      severity: "error",
      from: { path: "^lib/i18n/" },
      to: { path: "^lib/[^/]+/", pathNot: "^lib/i18n/" },
    },
    {
      name: "schemas-below-the-domain",
      comment: "Schemas turn input into commands; the domain imports them, never the other way.",
      severity: "error",
      from: { path: "^lib/schemas/" },
      to: {
        path: "^lib/(card|crypto|wallet|webhooks|merchants|branding|payments|providers|checkout|reports|db|background)/",
      },
    },
    {
      name: "families-apart",
      comment: "The three checkout families do not use each other; shared code lives below them.",
      severity: "error",
      from: { path: "^lib/(card|crypto|wallet)/" },
      to: { path: "^lib/(card|crypto|wallet)/", pathNot: "^lib/$1/" },
    },
    {
      name: "pages-use-views",
      comment: "Components render view models; they never open the database or call the API layer.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: ["^lib/db/", "^lib/api/", "^lib/dashboard/", "^lib/server/", "^lib/generated/"] },
    },
    {
      name: "lib-never-imports-app",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: ["^app/", "^components/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^lib/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
