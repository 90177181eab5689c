import cluster, { type Worker } from "node:cluster";
import { env } from "@/lib/env";
import { log, routeConsoleToLog } from "@/lib/log";
import { metrics, type ProcessMetrics, readOtherProcessesWith } from "@/lib/metrics";
import { serveHttp } from "./serve-http";

// `tillpoint start` on every core (README "Using every core"): the primary
// process owns the database (the embedded one's lock and process), runs the
// start-up work and every background job, and forks WEB_CONCURRENCY HTTP
// workers that share the port (node:cluster hands each connection to one).
// Background jobs stay in one process; they are exactly-once across
// instances anyway. A worker that dies is replaced; a primary that dies takes
// its workers with it (node:cluster ends a worker whose IPC channel closes).

const RESTART_DELAY_MS = 1_000;
const STOP_GRACE_MS = 10_000;
const METRICS_TIMEOUT_MS = 3_000;

type MetricsMessage =
  | { type: "tillpoint:metrics:ask"; id: number }
  | { type: "tillpoint:metrics:answer"; id: number; parts: ProcessMetrics[] }
  | { type: "tillpoint:metrics:collect"; id: number }
  | { type: "tillpoint:metrics:part"; id: number; part: ProcessMetrics };

const isMessage = (message: unknown): message is MetricsMessage =>
  typeof message === "object" &&
  message !== null &&
  String((message as { type?: unknown }).type).startsWith("tillpoint:metrics:");

/** Replies matched to the requests that asked for them, by id; a reply that does not come in time is undefined. */
const replies = <Reply>(timeoutMs: number) => {
  let asked = 0;
  const waiting = new Map<number, (reply: Reply | undefined) => void>();
  return {
    /** Sends a request with a new id (`send`), and resolves with its reply, or undefined after `timeoutMs`. */
    ask: (send: (id: number) => void) =>
      new Promise<Reply | undefined>((resolve) => {
        const id = asked++;
        const settle = (reply: Reply | undefined) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(reply);
        };
        const timer = setTimeout(() => settle(undefined), timeoutMs);
        waiting.set(id, settle);
        send(id);
      }),
    /** A reply arrived. */
    settle: (id: number, reply: Reply) => waiting.get(id)?.(reply),
  };
};

/** Forks `count` HTTP workers; resolves once every one listens, rejects if one exits before. */
export const startHttpWorkers = async (count: number) => {
  let stopping = false;
  // A worker that does not answer in time is left out of that scrape.
  const parts = replies<ProcessMetrics>(METRICS_TIMEOUT_MS);

  // A worker asks for everyone else's metrics: the primary's own, and each other worker's.
  const answerMetrics = async (asker: Worker, id: number) => {
    const others = Object.values(cluster.workers ?? {}).filter(
      (worker): worker is Worker => worker !== undefined && worker !== asker && worker.isConnected(),
    );
    const collected = await Promise.all([
      metrics.registry.getMetricsAsJSON() as Promise<ProcessMetrics>,
      ...others.map((worker) =>
        parts.ask((collection) =>
          worker.send({ type: "tillpoint:metrics:collect", id: collection } satisfies MetricsMessage),
        ),
      ),
    ]);
    if (asker.isConnected())
      asker.send({
        type: "tillpoint:metrics:answer",
        id,
        parts: collected.filter((part) => part !== undefined),
      } satisfies MetricsMessage);
  };

  const fork = () => {
    const worker = cluster.fork();
    worker.on("message", (message: unknown) => {
      if (!isMessage(message)) return;
      if (message.type === "tillpoint:metrics:ask") void answerMetrics(worker, message.id);
      if (message.type === "tillpoint:metrics:part") parts.settle(message.id, message.part);
    });
    return worker;
  };

  await new Promise<void>((resolve, reject) => {
    let listening = 0;
    const onListening = () => {
      if (++listening < count) return;
      cluster.off("exit", onEarlyExit);
      resolve();
    };
    const onEarlyExit = (worker: Worker, code: number | null, signal: string | null) => {
      cluster.off("listening", onListening);
      reject(new Error(`HTTP worker ${worker.process.pid} exited while starting (code ${code}, signal ${signal})`));
    };
    cluster.on("listening", onListening);
    cluster.once("exit", onEarlyExit);
    for (let i = 0; i < count; i++) fork();
  }).catch(async (error: unknown) => {
    stopping = true;
    await stopWorkers();
    throw error;
  });

  cluster.on("exit", (worker, code, signal) => {
    // A worker that was told to stop (by us, or by a Ctrl-C reaching the whole process group) is not replaced.
    if (stopping || code === 0 || signal === "SIGINT" || signal === "SIGTERM") return;
    log.error({ worker_pid: worker.process.pid, code, signal }, "An HTTP worker exited; starting another");
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS).unref();
  });

  return {
    /** SIGTERM to every worker (each finishes its requests), SIGKILL to any still running after the grace period. */
    stop: async () => {
      stopping = true;
      await stopWorkers();
    },
  };
};

const stopWorkers = async () => {
  const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
  await Promise.all(
    running.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          const timer = setTimeout(() => worker.process.kill("SIGKILL"), STOP_GRACE_MS);
          worker.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          worker.process.kill("SIGTERM");
        }),
    ),
  );
};

/** An HTTP worker's whole life: serve until told to stop, or until the primary is gone. */
export const runHttpWorker = async () => {
  routeConsoleToLog();
  // The primary asks every other worker in turn: give it twice as long.
  const answers = replies<ProcessMetrics[]>(2 * METRICS_TIMEOUT_MS);
  process.on("message", (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === "tillpoint:metrics:collect") {
      void (metrics.registry.getMetricsAsJSON() as Promise<ProcessMetrics>).then((part) =>
        process.send?.({ type: "tillpoint:metrics:part", id: message.id, part } satisfies MetricsMessage),
      );
    }
    if (message.type === "tillpoint:metrics:answer") answers.settle(message.id, message.parts);
  });
  readOtherProcessesWith(async () => {
    const others = await answers.ask((id) =>
      process.send?.({ type: "tillpoint:metrics:ask", id } satisfies MetricsMessage),
    );
    if (!others) throw new Error("The primary process did not send the other processes' metrics");
    return others;
  });

  const server = await serveHttp({ dev: false, port: env().port });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.stop().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // A primary that dies (kill -9) closes the IPC channel, and node:cluster then ends this process by itself.
};
