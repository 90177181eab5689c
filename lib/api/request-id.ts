import { newId } from "@/lib/ids";

// Our HTTP server stamps every request with an id, and every response with the
// same X-Request-Id (lib/server/stamp-request.ts); handlers read it back from
// the request headers.
export const REQUEST_ID_HEADER = "x-request-id";

export const requestIdOf = (request: Request): string => request.headers.get(REQUEST_ID_HEADER) ?? newId("request");
