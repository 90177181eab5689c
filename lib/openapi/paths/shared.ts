// Pieces the three path files share: security requirements, the Idempotency-Key header,
// path parameters and the `Link` header of the array list style.
import { z } from "zod";
import { responseHeaders } from "../common";

type SecurityRequirement = Record<string, string[]>;

/** withMerchant without `jwt`: only `Authorization: Bearer sk_test_…|sk_live_…`; a JWT is a 401. */
export const apiKeyOnly: SecurityRequirement[] = [{ apiKey: [] }];
/** withMerchant({ jwt: true }): an API key, or a JWT from POST /api/v1/auth/token. */
export const apiKeyOrJwt: SecurityRequirement[] = [{ apiKey: [] }, { cardJwt: [] }];

const idempotencyKey = z.string().min(1).max(255).meta({
  description:
    "1 to 255 characters. The same key with the same request (method, path, query and JSON body) within 24 h replays the first answer (`Idempotent-Replayed: true`); with a different request it is a 422; while the first still runs, a 409.",
  example: "order-1234-attempt-1",
});

/** POSTs whose withMerchant has idempotencyKey: "required" (card sessions and refunds): missing is a 400 parameter_missing. */
export const idempotencyRequired = z.object({ "idempotency-key": idempotencyKey });
/** Every other POST honours the header when sent. */
export const idempotencyOptional = z.object({ "idempotency-key": idempotencyKey.optional() });

export const idPath = (description: string, example: string) =>
  z.object({ id: z.string().meta({ description, example }) });

/** The crypto dialect's array list: the next page, when there is one, as an RFC 8288 link on the public base URL. */
export const linkHeaders = responseHeaders.extend({
  Link: z.string().optional().meta({
    description:
      'Only when another page exists: `<{base}/api/v1/checkout?limit=…&starting_after=<last id>>; rel="next"` (other query parameters kept).',
    example:
      '<https://pay.example.com/api/v1/checkout?limit=50&starting_after=ccs_01KJHF4SFHW93DY4BVF227F33V>; rel="next"',
  }),
});
