import { testDb } from "./api";

// What the test card providers themselves recorded: the provider's side of
// "money moved once", read from their own table rather than from ours.

type Recorded = { kind: string; status: string };

const recorded = async (where: { idempotencyKey: { startsWith: string } }[]): Promise<Recorded[]> => {
  if (where.length === 0) return [];
  const rows = await testDb().testProviderOperation.findMany({ where: { OR: where } });
  return rows.map((row) => ({ kind: row.kind, status: (row.result as { status: string }).status }));
};

/** Charges (and 3-D Secure completions) the providers made for a card session that succeeded. */
export const providerCardCharges = async (sessionId: string) => {
  const attempts = await testDb().cardPaymentAttempt.findMany({ where: { sessionId }, select: { id: true } });
  const operations = await recorded(attempts.map(({ id }) => ({ idempotencyKey: { startsWith: `${id}:` } })));
  return operations.filter((operation) => operation.kind !== "refund" && operation.status === "succeeded").length;
};

/** Refunds the providers made for a card session. */
export const providerRefunds = async (sessionId: string) => {
  const refunds = await testDb().cardRefund.findMany({ where: { sessionId }, select: { id: true } });
  const operations = await recorded(refunds.map(({ id }) => ({ idempotencyKey: { startsWith: id } })));
  return operations.filter((operation) => operation.kind === "refund" && operation.status === "succeeded").length;
};

/** Successful charges the providers made under the keys of our charge rows that match `where`. */
export const providerChargesFor = async (where: Parameters<ReturnType<typeof testDb>["charge"]["findMany"]>[0]) => {
  const charges = await testDb().charge.findMany({ ...where, select: { provider: true, idempotencyKey: true } });
  if (charges.length === 0) return 0;
  const rows = await testDb().testProviderOperation.findMany({
    where: { OR: charges.map(({ provider, idempotencyKey }) => ({ provider, idempotencyKey })) },
  });
  return rows.filter((row) => (row.result as { status: string }).status === "succeeded").length;
};

export const eventCount = (objectId: string, type: string) => testDb().event.count({ where: { objectId, type } });
