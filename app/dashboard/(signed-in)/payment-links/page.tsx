import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { PageTitle, Section, TextField } from "@/components/dashboard/ui";
import { dashboardContext } from "@/lib/dashboard/context";
import { createPaymentLink } from "./actions";

export const metadata: Metadata = { title: "Payment links" };

export default async function PaymentLinksPage() {
  const { scope, user } = await dashboardContext();
  return (
    <div className="space-y-4">
      <PageTitle lead="A hosted payment page for one customer, without writing code: send them the link or show the QR code.">
        Payment links
      </PageTitle>
      <p className="text-sm">
        <Link href="/dashboard/payments?status=open" className="font-medium text-brand hover:underline">
          Links not paid yet →
        </Link>
      </p>
      {user.role !== "owner" ? (
        <p className="text-sm text-slate-700">Your role is viewer: only an owner can create payment links.</p>
      ) : (
        <Section title={`New ${scope.mode} payment link`}>
          <ActionForm
            action={createPaymentLink}
            label="Create payment link"
            hidden={{ key: randomUUID() }}
            testId="payment-link-form"
          >
            <fieldset>
              <legend className="text-xs font-medium text-slate-700">Paid by</legend>
              <div className="mt-1 flex gap-4 text-sm">
                <label className="flex items-center gap-1.5">
                  <input type="radio" name="family" value="card" defaultChecked /> Card
                </label>
                <label className="flex items-center gap-1.5">
                  <input type="radio" name="family" value="crypto" /> Crypto
                </label>
              </div>
            </fieldset>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField label="Product" name="product" idPrefix="link-" required maxLength={200} />
              <TextField
                label="Reference (optional)"
                name="reference"
                idPrefix="link-"
                maxLength={200}
                hint="Your order number; one is made when empty."
              />
              <TextField
                label="Amount"
                name="amount"
                idPrefix="link-"
                required
                inputMode="decimal"
                placeholder="19.90"
              />
              <TextField
                label="Currency"
                name="currency"
                idPrefix="link-"
                required
                defaultValue="USD"
                maxLength={3}
                hint="ISO 4217, e.g. USD, EUR, AUD (crypto: USD EUR GBP CHF CAD AUD JPY)."
              />
              <TextField label="Customer first name" name="firstName" idPrefix="link-" required maxLength={100} />
              <TextField label="Customer last name" name="lastName" idPrefix="link-" required maxLength={100} />
              <TextField label="Customer e-mail" name="email" idPrefix="link-" type="email" required />
              <div />
              <TextField
                label="After payment, go to"
                name="successUrl"
                idPrefix="link-"
                type="url"
                required
                placeholder="https://shop.example.com/thanks"
              />
              <TextField
                label="If not paid, go to"
                name="failureUrl"
                idPrefix="link-"
                type="url"
                required
                placeholder="https://shop.example.com/cart"
              />
            </div>
          </ActionForm>
        </Section>
      )}
    </div>
  );
}
