import { z } from "zod";

/** A merchant's settings, as the CLI and the dashboard change them. */
export const merchantSettings = z.strictObject({
  name: z.string().trim().min(1, "must have 1 to 200 characters").max(200, "must have 1 to 200 characters"),
});
