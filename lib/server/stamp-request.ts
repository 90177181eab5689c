import type http from "node:http";
import { ApiError, type ErrorBody } from "@/lib/api/errors";
import { CLIENT_ADDRESS_HEADER, FORWARDED_HEADER } from "@/lib/api/rate-limit";
import { REQUEST_ID_HEADER } from "@/lib/api/request-id";
import { env } from "@/lib/env";
import { LOCALE_HEADER } from "@/lib/i18n/request-locale";
import { API_CONTENT_SECURITY_POLICY } from "@/lib/security/content-security-policy";
import { clientAddress } from "./client-address";

// What our HTTP server does to every request before Next sees it, so that no
// per-request middleware runs for the APIs (proxy.ts runs for pages only: its
// matcher). The headers it sets on the request replace anything a client sent
// under their names; the headers it sets on the response come first (Next
// adds a route's own header only where none is set yet).

/**
 * Paths that answer data, never a page: JSON APIs, the metrics text, logos. Nothing in them runs or is framed.
 * The same prefixes as proxy.ts's matcher leaves out, so every path gets one policy or the other.
 */
const DATA_PATH = /^\/(?:api\/|v1\/|branding\/|metrics)/;
const API_PATH = /^\/(?:api|v1)\//;

/** The path of a request's target, without its query. */
export const pathOf = (request: http.IncomingMessage) => (request.url ?? "/").split("?")[0];

/** Stamps `request` and `response`; returns false when it answered itself (a malformed path). */
export const stampRequest = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  { requestId, path }: { requestId: string; path: string },
) => {
  const headers = request.headers;
  // The one source of the client's address for rate limits.
  headers[CLIENT_ADDRESS_HEADER] = clientAddress(
    request.socket.remoteAddress,
    headers["x-forwarded-for"],
    env().trustedProxyHops,
  );
  // Whether it came through a proxy: read here, since Next adds an X-Forwarded-For of its own to every request.
  headers[FORWARDED_HEADER] = headers["x-forwarded-for"] !== undefined || headers.forwarded !== undefined ? "1" : "0";
  // The request's id, for the handlers and the logs, and the answer's X-Request-Id.
  headers[REQUEST_ID_HEADER] = requestId;
  response.setHeader("X-Request-Id", requestId);
  // A page's locale is decided by proxy.ts; nothing else may name one.
  delete headers[LOCALE_HEADER];

  if (DATA_PATH.test(path)) response.setHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  if (isDecodable(path)) return true;
  answerMalformedPath(path, requestId, response);
  return false;
};

// A path with broken percent-encoding (`/v1/%E0%A4%A`) makes Next's route
// matching throw, which would be a 500: it is the client's mistake, a 400.
const isDecodable = (path: string) => {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
};

const answerMalformedPath = (path: string, requestId: string, response: http.ServerResponse) => {
  const message = "The URL path is not valid percent-encoding.";
  if (API_PATH.test(path)) {
    const error = new ApiError("parameter_invalid", message);
    const body: ErrorBody = { error: { code: error.code, message, request_id: requestId } };
    response.writeHead(error.status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  } else {
    response.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end(`Bad request: ${message}`);
  }
};
