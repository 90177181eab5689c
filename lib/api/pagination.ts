// The answers of the three list styles (their queries and page fetching:
// lib/pagination.ts).

export const cursorList = <Item>(data: Item[], nextCursor: string | undefined) => ({
  data,
  has_more: nextCursor !== undefined,
  next_cursor: nextCursor ?? null,
});

/** RFC 8288 `Link: <…?limit=50&starting_after=…>; rel="next"`, kept on the public base URL. */
export const nextLinkHeader = (
  publicBaseUrl: string,
  requestUrl: string,
  limit: number,
  lastId: string | undefined,
) => {
  if (!lastId) return undefined;
  const url = new URL(requestUrl);
  const next = new URL(url.pathname, `${publicBaseUrl}/`);
  for (const [name, value] of url.searchParams) next.searchParams.set(name, value);
  next.searchParams.set("limit", String(limit));
  next.searchParams.set("starting_after", lastId);
  return `<${next.toString()}>; rel="next"`;
};

export const pageList = <Item>(data: Item[], page: number, limit: number, total: number) => ({
  data,
  page,
  limit,
  total,
});
