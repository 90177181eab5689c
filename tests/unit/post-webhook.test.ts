import assert from "node:assert/strict";
import http from "node:http";
import type net from "node:net";
import { after, describe, test } from "node:test";
import { isSuccessfulResponse, postWebhook } from "@/lib/webhooks/post-webhook";

// The HTTP side of a delivery against local servers that misbehave: whatever
// they do, postWebhook answers within its timeout and reads at most 1 KB.

const servers: http.Server[] = [];
after(() => {
  for (const server of servers) server.closeAllConnections();
  return Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const serve = async (handler: http.RequestListener) => {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/hook`;
};

const post = (url: string, options: { timeoutMs?: number; allowLoopback?: boolean } = {}) =>
  postWebhook({
    url,
    headers: { "content-type": "application/json", "webhook-id": "evt_1" },
    body: '{"id":"evt_1"}',
    timeoutMs: options.timeoutMs ?? 2_000,
    allowLoopback: options.allowLoopback ?? true,
  });

describe("posting a webhook", () => {
  test("sends the body and headers, and reports the status and the answer", async () => {
    let received: { body: string; headers: http.IncomingHttpHeaders } | undefined;
    const url = await serve((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        received = { body, headers: request.headers };
        response.writeHead(204).end();
      });
    });
    const response = await post(url);
    assert.equal(response.status, 204);
    assert.equal(isSuccessfulResponse(response), true);
    assert.equal(received?.body, '{"id":"evt_1"}');
    assert.equal(received?.headers["webhook-id"], "evt_1");
    assert.equal(received?.headers["content-length"], "14");
  });

  test("a receiver that never answers is cut off at the timeout", async () => {
    const url = await serve(() => {});
    const response = await post(url, { timeoutMs: 300 });
    assert.equal(response.status, null);
    assert.match(response.error ?? "", /No answer within 300 ms/);
    assert.ok(response.durationMs >= 290);
  });

  test("a receiver that sends headers and then trickles its body is cut off too", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200);
      response.write("a");
    });
    const response = await post(url, { timeoutMs: 300 });
    assert.equal(response.status, null);
    assert.match(response.error ?? "", /No answer within/);
  });

  test("a redirect is not followed and is not a success", async () => {
    let followed = false;
    const target = await serve((_request, response) => {
      followed = true;
      response.end();
    });
    const url = await serve((_request, response) => response.writeHead(307, { location: target }).end());
    const response = await post(url);
    assert.equal(response.status, 307);
    assert.equal(isSuccessfulResponse(response), false);
    assert.match(response.error ?? "", /Redirects are not followed/);
    assert.equal(followed, false);
  });

  test("a 10 MB answer: the first KB is kept and the rest never waited for", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200);
      response.on("error", () => {});
      response.write("y".repeat(10 * 1024 * 1024));
    });
    const response = await post(url, { timeoutMs: 5_000 });
    assert.equal(response.status, 200);
    assert.ok((response.body ?? "").length <= 1024);
    assert.equal(response.error, undefined);
  });

  test("refused connections and forbidden addresses are failures with a reason, and never reach a server", async () => {
    const closed = await post("http://127.0.0.1:1/hook");
    assert.equal(closed.status, null);
    assert.match(closed.error ?? "", /ECONNREFUSED/);

    let reached = false;
    const url = await serve((_request, response) => {
      reached = true;
      response.end();
    });
    const literal = await post(url, { allowLoopback: false });
    assert.match(literal.error ?? "", /not a public address/);
    const named = await post(url.replace("127.0.0.1", "localhost"), { allowLoopback: false });
    assert.match(named.error ?? "", /not a public address/);
    assert.equal(reached, false);
  });
});
