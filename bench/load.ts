import crypto from "node:crypto";
import http from "node:http";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";

// One load run in this process (the server under test runs in its own): as fast
// as the server answers with autocannon, or at a fixed rate with an open-loop
// generator of our own (below). Latency percentiles come from every 2xx
// response's own time in microsecond precision: autocannon's histogram keeps
// whole milliseconds, too coarse to compare a 3 ms p50 with a 4 ms one.

export type LoadSpec = {
  baseUrl: string;
  method?: "GET" | "POST";
  /** Requests rotate over these paths (ids of sessions, say). */
  paths: string[];
  headers?: Record<string, string>;
  /** `[<id>]` in the body or the headers becomes a fresh id per request (unique Idempotency-Keys). */
  body?: string;
  /** Instead of `body`: requests rotate over these (metered requests of different connections), `[<id>]` as there. */
  bodies?: string[];
  connections: number;
  duration: number;
  /** Offered requests/s over all connections; unset: as fast as the server answers. */
  rate?: number;
};

export type LoadResult = {
  requests: number;
  /** 2xx responses per second. */
  rps: number;
  /** Milliseconds, of 2xx responses. */
  p50: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  statusCodes: Record<string, number>;
};

/** Nearest-rank percentile of ascending values; NaN when there are none. */
export const percentile = (sorted: ArrayLike<number>, p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
};

type Listener = (client: unknown, statusCode: number, bytes: number, responseTime: number) => void;

export const runLoad = (spec: LoadSpec): Promise<LoadResult> =>
  spec.rate === undefined ? runAutocannon(spec) : runFixedRate({ ...spec, rate: spec.rate });

const runAutocannon = async (spec: LoadSpec): Promise<LoadResult> => {
  const times: number[] = [];
  let next = 0;
  const hasIds = [spec.body ?? "", ...Object.values(spec.headers ?? {})].some((text) => text.includes("[<id>]"));
  const { bodies } = spec;
  const options: autocannon.Options = {
    url: `${spec.baseUrl}${spec.paths[0]}`,
    method: spec.method ?? "GET",
    headers: {
      ...(spec.body !== undefined || bodies ? { "content-type": "application/json" } : {}),
      ...spec.headers,
    },
    body: spec.body,
    idReplacement: hasIds,
    connections: spec.connections,
    duration: spec.duration,
    timeout: 30,
    requests:
      spec.paths.length > 1 || bodies
        ? [
            {
              setupRequest: (request) => {
                const index = next++;
                request.path = spec.paths[index % spec.paths.length];
                if (bodies) request.body = bodies[index % bodies.length].replaceAll("[<id>]", crypto.randomUUID());
                return request;
              },
            },
          ]
        : undefined,
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    // autocannon 9 passes the client first; @types/autocannon still describes v7's signature.
    (instance.on as unknown as (event: "response", listener: Listener) => void)(
      "response",
      (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
      },
    );
  });
  const sorted = Float64Array.from(times).sort();
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]),
  );
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    requests: times.length,
    rps: seconds > 0 ? times.length / seconds : 0,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: result.errors + result.non2xx,
    statusCodes,
  };
};

/** How long a fixed-rate request may take before it counts as an error. */
const FIXED_RATE_TIMEOUT_MS = 30_000;

/**
 * Requests at evenly spaced times, `rate` a second, whether or not the earlier ones have been answered (an open
 * loop, up to `connections` at once): autocannon's overallRate sends each connection's share in bursts, so
 * that at 200 req/s over 50 connections even the trivial route showed a p99 of 480 ms. A request's time runs
 * from when it was due, not from when it was sent: a late generator or a full pool counts against the server's
 * latency instead of hiding it (no coordinated omission).
 */
const runFixedRate = async (spec: LoadSpec & { rate: number }): Promise<LoadResult> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const base = new URL(spec.baseUrl);
  const times: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const send = (index: number, due: number) =>
    new Promise<void>((resolve) => {
      const id = crypto.randomUUID();
      const fresh = (text: string) => text.replaceAll("[<id>]", id);
      const template = spec.bodies ? spec.bodies[index % spec.bodies.length] : spec.body;
      const body = template === undefined ? undefined : fresh(template);
      const headers: Record<string, string> = Object.fromEntries(
        Object.entries(spec.headers ?? {}).map(([name, value]) => [name, fresh(value)]),
      );
      if (body !== undefined) headers["content-type"] = "application/json";
      const done = (status?: number) => {
        if (status !== undefined) statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        if (status !== undefined && status >= 200 && status < 300) times.push(performance.now() - due);
        else errors++;
        resolve();
      };
      const request = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: spec.method ?? "GET",
          path: spec.paths[index % spec.paths.length],
          headers,
          timeout: FIXED_RATE_TIMEOUT_MS,
        },
        (response) => {
          response.resume();
          response.on("end", () => done(response.statusCode));
          response.on("error", () => done());
        },
      );
      request.on("timeout", () => request.destroy(new Error("timed out")));
      request.on("error", () => done());
      request.end(body);
    });

  const interval = 1000 / spec.rate;
  const start = performance.now();
  const count = Math.floor(spec.duration * spec.rate);
  const answers: Promise<void>[] = [];
  for (let index = 0; index < count; index++) {
    const due = start + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(send(index, due));
  }
  await Promise.all(answers);
  agent.destroy();
  const sorted = Float64Array.from(times).sort();
  return {
    requests: times.length,
    rps: times.length / spec.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors,
    statusCodes,
  };
};
