import type { EventWithDeliveries } from "@/lib/reports/events";
import type { PaymentDetail as PaymentDetailView } from "@/lib/reports/payment-detail";
import { ActionForm, type FormAction } from "./action-form";
import { CopyButton } from "./copy-button";
import { EventList } from "./event-list";
import { FAMILY_LABELS, formatUtc } from "./payments-table";
import { Section } from "./ui";

type Actions = { refund: FormAction; cancel: FormAction; expire: FormAction; resend: FormAction };

const TONES = { info: "bg-slate-400", good: "bg-emerald-600", bad: "bg-red-600" };

/** A payment's page: facts, actions, timeline, routing explained, events and their deliveries. */
export function PaymentDetail({
  payment,
  events,
  actions,
  refundKey,
  canAct,
  linkQr,
}: {
  payment: PaymentDetailView;
  events: EventWithDeliveries[];
  actions: Actions;
  refundKey: string;
  canAct: boolean;
  /** The payment link as a QR code (SVG markup made on the server by the qrcode library). */
  linkQr?: string;
}) {
  const ids = { family: payment.family, id: payment.id };
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-600">
          {FAMILY_LABELS[payment.family]} payment · <span className="font-mono">{payment.id}</span>
        </p>
        <h1 className="text-2xl font-semibold">
          {payment.amount} <span className="text-slate-600">· {payment.title}</span>
        </h1>
        <p className="mt-1 text-sm" data-testid="payment-status">
          Status: <strong>{payment.nativeStatus}</strong>
        </p>
      </div>

      {payment.link ? (
        <Section title="Payment link" testId="payment-link">
          <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
            {linkQr ? (
              <div
                role="img"
                aria-label="QR code of the payment link"
                className="size-40 shrink-0 rounded-lg bg-white p-1 ring-1 ring-slate-200"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made on the server by the qrcode library from our own URL
                dangerouslySetInnerHTML={{ __html: linkQr }}
              />
            ) : null}
            <div className="min-w-0 space-y-2 text-sm">
              <p>Send this link to the customer, or let them scan the code. It works until the payment closes.</p>
              <div className="flex items-center gap-2">
                <a
                  href={payment.link}
                  className="break-all font-mono text-xs text-brand hover:underline"
                  data-testid="payment-link-url"
                >
                  {payment.link}
                </a>
                <CopyButton value={payment.link} label="Copy link" />
              </div>
            </div>
          </div>
        </Section>
      ) : null}

      <Section title="Details">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {payment.facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-slate-600">{label}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      </Section>

      {canAct && (payment.actions.refundable || payment.actions.cancel || payment.actions.expire) ? (
        <Section title="Actions">
          <div className="flex flex-wrap items-start gap-6">
            {payment.actions.refundable ? (
              <ActionForm
                action={actions.refund}
                label="Refund"
                hidden={{ ...ids, key: refundKey }}
                testId="refund-form"
              >
                <label htmlFor="refund-amount" className="block text-sm font-medium">
                  Amount in {payment.actions.refundable.currency} (empty: all {payment.actions.refundable.remaining})
                </label>
                <input
                  id="refund-amount"
                  name="amount"
                  inputMode="decimal"
                  placeholder={payment.actions.refundable.remaining}
                  className="w-40 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                />
              </ActionForm>
            ) : null}
            {payment.actions.cancel ? (
              <ActionForm action={actions.cancel} label="Cancel payment" tone="danger" hidden={ids} />
            ) : null}
            {payment.actions.expire ? (
              <ActionForm action={actions.expire} label="Expire now" tone="plain" hidden={ids} />
            ) : null}
          </div>
        </Section>
      ) : null}

      <Section title="Timeline">
        <ol className="space-y-3" data-testid="timeline">
          {payment.timeline.map((entry) => (
            <li key={`${entry.at.toISOString()}-${entry.title}`} className="flex gap-3">
              <span aria-hidden="true" className={`mt-1.5 size-2.5 shrink-0 rounded-full ${TONES[entry.tone]}`} />
              <div className="min-w-0 text-sm">
                <p className="font-medium">
                  {entry.title} <span className="font-normal text-slate-600">· {formatUtc(entry.at)}</span>
                </p>
                {entry.lines.map((line) => (
                  <p key={line} className="break-all text-slate-700">
                    {line}
                  </p>
                ))}
              </div>
            </li>
          ))}
        </ol>
      </Section>

      {payment.routing.length > 0 ? (
        <Section title="Routing decisions">
          <div className="space-y-4">
            {payment.routing.map((decision) => (
              <div key={decision.title} className="overflow-x-auto">
                <h3 className="text-sm font-semibold">
                  {decision.title} <span className="font-normal text-slate-600">· {decision.strategy}</span>
                </h3>
                <table className="mt-1 w-full text-left text-sm">
                  <thead className="text-xs uppercase text-slate-600">
                    <tr>
                      <th scope="col" className="py-1 pr-3">
                        Provider
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        Score
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        Reliability · cost · speed
                      </th>
                      <th scope="col" className="py-1">
                        Inputs
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {decision.ranked.map((scored) => (
                      <tr key={scored.provider} className="border-t border-slate-100">
                        <td className="py-1 pr-3 font-medium">{scored.provider}</td>
                        <td className="py-1 pr-3 tabular-nums">{scored.score}</td>
                        <td className="py-1 pr-3 tabular-nums">
                          {scored.reliability} · {scored.cost} · {scored.speed}
                        </td>
                        <td className="py-1 text-slate-700">{scored.detail}</td>
                      </tr>
                    ))}
                    {decision.excluded.map((excluded) => (
                      <tr key={excluded.provider} className="border-t border-slate-100 text-slate-600">
                        <td className="py-1 pr-3 font-medium">{excluded.provider}</td>
                        <td className="py-1 pr-3" colSpan={3}>
                          excluded: {excluded.reason}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
          </div>
        </Section>
      ) : null}

      <Section title="Events and webhook deliveries">
        <EventList events={events} resend={canAct ? actions.resend : undefined} hidden={ids} />
      </Section>
    </div>
  );
}
