import "server-only";
import { DomainError } from "@/lib/errors";
import type { Mode } from "@/lib/ids";
import { createTestCardProvider } from "./test-card/test-card-provider";
import { databaseTestProviderStore } from "./test-card/test-provider-store";
import { TEST_PROVIDERS } from "./test-card/test-providers";
import type { CardProvider } from "./types";

/** No card provider can serve this mode: a 503 to an API caller; a renewal sweep skips and tries later. */
export class CardProviderUnavailableError extends DomainError {
  constructor(message: string) {
    super("service_unavailable", message);
  }
}

const walletTestProvider = createTestCardProvider(undefined, databaseTestProviderStore);

const NO_LIVE_PROVIDER = "Live card payments need a live card provider provider, and none is configured.";

/**
 * The wallet dialect's card provider for a mode. Test mode charges Stripe's
 * test cards through the test provider. No live provider ships yet, so live
 * mode refuses to charge rather than pretend: nothing takes a real card number
 * without a real processor behind it.
 */
export const cardProviderFor = (mode: Mode): CardProvider => {
  switch (mode) {
    case "test":
      return walletTestProvider;
    case "live":
      throw new CardProviderUnavailableError(NO_LIVE_PROVIDER);
  }
};

/** The providers card sessions route between, in registry order (routing's last tie-breaker). */
export const cardProvidersFor = (mode: Mode): readonly CardProvider[] => {
  switch (mode) {
    case "test":
      return TEST_PROVIDERS;
    case "live":
      throw new CardProviderUnavailableError(NO_LIVE_PROVIDER);
  }
};

/** A provider by name: a card session's router's, or the wallet's (the reconciler asks either). */
export const cardProviderNamed = (mode: Mode, name: string): CardProvider => {
  if (mode === "test" && name === walletTestProvider.name) return walletTestProvider;
  const provider = cardProvidersFor(mode).find((candidate) => candidate.name === name);
  if (!provider) throw new Error(`No card provider named ${name} in ${mode} mode.`);
  return provider;
};
