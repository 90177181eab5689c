import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Db, sqlPoolOf } from "./client";

// The API's hottest reads (a session by id, a list page) as prepared statements on the requests pool, beside
// Prisma: a query through Prisma costs about 0.5 ms of CPU, a prepared one under 0.05 ms (README
// "Performance"). The rows are Prisma's own: every scalar field of the model under its field name, with
// Prisma's types (bigint, Decimal, Date), so the code that turns them into answers is the same. A test reads
// each of them beside Prisma's findFirst and compares (tests/api/prepared-rows.test.ts).

/** A model's scalar fields, as Prisma lists them (`Prisma.<Model>ScalarFieldEnum`). */
type ScalarFields = Record<string, string>;

// Every column is the snake_case of its field (the schema's @map convention).
const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const INT8 = 20;
const NUMERIC = 1700;

/** Prisma's types for what `pg` leaves as strings; timestamptz, json and arrays are already Date, objects, arrays. */
const PRISMA_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === NUMERIC) return (value: string) => new Prisma.Decimal(value);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * A prepared `SELECT <every field of the model> FROM <from>`: `from` names the table and says which rows
 * (`card_sessions WHERE id = $1 …`). Parameters are `$1…` of `values`; an enum needs its cast (`$2::"Mode"`).
 * `enumArrays` names the fields that are arrays of an enum: `pg` knows no parser for them, so they are read
 * as text[].
 */
export const preparedRows = <Row>(
  name: string,
  fields: ScalarFields,
  from: string,
  { enumArrays = [] }: { enumArrays?: string[] } = {},
) => {
  const select = Object.values(fields)
    .map((field) => `${columnOf(field)}${enumArrays.includes(field) ? "::text[]" : ""} AS "${field}"`)
    .join(", ");
  const text = `SELECT ${select} FROM ${from}`;
  return async (db: Db, values: unknown[]): Promise<Row[]> =>
    (await sqlPoolOf(db).query<Row & pg.QueryResultRow>({ name, text, values, types: PRISMA_TYPES })).rows;
};

/** Rows grouped by one of their fields, each group in the rows' order. */
export const groupBy = <Row, Key extends keyof Row>(rows: Row[], key: Key): Map<Row[Key], Row[]> => {
  const groups = new Map<Row[Key], Row[]>();
  for (const row of rows) {
    const group = groups.get(row[key]);
    if (group) group.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
};
