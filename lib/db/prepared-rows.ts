import { createHash } from "node:crypto";
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Db, sqlPoolOf } from "./client";

// The API's hottest statements (a session by id, a list page, a session's create) as prepared statements on the
// requests pool, beside Prisma: a query through Prisma costs about 0.5 ms of CPU, a prepared one under 0.05 ms
// (README "Performance"). Everything else stays Prisma's. The rows are Prisma's own: every scalar field of the
// model under its field name, with Prisma's types (bigint, Decimal, Date), so the code that turns them into
// answers is the same. A test reads and creates each beside Prisma and compares (tests/api/prepared-rows.test.ts).

/** A model's scalar fields, as Prisma lists them (`Prisma.<Model>ScalarFieldEnum`). */
export type ScalarFields = Record<string, string>;

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

/** A model's columns, each the snake_case of its field; an array of an enum read as text[] (`pg` has no parser). */
const columnsOf = (fields: ScalarFields, { enumArrays = [], from }: { enumArrays?: string[]; from?: string }) =>
  Object.values(fields).map(
    (field) => `${from ? `${from}.` : ""}${columnOf(field)}${enumArrays.includes(field) ? "::text[]" : ""}`,
  );

/**
 * A model as a SELECT list: its fields, and those that are arrays of an enum (`pg` knows no parser for them:
 * they are read as text[]). `from` qualifies the columns by a table or CTE name; `prefix` goes before each
 * field's name (a second model in one row: see `unprefixed`).
 */
export const selectable = (
  fields: ScalarFields,
  { enumArrays, from, prefix = "" }: { enumArrays?: string[]; from?: string; prefix?: string } = {},
) => {
  const names = Object.values(fields);
  return columnsOf(fields, { enumArrays, from })
    .map((column, i) => `${column} AS "${prefix}${names[i]}"`)
    .join(", ");
};

/**
 * A relation's rows inside the row that owns them, so that one statement reads both: a correlated subquery
 * for a SELECT list (`sql`, named `field`) and how to turn its value back into rows (`read`). Each row goes
 * as a JSON array of its values in PostgreSQL's text form, read back with the parsers `pg` uses for a
 * column of that type (so with Prisma's types, as selectRows gives them); JSON alone would lose a bigint's
 * and a Decimal's digits. The columns' types are asked of PostgreSQL once per process. A relation nested
 * in each of these rows (`children`) comes after its columns.
 */
export type NestedRows = {
  field: string;
  /** The subquery, for inside another's. */
  expression: string;
  /** The subquery as a column of a SELECT list. */
  sql: string;
  read: (db: Db, value: unknown) => Promise<Record<string, unknown>[]>;
};

export const nestedRows = ({
  field,
  fields,
  enumArrays,
  table,
  as,
  where,
  orderBy,
  children = [],
}: {
  /** The field of the owning row that holds these rows. */
  field: string;
  fields: ScalarFields;
  enumArrays?: string[];
  table: string;
  /** The table's alias in `where`, `orderBy` and the children's `where`. */
  as: string;
  /** Which rows, by the owner's alias: `a.session_id = s.id`. */
  where: string;
  orderBy: string;
  children?: NestedRows[];
}): NestedRows => {
  const names = Object.values(fields);
  const columns = columnsOf(fields, { enumArrays, from: as });
  const values = [...columns.map((column) => `${column}::text`), ...children.map((child) => child.expression)];
  const expression = `(SELECT coalesce(json_agg(json_build_array(${values.join(", ")}) ORDER BY ${orderBy}), '[]'::json)
    FROM ${table} ${as} WHERE ${where})`;
  let parsers: Promise<((text: string) => unknown)[]> | undefined;
  const parsersOf = (db: Db) => {
    parsers ??= sqlPoolOf(db)
      .query({ text: `SELECT ${columns.join(", ")} FROM ${table} ${as} LIMIT 0`, rowMode: "array" })
      .then(({ fields: described }) =>
        described.map(({ dataTypeID }) => PRISMA_TYPES.getTypeParser(dataTypeID, "text") as (text: string) => unknown),
      )
      .catch((error: unknown) => {
        parsers = undefined;
        throw error;
      });
    return parsers;
  };
  return {
    field,
    expression,
    sql: `${expression} AS "${field}"`,
    read: async (db, value) => {
      const rows = value as (string | null | unknown[])[][];
      if (rows.length === 0) return [];
      const parse = await parsersOf(db);
      return Promise.all(
        rows.map(async (values) => {
          const row: Record<string, unknown> = {};
          names.forEach((name, i) => {
            const text = values[i] as string | null;
            row[name] = text === null ? null : parse[i](text);
          });
          for (const [i, child] of children.entries())
            row[child.field] = await child.read(db, values[names.length + i]);
          return row;
        }),
      );
    },
  };
};

/**
 * selectRows with relations: `SELECT <select>, <each relation's subquery> FROM <from>`, `from` naming the
 * owner by the alias the relations' `where` uses; each relation's column turned into its rows.
 */
export const selectWithRelations = async <Row>(
  db: Db,
  select: string,
  relations: NestedRows[],
  from: string,
  values: unknown[],
): Promise<Row[]> => {
  const columns = [select, ...relations.map(({ sql }) => sql)].join(", ");
  const rows = await selectRows<Record<string, unknown>>(db, columns, from, values);
  for (const row of rows) {
    for (const relation of relations) row[relation.field] = await relation.read(db, row[relation.field]);
  }
  return rows as Row[];
};

/** The fields of `row` that start with `prefix`, without it: the second model of a row `selectable` built. */
export const unprefixed = <Row>(row: Record<string, unknown>, prefix: string): Row =>
  Object.fromEntries(
    Object.entries(row)
      .filter(([field]) => field.startsWith(prefix))
      .map(([field, value]) => [field.slice(prefix.length), value]),
  ) as Row;

/** Each statement text is prepared once per connection, under a name of its own. */
const statementNames = new Map<string, string>();
const statementName = (text: string) => {
  let name = statementNames.get(text);
  if (!name) {
    name = `rows_${createHash("sha256").update(text).digest("base64url").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
};

/** A statement as a prepared one; its rows with Prisma's types. */
export const queryRows = async <Row>(db: Db, text: string, values: unknown[]): Promise<Row[]> => {
  const result = await sqlPoolOf(db).query<Row & pg.QueryResultRow>({
    name: statementName(text),
    text,
    values,
    types: PRISMA_TYPES,
  });
  return result.rows;
};

/**
 * `SELECT <every field of the model> FROM <from>` as a prepared statement: `from` names the table and says
 * which rows (`card_sessions WHERE id = $1 …`), with `$1…` of `values`; an enum needs its cast (`$2::"Mode"`).
 */
export const selectRows = <Row>(db: Db, select: string, from: string, values: unknown[]): Promise<Row[]> =>
  queryRows<Row>(db, `SELECT ${select} FROM ${from}`, values);

/**
 * The `(columns)` and `(parameters)` of an INSERT of `data`, its values added to `values`. Every key is a
 * column, undefined is NULL (one statement text whatever the input, so one prepared statement): leave a column
 * that has a default out of `data` to get it, as Prisma does. PostgreSQL infers each parameter's type from its
 * column (enums need no cast). A model's @updatedAt is Prisma's to set (the column has no default: pass it),
 * and Json fields go as jsonParameter (`pg` would send an array as a PostgreSQL array).
 */
export const insertable = (values: unknown[], data: Record<string, unknown>) => {
  const fields = Object.keys(data);
  const sqlOf = (value: unknown) => (value instanceof SqlExpression ? value.text : parameter(values, value ?? null));
  return {
    columns: `(${fields.map(columnOf).join(", ")})`,
    parameters: `(${fields.map((field) => sqlOf(data[field])).join(", ")})`,
  };
};

class SqlExpression {
  constructor(readonly text: string) {}
}
/** A value insertable writes as SQL, not as a parameter: `sqlExpression("(SELECT id FROM customer)")`. */
export const sqlExpression = (text: string) => new SqlExpression(text);

/**
 * Another row an insert must write in its own statement, or neither is written: a data-modifying CTE (`sql`
 * builds it from the row the insert writes, adding its values) whose unique violation (`refused`) fails the
 * whole statement. The idempotency record of the request that creates (lib/api/idempotency.ts), with the answer
 * it gives, goes this way, in the create's INSERT.
 */
export type WriteGuard<Row> = {
  sql: (values: unknown[], row: Row) => string;
  /** The statement wrote both. */
  written: () => void;
  /** Whether an error of the statement is the guard's row refused (its unique index: another has it). */
  refused: (error: unknown) => boolean;
};

/** The statement was refused by its WriteGuard: nothing was written. */
export class WriteGuardRefused extends Error {
  constructor() {
    super("The statement's guard row was refused: nothing was written.");
  }
}

/**
 * `INSERT INTO <table>` of a whole row, every field given (none left to a column's default), as a prepared
 * statement. It answers the row as Prisma would read it back (tests/api/prepared-rows.test.ts), with no
 * RETURNING to read: `json` names its Json fields, which go as their text and are answered as that text
 * parsed (a Date in them a string, an undefined gone, as stored). With a guard, written with it or not at all
 * (WriteGuardRefused); the guard sees the row as answered.
 */
export const insertRow = async <Row extends Record<string, unknown>>(
  db: Db,
  table: string,
  given: Row,
  { guard, json = [] }: { guard?: WriteGuard<Row>; json?: readonly (keyof Row & string)[] } = {},
): Promise<Row> => {
  const row = { ...given };
  const data: Record<string, unknown> = { ...given };
  for (const [field, value] of Object.entries(given)) {
    const plain = value instanceof Date || value instanceof Buffer || value instanceof Prisma.Decimal;
    // `pg` would send an array as a PostgreSQL array and an object as its JSON, and the row would not be Prisma's.
    if (value !== null && typeof value === "object" && !plain && !(json as readonly string[]).includes(field))
      throw new Error(`insertRow: ${table}.${field} is an object: a Json field goes in \`json\`.`);
  }
  for (const field of json) {
    const text = jsonParameter((given[field] ?? undefined) as object | undefined);
    data[field] = text;
    (row as Record<string, unknown>)[field] = text === undefined ? null : JSON.parse(text);
  }
  const values: unknown[] = [];
  // Unreferenced, a data-modifying WITH item still runs, in the same statement (and transaction) as the INSERT.
  const first = guard ? `WITH guard AS (${guard.sql(values, row)}) ` : "";
  const { columns, parameters } = insertable(values, data);
  await queryRows(db, `${first}INSERT INTO ${table} ${columns} VALUES ${parameters}`, values).catch(
    (error: unknown) => {
      throw guard?.refused(error) ? new WriteGuardRefused() : error;
    },
  );
  guard?.written();
  return row;
};

/** A Json field's value for insertRow: its JSON text (undefined stays undefined: NULL). */
export function jsonParameter(value: object): string;
export function jsonParameter(value: object | undefined): string | undefined;
export function jsonParameter(value: object | undefined): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

/**
 * The conditions whose value is defined, joined by AND, each `?` becoming its value's parameter; `values`
 * gets the values (after any already there).
 */
export const whereDefined = (values: unknown[], conditions: [sql: string, value: unknown][]) =>
  conditions
    .filter(([, value]) => value !== undefined)
    .map(([sql, value]) => sql.replace("?", parameter(values, value)))
    .join(" AND ");

/** `$n` of a value added to `values`. */
export const parameter = (values: unknown[], value: unknown) => `$${values.push(value)}`;
