import path from "node:path";
import { z } from "zod";

// Every environment variable Tillpoint reads, validated once. A wrong value
// stops the process at start with the variable's name in the message.
const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
      .refine((value) => !/[?#]/.test(value), "must not contain a query or fragment")
      .optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  })
  .transform((raw) => ({
    port: raw.PORT,
    publicBaseUrl: (raw.PUBLIC_BASE_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ""),
    databaseUrl: raw.DATABASE_URL,
    dataDir: path.resolve(raw.DATA_DIR),
    nodeEnv: raw.NODE_ENV,
  }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export const parseEnv = (source: Record<string, string | undefined>): Env => {
  // Empty strings mean "unset", as in most shells' `VAR= cmd` idiom.
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(defined);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${problems.join("\n")}`);
};

let cached: Env | undefined;

/** The validated configuration of this process (parsed on first use). */
export const env = (): Env => {
  cached ??= parseEnv(process.env);
  return cached;
};
