import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ApiFamilies } from "@/components/api-families";
import { ERROR_STATUS } from "@/lib/api/errors";

export const metadata: Metadata = { title: "API documentation" };

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-10">
      <h2 className="text-2xl font-semibold">{title}</h2>
      <div className="mt-3 space-y-3 text-slate-800">{children}</div>
    </section>
  );
}

const Code = ({ children }: { children: ReactNode }) => (
  <code className="rounded bg-slate-200 px-1 py-0.5 text-sm">{children}</code>
);

export default function DocsPage() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-4xl font-bold tracking-tight">Tillpoint API</h1>
      <p>
        Every endpoint, field and answer: the <a href="/docs/api">interactive reference</a>, from the OpenAPI 3.1
        document at <a href="/api/openapi.json">/api/openapi.json</a>.
      </p>
      <ApiFamilies />
      <Section title="Authentication">
        <p>
          Send a secret key on every call: <Code>Authorization: Bearer sk_test_…</Code>. Test keys see only test-mode
          objects, live keys only live ones. Create merchants and keys with <Code>npx tillpoint</Code>.
        </p>
      </Section>
      <Section title="Errors">
        <p>
          Every error is JSON: <Code>{'{"error": {"code", "message", "param", "request_id"}}'}</Code>, and every
          response carries <Code>X-Request-Id</Code>.
        </p>
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th className="py-1">code</th>
              <th className="py-1">status</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(ERROR_STATUS).map(([code, status]) => (
              <tr key={code} className="border-t border-slate-200">
                <td className="py-1 font-mono">{code}</td>
                <td className="py-1">{status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Idempotency">
        <p>
          Every POST accepts an <Code>Idempotency-Key</Code> header (up to 255 characters, kept 24 hours). The same key
          with the same body replays the first response with <Code>Idempotent-Replayed: true</Code>; with a different
          body it is refused with 422; while the first request still runs, 409.
        </p>
      </Section>
      <Section title="Keys and health">
        <p>
          <Code>GET/POST /api/v1/api_keys</Code>, <Code>GET/DELETE /api/v1/api_keys/{"{id}"}</Code> manage the keys of
          the calling merchant (a key creates keys of its own mode). <Code>GET /api/health</Code> checks the database.
        </p>
      </Section>
      <Section title="Wallet checkout (Lava dialect)">
        <p>
          Point <Code>@lavapayments/nodejs</Code> at <Code>{"<this server>/v1/"}</Code> with your key.{" "}
          <Code>POST /v1/checkout_sessions</Code> takes <Code>checkout_mode</Code> (<Code>onboarding</Code>,{" "}
          <Code>topup</Code>, <Code>subscription</Code>, <Code>credit_bundle</Code>), <Code>origin_url</Code> and the
          ids its mode needs, and returns a <Code>checkout_session_token</Code> for{" "}
          <Code>useLavaCheckout().open()</Code> or the hosted page <Code>{"/checkout/<token>"}</Code>.
        </p>
        <p>
          Also: <Code>GET /v1/checkout_sessions</Code>, <Code>/v1/connections</Code> (with balances),{" "}
          <Code>/v1/subscription_configs</Code>, <Code>/v1/credit_bundles</Code> and <Code>/v1/meters</Code> (create and
          edit too), <Code>/v1/subscriptions</Code>. Money is a decimal string in USD, such as{" "}
          <Code>&quot;10.00&quot;</Code>. In test mode, pay with <Code>4242 4242 4242 4242</Code>;{" "}
          <Code>4000 0000 0000 0002</Code> is declined.
        </p>
        <p>
          Wallets are spent by metered requests: <Code>POST /v1/requests</Code> records a request&apos;s usage against a
          connection and a meter, prices it by the meter&apos;s tiers and pays it from the connection&apos;s credit and
          wallet (<Code>request_id</Code> is its idempotency key). <Code>GET /v1/requests</Code> lists them and{" "}
          <Code>GET /v1/usage</Code> sums them per day.
        </p>
      </Section>
      <Section title="Crypto checkout (WeWire dialect)">
        <p>
          <Code>POST /api/v1/checkout</Code> takes <Code>amount</Code> (a number in the fiat <Code>currency</Code>),{" "}
          <Code>successUrl</Code>, <Code>cancelUrl</Code>, <Code>email</Code>, <Code>name</Code>, <Code>metadata</Code>,{" "}
          <Code>productId</Code>, <Code>productName</Code>, <Code>productDescription</Code> and{" "}
          <Code>allowedAssets</Code> (ETH, USDC, USDT; empty for all), and returns the session with its{" "}
          <Code>checkoutUrl</Code>. Set your extended public key first with <Code>PUT /api/v1/crypto/settings</Code>:
          each session is paid to its own address derived from it.
        </p>
        <p>
          Also: <Code>GET /api/v1/checkout</Code> (newest first, <Code>Link</Code> header for the next page),{" "}
          <Code>GET /api/v1/checkout/sessions/{"{id}"}</Code>, <Code>POST /api/v1/checkout/{"{id}"}/expire</Code> and{" "}
          <Code>/cancel</Code>. States: <Code>open</Code>, <Code>pending</Code>, <Code>completed</Code>,{" "}
          <Code>expired</Code>, <Code>canceled</Code>. In test mode the hosted page can simulate a payment.
        </p>
      </Section>
      <Section title="Card payment sessions (Kadosei dialect)">
        <p>
          <Code>POST /api/v1/sessions</Code> (with a required <Code>Idempotency-Key</Code>) takes{" "}
          <Code>orderReference</Code>, <Code>paymentMethod</Code> (<Code>card</Code>), <Code>currency</Code>,{" "}
          <Code>locale</Code>, <Code>amount</Code> (<Code>total</Code>, <Code>shipping</Code>, <Code>tax</Code>: numbers
          that must add up with <Code>orderItems</Code>), <Code>customer</Code>, <Code>shipping</Code>,{" "}
          <Code>additionalInformation</Code> and <Code>redirectUrls</Code>, and returns the <Code>sessionId</Code>, its{" "}
          <Code>checkoutUrl</Code> and the routing decision. Authenticate with your key or with a one-hour JWT from{" "}
          <Code>POST /api/v1/auth/token</Code>.
        </p>
        <p>
          Also: <Code>GET /api/v1/sessions</Code> (<Code>page</Code>, <Code>limit</Code>, <Code>status</Code>),{" "}
          <Code>GET /api/v1/sessions/{"{id}"}</Code> (attempts, provider calls and why each provider was chosen),{" "}
          <Code>POST /api/v1/sessions/{"{id}"}/cancel</Code> and <Code>/refunds</Code>. States: <Code>PENDING</Code>,{" "}
          <Code>PROCESSING</Code>, <Code>SUCCEEDED</Code>, <Code>FAILED</Code>, <Code>EXPIRED</Code>,{" "}
          <Code>CANCELLED</Code>, <Code>PARTIALLY_REFUNDED</Code>, <Code>REFUNDED</Code>. Test cards:{" "}
          <Code>4242…4242</Code> succeeds, <Code>…0002</Code> declines, <Code>…0119</Code> cascades to the next
          provider, <Code>…3220</Code> asks for 3-D Secure.
        </p>
      </Section>
      <Section title="Webhooks (every dialect)">
        <p>
          <Code>POST /api/v1/webhooks</Code> with <Code>url</Code> (https; http://localhost in test mode) and optional{" "}
          <Code>events</Code> returns the endpoint and its <Code>whsec_…</Code> signing secret, shown only there. Every
          state change sends an event <Code>{"{id, type, version, created_at, livemode, data: {object}}"}</Code>, signed
          per Standard Webhooks (<Code>webhook-id</Code>, <Code>webhook-timestamp</Code>, <Code>webhook-signature</Code>
          ): verify it with any Standard Webhooks library. A 2xx within 10 s is a success; anything else is retried with
          backoff for 72 hours, one object&apos;s events in order.
        </p>
        <p>
          Also: <Code>GET</Code>, <Code>PATCH</Code> and <Code>DELETE /api/v1/webhooks/{"{id}"}</Code>,{" "}
          <Code>POST …/rotate_secret</Code>, <Code>POST …/test</Code> (a test event to that endpoint),{" "}
          <Code>GET …/deliveries</Code> (status, response code, duration, next retry) and{" "}
          <Code>POST …/deliveries/{"{id}"}/resend</Code>, <Code>GET /api/v1/events</Code>,{" "}
          <Code>GET /api/v1/event_types</Code>, and Kadosei&apos;s{" "}
          <Code>/api/v1/applications/{"{appId}"}/webhooks</Code>.
        </p>
      </Section>
      <Section title="Hosted pages: language and branding">
        <p>
          Hosted pages speak 38 languages: <Code>?locale=</Code> on the page, then the session&apos;s{" "}
          <Code>locale</Code> (the card dialect&apos;s, or the optional <Code>locale</Code> of a crypto or wallet
          session), the browser&apos;s <Code>Accept-Language</Code>, the merchant&apos;s default, English.{" "}
          <Code>GET/PATCH /api/v1/branding</Code> sets <Code>display_name</Code>, <Code>logo</Code> (a{" "}
          <Code>data:</Code> URL of a PNG, JPEG or WebP up to 512 KB), <Code>brand_color</Code>,{" "}
          <Code>button_color</Code> (<Code>#RRGGBB</Code>), <Code>corner_style</Code>, <Code>theme</Code>,{" "}
          <Code>show_powered_by</Code> and <Code>default_locale</Code>; <Code>null</Code> resets a field.
        </p>
      </Section>
    </main>
  );
}
