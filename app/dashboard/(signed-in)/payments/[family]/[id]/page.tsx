import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import QRCode from "qrcode";
import { PaymentDetail } from "@/components/dashboard/payment-detail";
import { orNotFound } from "@/lib/dashboard/action";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { getPaymentDetail, paymentEvents } from "@/lib/reports/payment-detail";
import { resendDelivery } from "../../../developers/actions";
import { cancelPayment, expirePayment, refundPayment } from "./actions";

export const metadata: Metadata = { title: "Payment" };

export default async function PaymentPage({ params }: { params: Promise<{ family: string; id: string }> }) {
  const { scope, user } = await dashboardContext();
  const { family, id } = await params;
  const payment = await orNotFound(getPaymentDetail(db(), scope, family, id));
  const [events, linkQr] = await Promise.all([
    paymentEvents(db(), scope, payment.eventObjectIds),
    payment.link ? QRCode.toString(payment.link, { type: "svg", margin: 1 }) : undefined,
  ]);
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
        linkQr={linkQr}
        actions={{ refund: refundPayment, cancel: cancelPayment, expire: expirePayment, resend: resendDelivery }}
      />
    </div>
  );
}
