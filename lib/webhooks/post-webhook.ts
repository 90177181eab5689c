import "server-only";
import http from "node:http";
import https from "node:https";
import { assertLiteralAddressAllowed, guardedLookup } from "./webhook-target";

// One HTTP POST to a merchant's receiver. Whatever the receiver does, this
// ends within `timeoutMs`: a hanging receiver is cut off, a redirect is not
// followed (it counts as a failure), and at most 1 KB of the answer is read
// (a 10 MB answer is not waited for).

export type WebhookRequest = {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowLoopback: boolean;
};

export type WebhookResponse = {
  /** The HTTP status, or null when there was no answer. */
  status: number | null;
  durationMs: number;
  error?: string;
  /** The start of the answer, for the merchant's delivery log. */
  body?: string;
};

const MAX_LOGGED_BODY_BYTES = 1024;

export const isSuccessfulResponse = (response: WebhookResponse) =>
  response.status !== null && response.status >= 200 && response.status < 300;

export const postWebhook = (request: WebhookRequest): Promise<WebhookResponse> => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (response: Omit<WebhookResponse, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing?.destroy();
      resolve({ ...response, durationMs: elapsed() });
    };
    let outgoing: http.ClientRequest | undefined;
    const timer = setTimeout(
      () => finish({ status: null, error: `No answer within ${request.timeoutMs} ms` }),
      request.timeoutMs,
    );

    try {
      const url = new URL(request.url);
      assertLiteralAddressAllowed(url, request.allowLoopback);
      const client = url.protocol === "https:" ? https : http;
      outgoing = client.request(url, {
        method: "POST",
        headers: { ...request.headers, "content-length": Buffer.byteLength(request.body).toString() },
        lookup: guardedLookup(request.allowLoopback),
        agent: false,
      });
    } catch (error) {
      finish({ status: null, error: error instanceof Error ? error.message : String(error) });
      return;
    }

    outgoing.on("error", (error) => finish({ status: null, error: error.message }));
    outgoing.on("response", (response) => {
      const status = response.statusCode ?? null;
      const redirect =
        status !== null && status >= 300 && status < 400
          ? `Redirects are not followed (to ${response.headers.location ?? "nowhere"})`
          : undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () =>
        finish({
          status,
          error: redirect,
          body: Buffer.concat(chunks).toString("utf8").slice(0, MAX_LOGGED_BODY_BYTES),
        });
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_LOGGED_BODY_BYTES) done();
      });
      response.on("end", done);
      response.on("error", done);
    });
    outgoing.end(request.body);
  });
};
