import type { Mode } from "@/lib/ids";
import { createTestCardProvider } from "./test-card/test-card-provider";
import type { CardProvider } from "./types";

export class CardProviderUnavailableError extends Error {}

const testProvider = createTestCardProvider();

/**
 * The card provider for a mode. Test mode charges Stripe's test cards through
 * the test connector. No live connector ships yet, so live mode refuses to
 * charge rather than pretend: nothing takes a real card number without a real
 * processor behind it.
 */
export const cardProviderFor = (mode: Mode): CardProvider => {
  switch (mode) {
    case "test":
      return testProvider;
    case "live":
      throw new CardProviderUnavailableError(
        "Live card payments need a live card provider connector, and none is configured.",
      );
  }
};
