import autocannon from "autocannon";

// One load run with autocannon, in this process (the server under test runs in
// its own). Latency percentiles come from every 2xx response's own time in
// microsecond precision: autocannon's histogram keeps whole milliseconds,
// too coarse to compare a 3 ms p50 with a 4 ms one.

export type LoadSpec = {
  baseUrl: string;
  method?: "GET" | "POST";
  /** Requests rotate over these paths (ids of sessions, say). */
  paths: string[];
  headers?: Record<string, string>;
  /** `[<id>]` in the body or the headers becomes a fresh id per request (unique Idempotency-Keys). */
  body?: string;
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

export const runLoad = async (spec: LoadSpec): Promise<LoadResult> => {
  const times: number[] = [];
  let next = 0;
  const hasIds = [spec.body ?? "", ...Object.values(spec.headers ?? {})].some((text) => text.includes("[<id>]"));
  const options: autocannon.Options = {
    url: `${spec.baseUrl}${spec.paths[0]}`,
    method: spec.method ?? "GET",
    headers: { ...(spec.body !== undefined ? { "content-type": "application/json" } : {}), ...spec.headers },
    body: spec.body,
    idReplacement: hasIds,
    connections: spec.connections,
    duration: spec.duration,
    overallRate: spec.rate,
    timeout: 30,
    requests:
      spec.paths.length > 1
        ? [
            {
              setupRequest: (request) => {
                request.path = spec.paths[next++ % spec.paths.length];
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
