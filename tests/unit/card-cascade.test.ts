import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chargeWithCascade } from "@/lib/card/charge-with-cascade";
import { callProvider } from "@/lib/payments/call-provider";
import type { ChargeCall } from "@/lib/payments/charge-provider";
import type { CardProvider, ChargeResult } from "@/lib/providers/types";

const card = { brand: "visa" as const, last4: "4242" };

const fake = (name: string, answer: () => Promise<ChargeResult>): CardProvider & { keys: string[] } => {
  const keys: string[] = [];
  const unused = async () => {
    throw new Error("not used");
  };
  return {
    name,
    currencies: ["USD"],
    brands: ["visa"],
    fee: { percentBps: 100, fixedHundredths: 0 },
    nominalLatencyMs: 1,
    keys,
    charge: async (request) => {
      keys.push(request.idempotencyKey);
      return answer();
    },
    completeAuthentication: unused,
    refund: unused,
    lookupCharge: unused,
    lookupRefund: unused,
  };
};

const succeeds = () =>
  Promise.resolve<ChargeResult>({ status: "succeeded", reference: "ch_1", card: { ...card, token: "t" } });
const soft = () =>
  Promise.resolve<ChargeResult>({ status: "declined", code: "processing_error", soft: true, message: "soft", card });
const hard = () =>
  Promise.resolve<ChargeResult>({ status: "declined", code: "card_declined", soft: false, message: "hard", card });
const hangs = () => new Promise<ChargeResult>(() => {});
const throws = () => Promise.reject(new Error("connection refused"));

/** The cascade over fakes, each call classified by the payments core's own `callProvider`. */
const run = async (providers: CardProvider[]) => {
  const settledSoft: string[] = [];
  const result = await chargeWithCascade({
    providers,
    charge: async (provider, cascadeIndex): Promise<ChargeCall> => ({
      chargeId: `ch_${provider.name}`,
      outcome: await callProvider(
        (signal) =>
          provider.charge({
            mode: "test",
            amount: 1000n,
            currency: "USD",
            source: { token: "t" },
            idempotencyKey: `att_1:${provider.name}`,
            cascadeIndex,
            signal,
          }),
        50,
      ),
    }),
    onSoftDecline: async (step) => {
      settledSoft.push(step.provider.name);
    },
  });
  const answer = result.last.call.outcome;
  return { ...result, answer, settledSoft };
};

describe("charge with cascade", () => {
  test("a soft decline moves on to the next provider, which succeeds", async () => {
    const first = fake("first", soft);
    const second = fake("second", succeeds);
    const result = await run([first, second, fake("third", succeeds)]);
    assert.equal(result.last.provider.name, "second");
    assert.equal(result.answer.answered && result.answer.result.status, "succeeded");
    assert.deepEqual(result.settledSoft, ["first"]);
    assert.deepEqual(first.keys, ["att_1:first"]);
    assert.deepEqual(second.keys, ["att_1:second"]);
  });

  test("a timeout stops the cascade: money may have moved there, so nobody else is asked", async () => {
    const next = fake("next", succeeds);
    const result = await run([fake("slow", hangs), next]);
    assert.equal(result.last.provider.name, "slow");
    assert.equal(result.answer.answered, false);
    assert.equal(!result.answer.answered && result.answer.reason, "timeout");
    assert.ok(result.answer.latencyMs >= 45);
    assert.equal(next.keys.length, 0);
  });

  test("an error is no answer either: it stops the cascade and is not a decline", async () => {
    const next = fake("next", succeeds);
    const result = await run([fake("broken", throws), next]);
    assert.equal(!result.answer.answered && result.answer.reason, "error");
    assert.equal(!result.answer.answered && result.answer.message, "connection refused");
    assert.equal(next.keys.length, 0);
    assert.deepEqual(result.settledSoft, []);
  });

  test("a hard decline stops the cascade: the card was refused, not the provider", async () => {
    const next = fake("next", succeeds);
    const result = await run([fake("first", hard), next]);
    assert.equal(result.answer.answered && result.answer.result.status, "declined");
    assert.equal(result.last.provider.name, "first");
    assert.equal(next.keys.length, 0);
  });

  test("when everyone declines softly the last decline is the answer, and only the earlier ones are settled on the way", async () => {
    const allSoft = await run([fake("a", soft), fake("b", soft)]);
    assert.equal(allSoft.answer.answered && allSoft.answer.result.status, "declined");
    assert.equal(allSoft.last.provider.name, "b");
    assert.deepEqual(allSoft.settledSoft, ["a"]);
    assert.equal(allSoft.steps.length, 2);
  });
});
