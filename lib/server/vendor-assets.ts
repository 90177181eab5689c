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
    // utimes keeps whole milliseconds: compare those.
    if (target && target.size === source.size && Math.trunc(target.mtimeMs) === Math.trunc(source.mtimeMs)) continue;
    // Through a temporary file, so a server serving the old copy never reads half of the new one.
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const temporary = `${to}.${process.pid}.tmp`;
    fs.copyFileSync(from, temporary);
    fs.utimesSync(temporary, source.atime, source.mtime);
    fs.renameSync(temporary, to);
  }
};
