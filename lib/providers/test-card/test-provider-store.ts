import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

// Where the test providers keep what they did, per provider and idempotency
// key, as a real processor keeps its own records: a repeated call replays the
// first answer, and the reconciler's lookup after a restart finds it. The
// server keeps them in its database (their own table, written outside our
// transactions, so a failed write of ours never undoes what "the provider"
// did); unit tests use the in-memory store.

export type TestOperationKind = "charge" | "authentication" | "refund";

export type StoredTestOperation = { kind: TestOperationKind; result: unknown; reference: string | null };

export type TestProviderStore = {
  find(provider: string, idempotencyKey: string): Promise<StoredTestOperation | undefined>;
  findByReference(reference: string): Promise<StoredTestOperation | undefined>;
  /** Records an answer unless one exists for the key; returns the one that stands (the first). */
  record(provider: string, idempotencyKey: string, operation: StoredTestOperation): Promise<StoredTestOperation>;
};

export const memoryTestProviderStore = (): TestProviderStore => {
  const operations = new Map<string, StoredTestOperation>();
  const keyOf = (provider: string, idempotencyKey: string) => `${provider}\n${idempotencyKey}`;
  return {
    find: async (provider, idempotencyKey) => operations.get(keyOf(provider, idempotencyKey)),
    findByReference: async (reference) => [...operations.values()].find((entry) => entry.reference === reference),
    record: async (provider, idempotencyKey, operation) => {
      const key = keyOf(provider, idempotencyKey);
      const existing = operations.get(key);
      if (existing) return existing;
      operations.set(key, operation);
      return operation;
    },
  };
};

const fromRow = (row: { kind: string; result: Prisma.JsonValue; reference: string | null }): StoredTestOperation => ({
  kind: row.kind as TestOperationKind,
  result: row.result,
  reference: row.reference,
});

// Results hold bigint-free JSON only (references, card brand and last four, codes).
export const databaseTestProviderStore: TestProviderStore = {
  find: async (provider, idempotencyKey) => {
    const row = await db().testProviderOperation.findUnique({
      where: { provider_idempotencyKey: { provider, idempotencyKey } },
    });
    return row ? fromRow(row) : undefined;
  },
  findByReference: async (reference) => {
    const row = await db().testProviderOperation.findFirst({ where: { reference } });
    return row ? fromRow(row) : undefined;
  },
  record: async (provider, idempotencyKey, operation) => {
    await db().testProviderOperation.createMany({
      data: [
        {
          provider,
          idempotencyKey,
          kind: operation.kind,
          result: operation.result as Prisma.InputJsonValue,
          reference: operation.reference,
        },
      ],
      skipDuplicates: true,
    });
    const stored = await databaseTestProviderStore.find(provider, idempotencyKey);
    if (!stored) throw new Error(`The test provider ${provider} lost its record of ${idempotencyKey}.`);
    return stored;
  },
};
