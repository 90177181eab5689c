import fs from "node:fs";
import path from "node:path";

// The route a request reached, as its file names it under app/
// (`/v1/checkout_sessions/[id]`): the label of its log line and its metrics,
// so that ids and secrets in paths never become labels. Read once from app/
// at startup, matched the way Next matches: static segments before dynamic
// ones, catch-alls last.

type Pattern = { label: string; segments: string[] };

const ROUTE_FILE = /^(route|page)\.(ts|tsx|js|jsx|mjs)$/;

const isDynamic = (segment: string) => segment.startsWith("[");
const isCatchAll = (segment: string) => segment.startsWith("[...") || segment.startsWith("[[...");

/** Every route and page under `appDir`, most specific first. */
export const readRoutePatterns = (appDir: string): Pattern[] => {
  const patterns: Pattern[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // Route groups `(x)` and private folders `_x` add no URL segment / no route.
        if (entry.name.startsWith("_")) continue;
        const next = entry.name.startsWith("(") ? segments : [...segments, entry.name];
        walk(path.join(dir, entry.name), next);
      } else if (ROUTE_FILE.test(entry.name)) {
        patterns.push({ label: `/${segments.join("/")}`, segments });
      }
    }
  };
  walk(appDir, []);
  const rank = (segment: string) => (isCatchAll(segment) ? 2 : isDynamic(segment) ? 1 : 0);
  return patterns.sort((a, b) => {
    for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
      const [x, y] = [a.segments[i], b.segments[i]];
      if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
      if (rank(x) !== rank(y)) return rank(x) - rank(y);
      if (rank(x) === 0 && x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
};

const matches = (pattern: string[], path: string[]): boolean => {
  if (pattern.length === 0) return path.length === 0;
  const [head, ...rest] = pattern;
  if (head.startsWith("[[...")) return true;
  if (head.startsWith("[...")) return path.length > 0;
  if (path.length === 0) return false;
  if (!isDynamic(head) && head !== path[0]) return false;
  return matches(rest, path.slice(1));
};

/** The label of `pathname`: its route's pattern, `/_next` for Next's own files, or `unmatched`. */
export const routeLabel = (patterns: Pattern[], pathname: string): string => {
  if (pathname.startsWith("/_next/")) return "/_next";
  const segments = pathname.split("/").filter(Boolean);
  return patterns.find((pattern) => matches(pattern.segments, segments))?.label ?? "unmatched";
};
