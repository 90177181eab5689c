// Scalars every response file shares.
import { z } from "zod";

/**
 * A timestamp as the producers write it: Date#toISOString (UTC, milliseconds, `Z`).
 * Validation keeps zod's strict ISO check; the document shows `format: date-time`
 * without zod's long regex (the override drops `pattern`).
 */
export const timestamp = z.iso.datetime().meta({
  description: "ISO 8601 in UTC, with milliseconds (Date#toISOString).",
  example: "2025-01-02T03:04:05.678Z",
  override: ({ jsonSchema }) => {
    delete jsonSchema.pattern;
  },
});
