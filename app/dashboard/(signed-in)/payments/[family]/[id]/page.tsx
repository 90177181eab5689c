import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PaymentDetail } from "@/components/dashboard/payment-detail";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { getPaymentDetail, paymentEvents } from "@/lib/reports/payment-detail";
import { cancelPayment, expirePayment, refundPayment, resendDelivery } from "./actions";

export const metadata: Metadata = { title: "Payment" };

export default async function PaymentPage({ params }: { params: Promise<{ family: string; id: string }> }) {
  const { scope, user } = await dashboardContext();
  const { family, id } = await params;
  const payment = await getPaymentDetail(db(), scope, family, id).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  });
  const events = await paymentEvents(db(), scope, payment.eventObjectIds);
  return (
    <div className="space-y-3">
      <Link href="/dashboard/payments" className="text-sm text-brand hover:underline">
        ← Payments
      </Link>
      <PaymentDetail
        payment={payment}
        events={events}
        canAct={user.role === "owner"}
        refundKey={randomUUID()}
        actions={{ refund: refundPayment, cancel: cancelPayment, expire: expirePayment, resend: resendDelivery }}
      />
    </div>
  );
}
