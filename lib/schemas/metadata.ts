import { z } from "zod";

// Merchant metadata: string keys to string values, on crypto checkout sessions and metered requests.

export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

export const metadataSchema = z
  .record(
    z
      .string()
      .min(1, "keys must not be empty")
      .max(METADATA_LIMITS.keyLength, `keys have at most ${METADATA_LIMITS.keyLength} characters`),
    z
      .string({ error: "values must be strings" })
      .max(METADATA_LIMITS.valueLength, `values have at most ${METADATA_LIMITS.valueLength} characters`),
    { error: "must be an object of string values" },
  )
  .refine((value) => Object.keys(value).length <= METADATA_LIMITS.keys, `has at most ${METADATA_LIMITS.keys} keys`);
