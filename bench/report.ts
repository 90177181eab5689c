import type { DialectName } from "./dialects";
import type { LoadResult } from "./load";
import type { BenchOptions, Database } from "./options";
import type { PageWeight } from "./page-weight";

// The bench's numbers, the ratios to the baselines and the targets (README,
// "Benchmark"), as pure functions of the measurements.

export type RunKind = "bare" | "trivial" | "create" | "get" | "list" | "page" | "dashboard";

/** throughput: as fast as it answers; fixed-rate: offered `rate` req/s; render: one connection. */
export type RunMode = "throughput" | "fixed-rate" | "render";

export type Run = LoadResult & {
  database: Database;
  name: string;
  kind: RunKind;
  mode: RunMode;
  dialect?: DialectName;
  connections: number;
  rate?: number;
  /** HTTP processes of the server (WEB_CONCURRENCY). */
  processes: number;
};

export type RatedRun = Run & { vsTrivial?: number; vsBare?: number };

export type GrowthPoint = {
  database: Database;
  /** A dialect's sessions, or the wallet dialect's metered requests. */
  dialect: DialectName | "requests";
  /** Stored sessions (or metered requests). */
  sessions: number;
  createP50: number;
  getP50: number;
  listP50: number;
  /** Metered requests: GET /v1/usage over the last 31 days. */
  usageP50?: number;
  /** Of the three runs at this size. */
  errors: number;
};

export type TargetCheck = { target: string; subject: string; measured: string; ok: boolean };

export type BenchReport = {
  startedAt: string;
  finishedAt: string;
  commit: string;
  machine: { cpus: number; node: string };
  options: Omit<BenchOptions, "only"> & { only?: string };
  runs: RatedRun[];
  pages: PageWeight[];
  growth: GrowthPoint[];
  targets: TargetCheck[];
};

export const TARGETS = {
  createVsTrivial: 0.6,
  getVsTrivial: 0.8,
  listVsTrivial: 0.6,
  pageRenderP50Ms: 10,
  createP99Ms: 25,
  pageExtraGzipBytes: 25 * 1024,
  growthP50Ratio: 1.2,
  dashboardRenderP50Ms: 100,
  /** Stored sessions (over the three families) when the dashboard's pages are measured. */
  dashboardSessions: 100_000,
};

/** Each throughput run's requests/s as a ratio to the two baselines of the same database pass. */
export const rateRuns = (runs: Run[]): RatedRun[] =>
  runs.map((run) => {
    if (run.mode !== "throughput") return run;
    const baseline = (kind: RunKind) =>
      runs.find(
        (other) =>
          other.database === run.database &&
          other.processes === run.processes &&
          other.kind === kind &&
          other.mode === "throughput",
      );
    const ratio = (base: Run | undefined) => (base && base.rps > 0 ? run.rps / base.rps : undefined);
    return { ...run, vsTrivial: ratio(baseline("trivial")), vsBare: ratio(baseline("bare")) };
  });

/** Throughput floors, as a ratio to the trivial route. */
const RATIO_FLOORS: Partial<Record<RunKind, { label: string; ratio: number }>> = {
  create: { label: "create", ratio: TARGETS.createVsTrivial },
  get: { label: "GET", ratio: TARGETS.getVsTrivial },
  list: { label: "list", ratio: TARGETS.listVsTrivial },
};

const ms = (value: number) => (Number.isNaN(value) ? "–" : `${value.toFixed(value < 10 ? 2 : 1)} ms`);
const times = (ratio: number | undefined) => (ratio === undefined ? "–" : `${ratio.toFixed(2)}×`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const checkTargets = (runs: RatedRun[], pages: PageWeight[], growth: GrowthPoint[]): TargetCheck[] => {
  const checks: TargetCheck[] = [];
  // The targets are the default server's (a process per core); the one-process runs only feed the cores table.
  const mostProcesses = Math.max(1, ...runs.map((run) => run.processes));
  for (const run of runs) {
    if (run.processes < mostProcesses) continue;
    const subject = `${run.name} (${run.database})`;
    const floor = run.mode === "throughput" ? RATIO_FLOORS[run.kind] : undefined;
    if (floor && run.vsTrivial !== undefined)
      checks.push({
        target: `${floor.label} ≥ ${floor.ratio}× trivial route req/s at ${run.connections} connections`,
        subject,
        measured: times(run.vsTrivial),
        ok: run.vsTrivial >= floor.ratio,
      });
    if (run.mode === "fixed-rate" && run.kind === "create")
      checks.push({
        target: `create p99 ≤ ${TARGETS.createP99Ms} ms at ${run.rate} req/s offered`,
        subject,
        measured: `${ms(run.p99)} (${run.rps.toFixed(0)} req/s served)`,
        ok: run.p99 <= TARGETS.createP99Ms,
      });
    if (run.kind === "page" && run.mode === "render")
      checks.push({
        target: `hosted page server render p50 ≤ ${TARGETS.pageRenderP50Ms} ms on 1 connection`,
        subject,
        measured: ms(run.p50),
        ok: run.p50 <= TARGETS.pageRenderP50Ms,
      });
    if (run.kind === "dashboard")
      checks.push({
        target: `dashboard page p50 ≤ ${TARGETS.dashboardRenderP50Ms} ms on the server at ${count(TARGETS.dashboardSessions)} sessions`,
        subject,
        measured: ms(run.p50),
        ok: run.p50 <= TARGETS.dashboardRenderP50Ms,
      });
    if (run.errors > 0) checks.push({ target: "no errors", subject, measured: `${run.errors} errors`, ok: false });
  }
  const empty = pages.find((page) => page.name === "empty page");
  for (const page of pages) {
    if (!empty || page === empty) continue;
    const extra = page.jsGzipBytes - empty.jsGzipBytes;
    checks.push({
      target: `hosted page JS ≤ empty page + ${kb(TARGETS.pageExtraGzipBytes)} gzip`,
      subject: page.name,
      measured: `+${kb(extra)} (${kb(page.jsGzipBytes)} vs ${kb(empty.jsGzipBytes)})`,
      ok: extra <= TARGETS.pageExtraGzipBytes,
    });
  }
  for (const point of growth)
    if (point.errors > 0)
      checks.push({
        target: "no errors",
        subject: `${point.dialect} growth at ${count(point.sessions)} (${point.database})`,
        measured: `${point.errors} errors`,
        ok: false,
      });
  for (const [first, last] of growthEnds(growth)) {
    for (const [label, key] of [
      ["create", "createP50"],
      ["GET", "getP50"],
      ["list", "listP50"],
      ["usage", "usageP50"],
    ] as const) {
      const [from, to] = [first[key], last[key]];
      if (from === undefined || to === undefined) continue;
      const ratio = to / from;
      checks.push({
        target: `${label} p50 at ${count(last.sessions)} ≤ ${TARGETS.growthP50Ratio}× at ${count(first.sessions)} sessions`,
        subject: `${last.dialect} (${last.database})`,
        measured: `${times(ratio)} (${ms(from)} → ${ms(to)})`,
        ok: ratio <= TARGETS.growthP50Ratio,
      });
    }
  }
  return checks;
};

/** The smallest and largest size of each dialect and database. */
const growthEnds = (growth: GrowthPoint[]): [GrowthPoint, GrowthPoint][] => {
  const groups = new Map<string, GrowthPoint[]>();
  for (const point of growth) {
    const key = `${point.database}/${point.dialect}`;
    groups.set(key, [...(groups.get(key) ?? []), point]);
  }
  return [...groups.values()]
    .filter((points) => points.length > 1)
    .map((points) => {
      const sorted = [...points].sort((a, b) => a.sessions - b.sessions);
      return [sorted[0], sorted[sorted.length - 1]];
    });
};

/** Each throughput run measured with one process, beside the same run with the most processes. */
export const coreScaling = (runs: Run[]) => {
  const most = Math.max(1, ...runs.map((run) => run.processes));
  if (most === 1) return [];
  return runs
    .filter((run) => run.processes === 1 && run.mode === "throughput")
    .flatMap((one) => {
      const many = runs.find(
        (run) =>
          run.processes === most && run.mode === "throughput" && run.name === one.name && run.database === one.database,
      );
      return many ? [{ one, many }] : [];
    });
};

const count = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

type Table = { headers: string[]; rows: string[][]; align?: ("left" | "right")[] };

const LOAD_LABELS: Record<RunMode, (run: Run) => string> = {
  throughput: (run) => `${run.connections} conn`,
  "fixed-rate": (run) => `${run.rate}/s offered`,
  render: () => "1 conn",
};

/** How a run's load was offered: "50 conn", "200/s offered", "1 conn". */
export const loadLabel = (run: Run) => LOAD_LABELS[run.mode](run);

export const tables = (report: BenchReport): { title: string; table: Table }[] => {
  const right = (n: number) => ["left", ...Array<"right">(n - 1).fill("right")] as ("left" | "right")[];
  const sections: { title: string; table: Table }[] = [];
  const mostProcesses = Math.max(1, ...report.runs.map((run) => run.processes));
  for (const database of report.options.databases) {
    const runs = report.runs.filter((run) => run.database === database && run.processes === mostProcesses);
    if (!runs.length) continue;
    sections.push({
      title: `Load (${database} database)`,
      table: {
        headers: ["run", "load", "req/s", "p50", "p99", "errors", "vs trivial", "vs bare"],
        align: right(8),
        rows: runs.map((run) => [
          run.name,
          loadLabel(run),
          run.rps.toFixed(0),
          ms(run.p50),
          ms(run.p99),
          String(run.errors),
          times(run.vsTrivial),
          times(run.vsBare),
        ]),
      },
    });
  }
  const cores = coreScaling(report.runs);
  if (cores.length)
    sections.push({
      title: "Cores: one HTTP process against every core (throughput, same connections)",
      table: {
        headers: ["run", "database", "1 process", `${mostProcesses} processes`, "scaling"],
        align: right(5),
        rows: cores.map(({ one, many }) => [
          one.name,
          one.database,
          `${one.rps.toFixed(0)} req/s`,
          `${many.rps.toFixed(0)} req/s`,
          times(one.rps > 0 ? many.rps / one.rps : undefined),
        ]),
      },
    });
  if (report.pages.length) {
    const empty = report.pages.find((page) => page.name === "empty page");
    sections.push({
      title: "Hosted pages: first-load JavaScript",
      table: {
        headers: ["page", "scripts", "JS", "JS gzip", "vs empty page"],
        align: right(5),
        rows: report.pages.map((page) => [
          page.name,
          String(page.scripts),
          kb(page.jsBytes),
          kb(page.jsGzipBytes),
          empty && page !== empty ? `+${kb(page.jsGzipBytes - empty.jsGzipBytes)}` : "–",
        ]),
      },
    });
  }
  if (report.growth.length)
    sections.push({
      title: "Growth: p50 by stored sessions per dialect (requests: metered requests)",
      table: {
        headers: ["dialect", "database", "stored", "create p50", "GET p50", "list p50", "usage p50"],
        align: right(7),
        rows: report.growth.map((point) => [
          point.dialect,
          point.database,
          count(point.sessions),
          ms(point.createP50),
          ms(point.getP50),
          ms(point.listP50),
          point.usageP50 === undefined ? "–" : ms(point.usageP50),
        ]),
      },
    });
  sections.push({
    title: "Targets",
    table: {
      headers: ["", "target", "subject", "measured"],
      rows: report.targets.map((check) => [check.ok ? "ok" : "MISSED", check.target, check.subject, check.measured]),
    },
  });
  return sections;
};

const pad = (cells: string[], widths: number[], align: ("left" | "right")[] = []) =>
  cells.map((cell, i) => (align[i] === "right" ? cell.padStart(widths[i]) : cell.padEnd(widths[i])));

const widthsOf = ({ headers, rows }: Table) =>
  headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i].length)));

/** Plain-text tables for the terminal. */
export const formatText = (report: BenchReport) =>
  tables(report)
    .map(({ title, table }) => {
      const widths = widthsOf(table);
      const lines = [table.headers, ...table.rows].map((cells) => pad(cells, widths, table.align).join("  ").trimEnd());
      lines.splice(1, 0, widths.map((width) => "─".repeat(width)).join("  "));
      return `${title}\n${lines.join("\n")}`;
    })
    .join("\n\n");

/** bench/results/latest.md: the same tables, with what the run was. */
export const formatMarkdown = (report: BenchReport) => {
  const { options } = report;
  const header = [
    "# Tillpoint benchmark",
    "",
    `Commit ${report.commit}, ${report.startedAt} to ${report.finishedAt}, ${report.machine.cpus} CPUs, Node ${report.machine.node}.`,
    `Throughput runs: ${options.connections} connections; fixed-rate runs: ${options.rate === undefined ? "half of each create's measured req/s" : `${options.rate} req/s`} offered; ` +
      `${options.duration} s measured after ${options.warmup} s of warm-up each.`,
  ].join("\n");
  const sections = tables(report).map(({ title, table }) => {
    const row = (cells: string[]) => `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
    const rule = `|${(table.align ?? table.headers.map(() => "left")).map((side) => (side === "right" ? " ---: |" : " --- |")).join("")}`;
    return `## ${title}\n\n${[row(table.headers), rule, ...table.rows.map(row)].join("\n")}`;
  });
  return `${header}\n\n${sections.join("\n\n")}\n`;
};
