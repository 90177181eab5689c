import crypto from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { REQUEST_ID_HEADER } from "@/lib/api/request-id";
import { findHostedPageSettings } from "@/lib/checkout/find-hosted-page-settings";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { LOCALE_HEADER } from "@/lib/i18n/request-locale";
import { matchLocale, resolveLocale } from "@/lib/i18n/resolve-locale";
import { newId } from "@/lib/ids";
import { decodeCheckoutToken } from "@/lib/security/checkout-token";
import {
  API_CONTENT_SECURITY_POLICY,
  frameAncestorOf,
  pageContentSecurityPolicy,
} from "@/lib/security/content-security-policy";

// Every request (pages, APIs and static files alike: no matcher) has an id,
// minted by the HTTP server (lib/server/start-server.ts, which replaces a
// client-sent X-Request-Id), visible to handlers in the request headers, to
// the logs, and to clients as X-Request-Id.
//
// Pages get a Content-Security-Policy with a fresh nonce; Next reads it from
// the request's CSP header and puts it on its own scripts. Nothing may frame a
// page, except the wallet embed, which its session's origin_url may.
//
// Hosted checkout pages get their locale here, once, for the layout's
// <html lang dir> and the page alike (README "Hosted pages: languages"); every
// other page is English. The header is always overwritten.
const EMBED_PREFIX = "/embed/checkout/";
const CHECKOUT_PATH = "/checkout";
const LOGO_PREFIX = "/branding/";

export const proxy = async (request: NextRequest) => {
  const requestId = request.headers.get(REQUEST_ID_HEADER) ?? newId("request");
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set(LOCALE_HEADER, DEFAULT_LOCALE);
  const path = request.nextUrl.pathname;
  if (!isDecodable(path)) return malformedPath(path, requestId);

  let policy: string | undefined;
  if (path.startsWith("/api/") || path.startsWith("/v1/") || path.startsWith(LOGO_PREFIX) || path === "/metrics") {
    // APIs answer JSON (metrics, text), logos are pictures: nothing in them runs, and nothing frames them.
    policy = API_CONTENT_SECURITY_POLICY;
  } else if (!path.startsWith("/_next/")) {
    const nonce = crypto.randomBytes(16).toString("base64");
    const page = await hostedPage(request);
    if (page) headers.set(LOCALE_HEADER, page.locale);
    policy = pageContentSecurityPolicy({
      nonce,
      frameAncestors: page?.frameAncestors,
      dev: process.env.NODE_ENV === "development",
    });
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

/** The secret a hosted page's URL names: /checkout/{token}, /checkout?token=…, /embed/checkout/{secret}. */
const hostedSecretOf = ({ pathname, searchParams }: NextRequest["nextUrl"]): string | undefined => {
  if (pathname.startsWith(EMBED_PREFIX)) {
    const secret = pathname.slice(EMBED_PREFIX.length);
    return /^[A-Za-z0-9_-]{1,100}$/.test(secret) ? secret : undefined;
  }
  // The query is decoded already; the path was checked decodable above.
  const token =
    pathname === CHECKOUT_PATH
      ? searchParams.get("token")
      : decodeURIComponent(pathname.slice(CHECKOUT_PATH.length + 1).split("/")[0] ?? "");
  return token ? decodeCheckoutToken(token, env().publicBaseUrl) : undefined;
};

/** A hosted page's locale and who may frame it; undefined for every other page. */
const hostedPage = async (request: NextRequest) => {
  const url = request.nextUrl;
  const embed = url.pathname.startsWith(EMBED_PREFIX);
  if (!embed && url.pathname !== CHECKOUT_PATH && !url.pathname.startsWith(`${CHECKOUT_PATH}/`)) return undefined;
  // ?locale= comes first: when it names a language we have, only the embed's framing needs the session.
  const chosen = matchLocale(url.searchParams.get("locale"), { pseudo: true });
  if (chosen && !embed) return { locale: chosen.tag, frameAncestors: [] };
  const secret = hostedSecretOf(url);
  const settings = secret
    ? await findHostedPageSettings(db(), secret).catch(() => undefined) // the page itself reports a database failure
    : undefined;
  const origin = embed && settings?.originUrl ? frameAncestorOf(settings.originUrl) : undefined;
  const locale =
    chosen ??
    resolveLocale({
      session: settings?.sessionLocale,
      acceptLanguage: request.headers.get("accept-language"),
      merchantDefault: settings?.merchantLocale,
    });
  return { locale: locale.tag, frameAncestors: origin ? [origin] : [] };
};
