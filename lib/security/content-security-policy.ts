// contract "Hosted checkout pages": a strict CSP with nonces on every page, and `frame-ancestors
// 'none'` everywhere except the wallet embed, which only the session's
// origin_url may frame. Pure, so the rules are unit-tested.

export type CspOptions = {
  nonce: string;
  /** Origins allowed to frame the page; none by default. */
  frameAncestors?: string[];
  /** React's development build evaluates code: allowed only under `tillpoint dev`. */
  dev?: boolean;
};

export const pageContentSecurityPolicy = ({ nonce, frameAncestors = [], dev = false }: CspOptions) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React writes style attributes; scripts are what a nonce must guard.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(" ") : "'none'"}`,
  ].join("; ");

/** APIs answer JSON: nothing in them may run, and nothing may frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** `https://shop.example.com/app?x` → `https://shop.example.com`, the form frame-ancestors takes. */
export const frameAncestorOf = (url: string): string | undefined => {
  if (!URL.canParse(url)) return undefined;
  const { protocol, origin } = new URL(url);
  return protocol === "https:" || protocol === "http:" ? origin : undefined;
};

/** The nonce of a page policy (a route handler that writes its own HTML reads it from the request's policy). */
export const NONCE_PATTERN = /'nonce-([A-Za-z0-9+/=]+)'/;
