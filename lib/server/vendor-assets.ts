import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Browser bundles of packages that ship one, served from public/vendor/ as
// static files (gitignored, copied before a build): the API reference at
// /docs/api runs Scalar's standalone bundle under the pages' CSP, so it must
// come from our own origin. The copy keeps the package's file time, so it
// never makes a build look stale.

const require = createRequire(import.meta.url);

const ASSETS = [
  {
    from: () => path.join(path.dirname(require.resolve("@scalar/api-reference")), "browser", "standalone.js"),
    to: "vendor/scalar/standalone.js",
  },
];

export const copyVendorAssets = (projectRoot: string) => {
  for (const asset of ASSETS) {
    const from = asset.from();
    const to = path.join(projectRoot, "public", asset.to);
    const source = fs.statSync(from);
    const target = fs.existsSync(to) ? fs.statSync(to) : undefined;
    if (target && target.size === source.size && target.mtimeMs === source.mtimeMs) continue;
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    fs.utimesSync(to, source.atime, source.mtime);
  }
};
