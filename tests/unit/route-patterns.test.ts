import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { readRoutePatterns, routeLabel } from "@/lib/server/route-patterns";
import { PROJECT_ROOT } from "@/tests/support/server";

describe("the route label of a request path (logs and metrics)", () => {
  const routes = readRoutePatterns(path.join(PROJECT_ROOT, "app"));

  test("ids and secrets become the route's parameter names", () => {
    assert.equal(routeLabel(routes, "/v1/checkout_sessions/cs_test_01ABC"), "/v1/checkout_sessions/[id]");
    assert.equal(routeLabel(routes, "/api/hosted/card/sec_123/pay"), "/api/hosted/card/[secret]/pay");
    assert.equal(routeLabel(routes, "/checkout/tok.en"), "/checkout/[token]");
  });

  test("a static segment wins over a dynamic one, a catch-all comes last", () => {
    assert.equal(routeLabel(routes, "/api/health/live"), "/api/health/live");
    assert.equal(routeLabel(routes, "/v1/connections"), "/v1/connections");
    assert.equal(routeLabel(routes, "/v1/no/such/thing"), "/v1/[...path]");
    assert.equal(routeLabel(routes, "/api/nope"), "/api/[...path]");
  });

  test("Next's files share one label; what no route serves is unmatched", () => {
    assert.equal(routeLabel(routes, "/_next/static/chunks/a.js"), "/_next");
    assert.equal(routeLabel(routes, "/favicon-nothing.png"), "unmatched");
    assert.equal(routeLabel(routes, "/"), "/");
  });

  test("route groups add no segment, private folders no route, optional catch-alls match nothing too", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-routes-"));
    for (const file of ["(shop)/cart/page.tsx", "_parts/page.tsx", "docs/[[...slug]]/page.tsx"]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), "");
    }
    const own = readRoutePatterns(dir);
    assert.equal(routeLabel(own, "/cart"), "/cart");
    assert.equal(routeLabel(own, "/_parts"), "unmatched");
    assert.equal(routeLabel(own, "/docs"), "/docs/[[...slug]]");
    assert.equal(routeLabel(own, "/docs/a/b"), "/docs/[[...slug]]");
    fs.rmSync(dir, { recursive: true });
  });
});
