import crypto from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { findHostedPageSettings } from "@/lib/checkout/find-hosted-page-settings";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { LOCALE_HEADER } from "@/lib/i18n/request-locale";
import { matchLocale, resolveLocale } from "@/lib/i18n/resolve-locale";
import { decodeCheckoutToken } from "@/lib/security/checkout-token";
import { frameAncestorOf, pageContentSecurityPolicy } from "@/lib/security/content-security-policy";

// Pages only (the matcher below): the APIs, logos, /metrics and static files
// pass through no per-request middleware. Our HTTP server has already given
// every request its id and X-Request-Id, the APIs their CSP, and answered a
// path that is not valid percent-encoding (lib/server/stamp-request.ts).
//
// Pages get a Content-Security-Policy with a fresh nonce; Next reads it from
// the request's CSP header and puts it on its own scripts. Nothing may frame a
// page, except the wallet embed, which its session's origin_url may.
//
// Hosted checkout pages get their locale here, once, for the layout's
// <html lang dir> and the page alike (README "Hosted pages: languages"); every
// other page is English.
const EMBED_PREFIX = "/embed/checkout/";
const CHECKOUT_PATH = "/checkout";

export const config = {
  // Everything but the data paths (lib/server/stamp-request.ts), Next's own files and the public folder's.
  matcher: ["/((?!api/|v1/|branding/|metrics|_next/|vendor/|favicon\\.ico|robots\\.txt).*)"],
};

export const proxy = async (request: NextRequest) => {
  const headers = new Headers(request.headers);
  headers.set(LOCALE_HEADER, DEFAULT_LOCALE);
  const nonce = crypto.randomBytes(16).toString("base64");
  const page = await hostedPage(request);
  if (page) headers.set(LOCALE_HEADER, page.locale);
  const policy = pageContentSecurityPolicy({
    nonce,
    frameAncestors: page?.frameAncestors,
    dev: process.env.NODE_ENV === "development",
  });
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
};

/** The secret a hosted page's URL names: /checkout/{token}, /checkout?token=…, /embed/checkout/{secret}. */
const hostedSecretOf = ({ pathname, searchParams }: NextRequest["nextUrl"]): string | undefined => {
  if (pathname.startsWith(EMBED_PREFIX)) {
    const secret = pathname.slice(EMBED_PREFIX.length);
    return /^[A-Za-z0-9_-]{1,100}$/.test(secret) ? secret : undefined;
  }
  // The query is decoded already; the HTTP server checked the path decodable.
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
