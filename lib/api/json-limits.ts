// Limits on the shape of a JSON body, checked once after parsing, for every
// API and hosted endpoint: nesting deeper than any request of ours needs (a
// deep body made recursive code overflow its stack), and NUL characters in
// strings (PostgreSQL text cannot hold them, and no field of ours needs one).
// The walk is iterative, so the check itself has no recursion to overflow.

export const MAX_JSON_DEPTH = 32;

export type JsonProblem = { kind: "too_deep" | "nul_character"; path: string };

const pathOf = (segments: (string | number)[]) => segments.map(String).join(".");

/** The first problem found in a parsed JSON value, or undefined. */
export const findJsonProblem = (value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | undefined => {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as (typeof stack)[number];
    if (typeof current === "string") {
      if (current.includes("\u0000")) return { kind: "nul_character", path: pathOf(path) };
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    if (path.length >= maxDepth) return { kind: "too_deep", path: pathOf(path) };
    const entries: [string | number, unknown][] = Array.isArray(current)
      ? current.map((item, index) => [index, item])
      : Object.entries(current);
    for (const [key, item] of entries) {
      if (typeof key === "string" && key.includes("\u0000")) return { kind: "nul_character", path: pathOf(path) };
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return undefined;
};
