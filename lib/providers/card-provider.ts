import { DomainError } from "@/lib/errors";
import type { Mode } from "@/lib/ids";
import { createTestCardProvider } from "./test-card/test-card-provider";
import { databaseTestConnectorStore } from "./test-card/test-connector-store";
import { TEST_CONNECTORS } from "./test-card/test-connectors";
import type { CardProvider } from "./types";

/** No card provider can serve this mode: a 503 to an API caller; a renewal sweep skips and tries later. */
export class CardProviderUnavailableError extends DomainError {
  constructor(message: string) {
    super("service_unavailable", message);
  }
}

const walletTestProvider = createTestCardProvider(undefined, databaseTestConnectorStore);

const NO_LIVE_CONNECTOR = "Live card payments need a live card provider connector, and none is configured.";

/**
 * The wallet dialect's card provider for a mode. Test mode charges Stripe's
 * test cards through the test connector. No live connector ships yet, so live
 * mode refuses to charge rather than pretend: nothing takes a real card number
 * without a real processor behind it.
 */
export const cardProviderFor = (mode: Mode): CardProvider => {
  switch (mode) {
    case "test":
      return walletTestProvider;
    case "live":
      throw new CardProviderUnavailableError(NO_LIVE_CONNECTOR);
  }
};

/** The connectors card sessions route between, in registry order (routing's last tie-breaker). */
export const cardConnectorsFor = (mode: Mode): readonly CardProvider[] => {
  switch (mode) {
    case "test":
      return TEST_CONNECTORS;
    case "live":
      throw new CardProviderUnavailableError(NO_LIVE_CONNECTOR);
  }
};

/** A connector by name: a card session's router's, or the wallet's (the reconciler asks either). */
export const cardConnectorNamed = (mode: Mode, name: string): CardProvider => {
  if (mode === "test" && name === walletTestProvider.name) return walletTestProvider;
  const connector = cardConnectorsFor(mode).find((candidate) => candidate.name === name);
  if (!connector) throw new Error(`No card connector named ${name} in ${mode} mode.`);
  return connector;
};
