import { z } from "zod";

// What a list asks for, in the three list styles of the dialects we speak
// (README "The API conventions"), and how one page is fetched. Ids sort by
// creation time, so "newest first" is `ORDER BY id DESC` and a cursor is an
// id. The shapes of the answers are HTTP's business: lib/api/pagination.ts.

const limitParam = (fallback: number) => z.coerce.number().int().min(1).max(100).default(fallback);
const idParam = z.string().min(1).max(100);

/** Wallet dialect: `?limit&cursor` → `{data, has_more, next_cursor}`. */
export const cursorListQuery = z.object({ limit: limitParam(10), cursor: idParam.optional() });

/** Crypto dialect: `?limit&starting_after` → a bare array, next page in a `Link` header. */
export const arrayListQuery = z.object({ limit: limitParam(50), starting_after: idParam.optional() });

/** Card dialect: `?page&limit` → `{data, page, limit, total}`. */
export const pageListQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: limitParam(20),
});

type Fetch<Row> = (args: { take: number; before?: string }) => Promise<Row[]>;

/** Fetches one row more than asked, to know whether another page exists. */
export const fetchPage = async <Row extends { id: string }>(
  limit: number,
  before: string | undefined,
  fetch: Fetch<Row>,
) => {
  const rows = await fetch({ take: limit + 1, before });
  const data = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return { data, hasMore, lastId: hasMore ? data[data.length - 1]?.id : undefined };
};
