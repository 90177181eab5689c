import http from "node:http";
import type net from "node:net";
import { Webhook } from "standardwebhooks";

// A real webhook receiver on loopback, as a merchant would write one: it
// checks each request's signature with the `standardwebhooks` library and
// answers what the test tells it to.

export type ReceivedWebhook = {
  webhookId: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  event: any;
  /** Whether `standardwebhooks` accepted the signature with the receiver's secret. */
  verified: boolean;
  /** What the receiver answered (undefined while it hangs). */
  answered?: number;
};

/** The status to answer, "hang" to never answer, or "redirect". */
type Answer = number | "hang" | "redirect" | "huge";

type Options = {
  /** Called per request; `seen` counts earlier requests with the same webhook-id. */
  answer?: (hook: ReceivedWebhook, seen: number) => Answer;
  port?: number;
};

const inspectors: ((hook: ReceivedWebhook) => void)[] = [];

/** Runs `inspect` on every webhook any receiver of this process gets (the API tests check each against the document). */
export const inspectEveryWebhook = (inspect: (hook: ReceivedWebhook) => void) => inspectors.push(inspect);

export const startReceiver = async ({ answer = () => 200, port = 0 }: Options = {}) => {
  const received: ReceivedWebhook[] = [];
  let secrets: string[] = [];
  const sockets = new Set<net.Socket>();

  const verify = (body: string, headers: http.IncomingHttpHeaders) =>
    secrets.some((secret) => {
      try {
        new Webhook(secret).verify(body, headers as Record<string, string>);
        return true;
      } catch {
        return false;
      }
    });

  const server = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const webhookId = String(request.headers["webhook-id"]);
      const hook: ReceivedWebhook = {
        webhookId,
        headers: request.headers,
        body,
        event: JSON.parse(body),
        verified: verify(body, request.headers),
      };
      const seen = received.filter((earlier) => earlier.webhookId === webhookId).length;
      received.push(hook);
      for (const inspect of inspectors) inspect(hook);
      const reply = answer(hook, seen);
      if (reply === "hang") return;
      if (reply === "redirect") {
        hook.answered = 302;
        response.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" }).end();
      } else if (reply === "huge") {
        hook.answered = 200;
        response.writeHead(200, { "content-type": "text/plain" });
        const chunk = "x".repeat(64 * 1024);
        let sent = 0;
        const write = () => {
          while (sent < 10 * 1024 * 1024) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once("drain", write);
          }
          response.end();
        };
        response.on("error", () => {});
        write();
      } else {
        hook.answered = reply;
        response.writeHead(reply, { "content-type": "text/plain" }).end(`answer ${reply}`);
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const listen = (onPort: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(onPort, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
    });
  const boundPort = await listen(port);

  return {
    url: `http://127.0.0.1:${boundPort}/webhooks`,
    port: boundPort,
    received,
    /** The secrets signatures are checked with (after a rotation, old and new). */
    trust: (...values: string[]) => {
      secrets = values;
    },
    /** Stops answering: new connections are refused, open ones cut. */
    down: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
    /** Listens again on the same port. */
    up: () => listen(boundPort),
    /** Received requests whose answer was a 2xx, in arrival order. */
    accepted: () => received.filter((hook) => hook.answered !== undefined && hook.answered < 300),
  };
};

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Polls until `check` returns a truthy value; the deadline only bounds a failing test, it measures nothing. */
type Truthy<T> = Exclude<T, false | 0 | "" | null | undefined>;

export const eventually = async <T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 30_000,
): Promise<Truthy<T>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
