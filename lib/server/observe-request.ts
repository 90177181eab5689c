import type http from "node:http";
import { log, type RequestContext } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import { type readRoutePatterns, routeLabel } from "./route-patterns";

const SECRET_SEGMENT = /\[(secret|token)\]/;
// …and so does any path under the hosted prefixes, even one no route serves (a mistyped hosted URL).
const SECRET_PREFIX = /^\/(api\/hosted|checkout|embed)\//;

/**
 * One log line and the HTTP metrics of each request, written once its answer
 * is sent (or the client gave up: status 499). Returns the request's log
 * context, which the route adds the merchant to once its API key is read.
 */
export const observeRequest = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  { requestId, pathname }: { requestId: string; pathname: string },
  routes: ReturnType<typeof readRoutePatterns>,
): RequestContext => {
  const started = process.hrtime.bigint();
  const context: RequestContext = { request_id: requestId, route: routeLabel(routes, pathname) };
  response.once("close", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = response.writableFinished ? response.statusCode : 499;
    const method = request.method ?? "GET";
    const route = context.route ?? "unmatched";
    metrics.httpRequests.inc({ method, route, status: String(status) });
    metrics.httpDuration.observe({ method, route }, seconds);
    const line = {
      ...context,
      method,
      // A hosted page's path holds its session's secret: the route names it, the path is left out.
      ...(SECRET_SEGMENT.test(route) || SECRET_PREFIX.test(pathname) ? {} : { path: pathname }),
      status,
      duration_ms: Math.round(seconds * 10_000) / 10,
    };
    // Next's own files (scripts, styles) at debug: they would drown the requests that matter.
    if (route === "/_next") log.debug(line, "request");
    else if (status >= 500) log.error(line, "request");
    else log.info(line, "request");
  });
  return context;
};
