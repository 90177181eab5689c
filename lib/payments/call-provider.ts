import "server-only";

// One provider call with a deadline: the provider gets an abort signal, and a
// call that has not answered when the timeout fires is given up. What came
// back is classified once, here, for every family:
//
//   answered   the provider said what happened (a success, a challenge, a decline)
//   unknown    no answer: a timeout, a network error, a provider 5xx. Money may
//              have moved, so nothing may treat it as a decline (README
//              "Exactly once"); the reconciler asks the provider later.

export type CallOutcome<T> =
  | { answered: true; result: T; latencyMs: number }
  | { answered: false; reason: "timeout" | "error"; message: string; latencyMs: number };

/**
 * Time allowed, after a call's timeout, for writing its outcome. A claim or a
 * reconciliation deadline is the timeout plus this: by then the call has
 * certainly ended and its result has been written, or never will be.
 */
export const CALL_GRACE_MS = 5_000;

/** How long one provider call can hold anything: its timeout plus the grace to write its outcome. */
export const callBudgetMs = (timeoutMs: number) => timeoutMs + CALL_GRACE_MS;

export const callProvider = async <T>(
  call: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
): Promise<CallOutcome<T>> => {
  const controller = new AbortController();
  const started = performance.now();
  const latencyMs = () => performance.now() - started;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  try {
    const answer = await Promise.race([call(controller.signal).then((result) => ({ result })), timedOut]);
    if (answer === "timeout") {
      return {
        answered: false,
        reason: "timeout",
        message: `no answer within ${timeoutMs} ms`,
        latencyMs: latencyMs(),
      };
    }
    return { answered: true, result: answer.result, latencyMs: latencyMs() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { answered: false, reason: "error", message, latencyMs: latencyMs() };
  } finally {
    clearTimeout(timer);
  }
};
