import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { chargeWithCascade, type ProviderCall } from "@/lib/card/charge-with-cascade";
import type { CardProvider, ChargeResult } from "@/lib/providers/types";

const card = { brand: "visa" as const, last4: "4242" };

const fake = (name: string, answer: () => Promise<ChargeResult>): CardProvider & { keys: string[] } => {
  const keys: string[] = [];
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
    completeAuthentication: async () => {
      throw new Error("not used");
    },
    refund: async () => {
      throw new Error("not used");
    },
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

const run = async (providers: CardProvider[]) => {
  const reported: ProviderCall[] = [];
  const result = await chargeWithCascade({
    providers,
    request: { mode: "test", amount: 1000n, currency: "USD", source: { token: "t" } },
    idempotencyKey: (provider) => `att_1:${provider.name}`,
    timeoutMs: 50,
    onCall: async (call) => {
      reported.push(call);
    },
  });
  return { ...result, reported };
};

describe("charge with cascade", () => {
  test("a soft decline moves on to the next provider, which succeeds", async () => {
    const first = fake("first", soft);
    const second = fake("second", succeeds);
    const result = await run([first, second, fake("third", succeeds)]);
    assert.equal(result.provider?.name, "second");
    assert.equal(result.result?.status, "succeeded");
    assert.deepEqual(
      result.reported.map((call) => [call.provider.name, call.result?.status]),
      [
        ["first", "declined"],
        ["second", "succeeded"],
      ],
    );
    assert.deepEqual(first.keys, ["att_1:first"]);
    assert.deepEqual(second.keys, ["att_1:second"]);
  });

  test("a timeout and an error cascade; the calls say which failed how", async () => {
    const result = await run([fake("slow", hangs), fake("broken", throws), fake("ok", succeeds)]);
    assert.equal(result.provider?.name, "ok");
    assert.deepEqual(
      result.calls.map((call) => [call.provider.name, call.failure]),
      [
        ["slow", "timeout"],
        ["broken", "error"],
        ["ok", undefined],
      ],
    );
    assert.ok(result.calls[0].latencyMs >= 45);
  });

  test("a hard decline stops the cascade: the card was refused, not the provider", async () => {
    const next = fake("next", succeeds);
    const result = await run([fake("first", hard), next]);
    assert.equal(result.result?.status, "declined");
    assert.equal(result.provider?.name, "first");
    assert.equal(next.keys.length, 0);
  });

  test("when everyone declines softly the last decline is the answer; when nobody answers there is none", async () => {
    const allSoft = await run([fake("a", soft), fake("b", soft)]);
    assert.equal(allSoft.result?.status, "declined");
    assert.equal(allSoft.provider?.name, "b");
    const nobody = await run([fake("a", hangs), fake("b", throws)]);
    assert.equal(nobody.result, undefined);
    assert.equal(nobody.calls.length, 2);
  });
});
