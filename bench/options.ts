import { parseArgs } from "node:util";

// `npm run bench -- --help` prints this. Defaults finish in under 5 minutes on
// 2 cores (about 30 runs of warm-up + duration seconds each).
export const USAGE = `npm run bench -- [options]

  --connections N    concurrent connections of the throughput runs (default 50)
  --duration S       seconds measured per run (default 5)
  --warmup S         seconds of unmeasured load before each run (default 2)
  --rate N           offered requests/s of the fixed-rate create runs (default:
                     half of that create's req/s measured in the same run)
  --database WHICH   embedded | url | both; url needs DATABASE_URL, on whose
                     server a fresh database is created and dropped
                     (default: both when DATABASE_URL is set, else embedded)
  --growth           also pre-load sessions and measure create/GET/list p50
                     at each size (bulk insert; the 1M step takes minutes)
  --growth-sizes L   comma-separated sessions per dialect, implies --growth
                     (default 10000,1000000)
  --only REGEX       run only the runs whose name matches (the baselines always
                     run; growth runs are named "<dialect> growth", and the
                     metered requests' "requests growth")
  --no-cores         skip the one-process runs (by default the trivial route,
                     creates and GETs run again with WEB_CONCURRENCY=1, to set
                     beside the default of one HTTP process per core)
  --out DIR          where latest.json and latest.md go (default bench/results)
  --help`;

export type Database = "embedded" | "url";

export type BenchOptions = {
  connections: number;
  duration: number;
  warmup: number;
  /** Offered req/s of the fixed-rate runs; undefined: half of each create's measured throughput. */
  rate?: number;
  databases: Database[];
  growthSizes: number[];
  only?: RegExp;
  /** Also measure with one HTTP process (the cores table). */
  cores: boolean;
  out: string;
};

export class UsageError extends Error {}

const positiveInteger = (name: string, value: string, { allowZero = false } = {}) => {
  if (!/^\d+$/.test(value) || (!allowZero && Number(value) === 0) || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`--${name} must be a ${allowZero ? "non-negative" : "positive"} integer, got "${value}".`);
  return Number(value);
};

/** The bench's flags; `undefined` when --help was asked for. Throws UsageError on a bad flag. */
export const parseBenchOptions = (argv: string[], databaseUrl: string | undefined): BenchOptions | undefined => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return undefined;

  const database = values.database ?? (databaseUrl ? "both" : "embedded");
  const databases: Database[] | undefined = { embedded: ["embedded"], url: ["url"], both: ["embedded", "url"] }[
    database
  ] as Database[] | undefined;
  if (!databases) throw new UsageError(`--database must be embedded, url or both, got "${database}".`);
  if (databases.includes("url") && !databaseUrl)
    throw new UsageError(
      `--database ${database} needs DATABASE_URL (a PostgreSQL server the bench may create a database on).`,
    );

  const growthSizes =
    values.growth || values["growth-sizes"] !== undefined
      ? (values["growth-sizes"] ?? "10000,1000000")
          .split(",")
          .map((size) => positiveInteger("growth-sizes", size.trim()))
      : [];
  if (growthSizes.some((size, i) => i > 0 && size <= growthSizes[i - 1]))
    throw new UsageError("--growth-sizes must increase (each step adds rows to the last).");

  let only: RegExp | undefined;
  if (values.only !== undefined) {
    try {
      only = new RegExp(values.only);
    } catch {
      throw new UsageError(`--only is not a valid regular expression: "${values.only}".`);
    }
  }

  return {
    connections: positiveInteger("connections", values.connections ?? "50"),
    duration: positiveInteger("duration", values.duration ?? "5"),
    warmup: positiveInteger("warmup", values.warmup ?? "2", { allowZero: true }),
    rate: values.rate === undefined ? undefined : positiveInteger("rate", values.rate),
    databases,
    growthSizes,
    only,
    cores: !values["no-cores"],
    out: values.out ?? "bench/results",
  };
};

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      connections: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      rate: { type: "string" },
      database: { type: "string" },
      growth: { type: "boolean" },
      "growth-sizes": { type: "string" },
      only: { type: "string" },
      "no-cores": { type: "boolean" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
  });

// The load comes from one API key and one address, far beyond any real
// client: the limits stay on (their cost is measured) but are never reached.
export const BENCH_RATE_LIMITS = {
  RATE_LIMIT_API_KEY: "100000000/1s",
  RATE_LIMIT_HOSTED_IP: "100000000/1s",
  RATE_LIMIT_HOSTED_SESSION: "100000000/1s",
  RATE_LIMIT_SIGN_IN_EMAIL: "100000000/1s",
  RATE_LIMIT_SIGN_IN_IP: "100000000/1s",
};
