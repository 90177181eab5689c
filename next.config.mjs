import createNextIntlPlugin from "next-intl/plugin";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The build must not reach the network or the database: fonts come from npm
  // (next/font/local), clients are created lazily (lib/db/client.ts).
  // prom-client (and pino, on Next's own list) stay Node modules, one copy per
  // process: lib/metrics.ts and lib/log.ts are shared with the HTTP server.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@node-rs/argon2", "prom-client"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

// The hosted pages' catalogs (README "Hosted pages: languages"): next-intl
// reads its per-request configuration from lib/i18n/request.ts and compiles
// every catalog at build time, so the browser gets one locale's messages
// ready to format and no ICU parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true } },
});

export default withNextIntl(nextConfig);
