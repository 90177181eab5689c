import type { CardProvider, ChargeRequest, ChargeResult } from "@/lib/providers/types";

// One payment attempt across the ranked providers (SPEC §4): the best one is
// asked first; a soft decline (the issuer or processor might say yes
// elsewhere), a timeout or an error moves on to the next. A success, a 3-D
// Secure challenge or a hard decline (the card itself was refused) ends it.
// Each call is reported as it returns, so routing learns from all of them.

export class ProviderTimeoutError extends Error {}

export type ProviderCall = {
  provider: CardProvider;
  /** The provider's answer, or undefined when it could not be asked or did not answer in time. */
  result?: ChargeResult;
  failure?: "timeout" | "error";
  latencyMs: number;
};

export type CascadeResult = {
  /** The answer that ended the attempt; the last soft decline when every provider declined softly. */
  result?: ChargeResult;
  provider?: CardProvider;
  calls: ProviderCall[];
};

/** Runs `call` and gives up after `timeoutMs`, aborting its signal: a provider that never answers cannot hang a payment. */
export const withTimeout = async <T>(call: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> => {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProviderTimeoutError(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

type Options = {
  providers: readonly CardProvider[];
  request: Omit<ChargeRequest, "signal" | "idempotencyKey" | "cascadeIndex">;
  /** One key per attempt and provider: a retried call at one provider charges once. */
  idempotencyKey: (provider: CardProvider) => string;
  timeoutMs: number;
  onCall: (call: ProviderCall) => Promise<void>;
};

export const chargeWithCascade = async ({
  providers,
  request,
  idempotencyKey,
  timeoutMs,
  onCall,
}: Options): Promise<CascadeResult> => {
  const calls: ProviderCall[] = [];
  let last: { result: ChargeResult; provider: CardProvider } | undefined;
  for (const [cascadeIndex, provider] of providers.entries()) {
    const started = performance.now();
    let call: ProviderCall;
    try {
      const result = await withTimeout(
        (signal) => provider.charge({ ...request, idempotencyKey: idempotencyKey(provider), cascadeIndex, signal }),
        timeoutMs,
      );
      call = { provider, result, latencyMs: performance.now() - started };
    } catch (error) {
      const failure = error instanceof ProviderTimeoutError ? "timeout" : "error";
      call = { provider, failure, latencyMs: performance.now() - started };
    }
    calls.push(call);
    await onCall(call);
    const { result } = call;
    if (!result) continue;
    if (result.status !== "declined" || !result.soft) return { result, provider, calls };
    last = { result, provider };
  }
  return { ...last, calls };
};
