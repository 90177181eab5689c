import crypto from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { REQUEST_ID_HEADER } from "@/lib/api/request-id";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import {
  API_CONTENT_SECURITY_POLICY,
  frameAncestorOf,
  pageContentSecurityPolicy,
} from "@/lib/security/content-security-policy";

// Every request (pages, APIs and static files alike: no matcher) gets a fresh
// id, visible to handlers in the request headers and to clients as
// X-Request-Id. A client-sent X-Request-Id is not trusted.
//
// Pages get a Content-Security-Policy with a fresh nonce; Next reads it from
// the request's CSP header and puts it on its own scripts. Nothing may frame a
// page, except the wallet embed, which its session's origin_url may.
const EMBED_PREFIX = "/embed/checkout/";

export const proxy = async (request: NextRequest) => {
  const requestId = newId("request");
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const path = request.nextUrl.pathname;
  if (!isDecodable(path)) return malformedPath(path, requestId);

  let policy: string | undefined;
  if (path.startsWith("/api/") || path.startsWith("/v1/")) {
    policy = API_CONTENT_SECURITY_POLICY;
  } else if (!path.startsWith("/_next/")) {
    const nonce = crypto.randomBytes(16).toString("base64");
    const frameAncestors = path.startsWith(EMBED_PREFIX)
      ? await embedFrameAncestors(path.slice(EMBED_PREFIX.length))
      : [];
    policy = pageContentSecurityPolicy({ nonce, frameAncestors, dev: process.env.NODE_ENV === "development" });
    headers.set("Content-Security-Policy", policy);
  }

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("X-Request-Id", requestId);
  if (policy) response.headers.set("Content-Security-Policy", policy);
  return response;
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

const malformedPath = (path: string, requestId: string) => {
  const message = "The URL path is not valid percent-encoding.";
  if (path.startsWith("/api/") || path.startsWith("/v1/")) {
    return errorResponse(new ApiError("parameter_invalid", message), requestId);
  }
  return new NextResponse(`Bad request: ${message}`, { status: 400, headers: { "X-Request-Id": requestId } });
};

const embedFrameAncestors = async (secret: string): Promise<string[]> => {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(secret)) return [];
  const session = await db()
    .walletCheckoutSession.findUnique({ where: { secret }, select: { originUrl: true } })
    .catch(() => null); // the page itself reports a database failure
  const origin = session ? frameAncestorOf(session.originUrl) : undefined;
  return origin ? [origin] : [];
};
