import { z } from "zod";

export const createApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100).nullish().describe('A label for people, e.g. "production server".'),
});

export const apiKeyIdParam = z.string().regex(/^key_[0-9A-HJKMNP-TV-Z]{26}$/, "is not an API key id");
