import { errorResponse } from "./errors";
import { hostedErrorMessage, hostedTranslator, type Translate } from "./hosted-messages";
import { clientAddressOf, enforceRateLimit, rateLimitKey } from "./rate-limit";
import { readJsonBody } from "./request-body";
import { requestIdOf } from "./request-id";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The ceremony of the hosted pages' own endpoints (`/api/hosted/{family}/{secret}/…`):
 * the session's client secret in the path is the credential, valid for that
 * one session only. Its payment calls (every method but GET) are rate-limited
 * per client address and per session. The handler gets the secret, the JSON
 * body (undefined when there is none) and `t`, the customer's language;
 * errors come back in the one error shape, worded for the customer, never cached.
 */
export const withCheckoutSecret =
  (handler: (args: { secret: string; body: unknown; request: Request; t: Translate }) => Promise<Response>) =>
  async (request: Request, { params }: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    const t = await hostedTranslator(request);
    try {
      const { secret } = (await params) as { secret: string };
      if (request.method !== "GET") {
        await enforceRateLimit("hostedIp", clientAddressOf(request));
        await enforceRateLimit("hostedSession", rateLimitKey(secret));
      }
      const response = await handler({ secret, body: await readJsonBody(request), request, t });
      response.headers.set("Cache-Control", "no-store");
      return response;
    } catch (error) {
      return errorResponse(error, requestId, hostedErrorMessage(t));
    }
  };
