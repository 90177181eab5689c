import "server-only";

export type SearchParams = Record<string, string | string[] | undefined>;

/** A page's query as plain strings (the first of a repeated parameter). */
export const firstValues = (params: SearchParams): Record<string, string> =>
  Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => {
      const first = Array.isArray(value) ? value[0] : value;
      return first === undefined ? [] : [[key, first]];
    }),
  );

/** `path?query` with `changes` applied (undefined removes a parameter). */
export const withQuery = (path: string, query: Record<string, string>, changes: Record<string, string | undefined>) => {
  const merged = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) if (value) merged.set(key, value);
  const text = merged.toString();
  return text ? `${path}?${text}` : path;
};
