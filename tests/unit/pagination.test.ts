import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cursorList, nextLinkHeader, pageList } from "@/lib/api/pagination";
import { arrayListQuery, cursorListQuery, fetchPage, pageListQuery } from "@/lib/pagination";

const rows = ["r5", "r4", "r3", "r2", "r1"].map((id) => ({ id }));
const fetchRows = async ({ take, before }: { take: number; before?: string }) =>
  rows.filter((row) => !before || row.id < before).slice(0, take);

describe("list helpers", () => {
  test("fetchPage walks pages by cursor, newest first, each row once", async () => {
    const first = await fetchPage(2, undefined, fetchRows);
    assert.deepEqual(
      first.data.map((row) => row.id),
      ["r5", "r4"],
    );
    assert.equal(first.lastId, "r4");
    const last = await fetchPage(2, "r2", fetchRows);
    assert.deepEqual(
      last.data.map((row) => row.id),
      ["r1"],
    );
    assert.equal(last.hasMore, false);
    assert.deepEqual(cursorList(last.data, last.lastId), { data: [{ id: "r1" }], has_more: false, next_cursor: null });
  });

  test("query defaults and bounds of the three dialects", () => {
    assert.deepEqual(cursorListQuery.parse({}), { limit: 10 });
    assert.deepEqual(arrayListQuery.parse({}), { limit: 50 });
    assert.deepEqual(pageListQuery.parse({}), { page: 1, limit: 20 });
    for (const limit of ["0", "101", "1.5", "x"])
      assert.equal(cursorListQuery.safeParse({ limit }).success, false, limit);
    assert.equal(pageListQuery.safeParse({ page: "0" }).success, false);
  });

  test("RFC 8288 next link on the public base URL, keeping other filters", () => {
    const link = nextLinkHeader(
      "https://pay.example.com",
      "http://10.0.0.1:3000/api/v1/checkout?status=open",
      50,
      "ck_9",
    );
    assert.equal(
      link,
      '<https://pay.example.com/api/v1/checkout?status=open&limit=50&starting_after=ck_9>; rel="next"',
    );
    assert.equal(nextLinkHeader("https://pay.example.com", "http://x/api", 50, undefined), undefined);
    assert.deepEqual(pageList([1], 2, 1, 7), { data: [1], page: 2, limit: 1, total: 7 });
  });
});
