import { z } from "zod";

export const createApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100).nullish().describe('A label for people, e.g. "production server".'),
});
