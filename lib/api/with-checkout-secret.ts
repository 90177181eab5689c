import { errorResponse } from "./errors";
import { readJsonBody } from "./request-body";
import { requestIdOf } from "./request-id";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The ceremony of the hosted pages' own endpoints (`/api/hosted/{family}/{secret}/…`):
 * the session's client secret in the path is the credential, valid for that
 * one session only. The handler gets the secret and the JSON body (undefined
 * when there is none); errors come back in the one error shape, never cached.
 */
export const withCheckoutSecret =
  (handler: (args: { secret: string; body: unknown; request: Request }) => Promise<Response>) =>
  async (request: Request, { params }: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    try {
      const { secret } = (await params) as { secret: string };
      const response = await handler({ secret, body: await readJsonBody(request), request });
      response.headers.set("Cache-Control", "no-store");
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
