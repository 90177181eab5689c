import http from "node:http";
import path from "node:path";
import { expectMigrations } from "@/lib/db/migration-readiness";
import { listMigrationFiles } from "@/lib/db/migrations";
import { newId } from "@/lib/ids";
import { withRequestContext } from "@/lib/log";
import { PROJECT_ROOT } from "./ensure-build";
import { observeRequest } from "./observe-request";
import { readRoutePatterns } from "./route-patterns";
import { pathOf, stampRequest } from "./stamp-request";

/**
 * Next.js behind our HTTP server, in this process, listening on `port`: what
 * `tillpoint start` runs once per HTTP worker (lib/server/cluster.ts), and
 * `tillpoint dev` once. DATABASE_URL must be set: route handlers read it
 * through lib/env.ts, like any deployment.
 */
export const serveHttp = async ({ dev, port }: { dev: boolean; port: number }) => {
  // What readiness compares the database's migration history with.
  expectMigrations(listMigrationFiles().map((file) => file.name));
  (process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
  const { default: next } = await import("next");
  const app = next({ dev, dir: PROJECT_ROOT, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const routes = readRoutePatterns(path.join(PROJECT_ROOT, "app"));
  const server = http.createServer((request, response) => {
    // Minted here: a client-sent X-Request-Id is replaced.
    const requestId = newId("request");
    const path = pathOf(request);
    const context = observeRequest(request, response, { requestId, pathname: path }, routes);
    if (stampRequest(request, response, { requestId, path })) {
      withRequestContext(context, () => void handle(request, response));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return {
    /** Stops accepting, lets the requests in flight finish (5 s at most), then closes every connection. */
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      }),
  };
};
