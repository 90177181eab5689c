import { ApiError, errorResponse } from "./errors";
import { requestIdOf } from "./request-id";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

// Next answers a method a route does not export with an empty 405; our APIs
// answer in the one error shape, with the Allow header.
const methodNotAllowed =
  (allowed: string): Handler =>
  async (request) =>
    errorResponse(
      new ApiError("method_not_allowed", `${request.method} is not allowed here. Allowed: ${allowed}.`, {
        headers: { Allow: allowed },
      }),
      requestIdOf(request),
    );

/** `export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({ GET: …, POST: … });` */
export const apiRoute = (handlers: Partial<Record<Method, Handler>>): Record<Method, Handler> => {
  const allowed = METHODS.filter((method) => handlers[method]).join(", ");
  return Object.fromEntries(METHODS.map((method) => [method, handlers[method] ?? methodNotAllowed(allowed)])) as Record<
    Method,
    Handler
  >;
};

/** For catch-all routes under the API prefixes: a JSON 404 for every method. */
export const unknownApiRoute = (): Record<Method, Handler> => {
  const notFound: Handler = async (request) =>
    errorResponse(
      new ApiError("not_found", `No API endpoint ${request.method} ${new URL(request.url).pathname}.`),
      requestIdOf(request),
    );
  return Object.fromEntries(METHODS.map((method) => [method, notFound])) as Record<Method, Handler>;
};
