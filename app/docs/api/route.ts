// GET /docs/api: the interactive API reference (Scalar's standalone bundle,
// served from public/vendor by lib/server/vendor-assets.ts) over
// /api/openapi.json, under the pages' CSP: both scripts carry the nonce
// proxy.ts put in this request's policy; Scalar's web fonts are off (fonts come
// only from our origin). The element is not called "api-reference": Scalar
// mounts one of that id by itself, with its default configuration (web fonts).
import { NONCE_PATTERN } from "@/lib/security/content-security-policy";

export const dynamic = "force-dynamic";

const CONFIG = {
  url: "/api/openapi.json",
  withDefaultFonts: false,
  hideClientButton: false,
  telemetry: false,
  metaData: { title: "Tillpoint API reference" },
};

export const GET = async (request: Request) => {
  const nonce = NONCE_PATTERN.exec(request.headers.get("content-security-policy") ?? "")?.[1] ?? "";
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Tillpoint API reference</title>
  </head>
  <body>
    <main id="reference"></main>
    <script nonce="${nonce}" src="/vendor/scalar/standalone.js"></script>
    <script nonce="${nonce}">Scalar.createApiReference("#reference", ${JSON.stringify(CONFIG)});</script>
  </body>
</html>
`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
};
