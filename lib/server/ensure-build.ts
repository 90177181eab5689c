import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { copyVendorAssets } from "./vendor-assets";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.mjs",
  "tailwind.config.ts",
  "package.json",
];
const IGNORED = new Set([path.join(PROJECT_ROOT, "lib", "generated")]);

const newestMtime = (target: string): number => {
  if (IGNORED.has(target) || !fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), 0);
};

const run = (command: string, args: string[]) => {
  const bin = path.join(PROJECT_ROOT, "node_modules", ".bin", command);
  const result = spawnSync(bin, args, {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}).`);
};

/** Runs `next build` when there is no build yet or a source file is newer than it. */
export const ensureBuild = (log: (line: string) => void = console.log) => {
  copyVendorAssets(PROJECT_ROOT);
  if (!fs.existsSync(path.join(PROJECT_ROOT, "lib", "generated", "prisma"))) run("prisma", ["generate"]);
  // `next build` type-checks the tests too, and the typed client's test imports these types.
  if (!fs.existsSync(path.join(PROJECT_ROOT, "lib", "generated", "openapi.d.ts")))
    run("tsx", [
      "--import",
      path.join(PROJECT_ROOT, "lib", "server", "register-server-only.mjs"),
      path.join(PROJECT_ROOT, "lib", "openapi", "write-client-types.ts"),
    ]);
  const buildId = path.join(PROJECT_ROOT, ".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (builtAt > 0 && SOURCES.every((source) => newestMtime(path.join(PROJECT_ROOT, source)) <= builtAt)) return;
  log(builtAt ? "Sources changed since the last build: rebuilding…" : "Building the app (first start only)…");
  run("next", ["build"]);
};
