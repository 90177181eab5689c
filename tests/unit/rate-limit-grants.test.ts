import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { GRANTS_KEPT, type Grant, grantSize, spendGrant, type TakeFromCounter } from "@/lib/api/rate-limit";

// Rate-limit grants (lib/api/rate-limit.ts): processes take a limit's requests from the shared counter a share
// at a time. Here the counter is rate-limiter-flexible's memory store, and a "process" is its own grant map.

const noError = (error: unknown) => assert.fail(`the counter failed: ${String(error)}`);

/** A shared counter that also counts how often it is charged (the database writes a real one makes). */
const sharedCounter = (points: number, seconds = 60) => {
  const store = new RateLimiterMemory({ points, duration: seconds });
  const counter: { writes: number; take: TakeFromCounter } = {
    writes: 0,
    take: (size) => {
      counter.writes++;
      return store.consume("key", size);
    },
  };
  return counter;
};

/** `requests` concurrent requests spread over `processes`: how many each let through. */
const burst = async (points: number, processes: number, requests: number) => {
  const counter = sharedCounter(points);
  const grants = Array.from({ length: processes }, () => new Map<string, Grant>());
  const answers = await Promise.all(
    Array.from({ length: requests }, (_, i) => spendGrant(grants[i % processes], "k", counter.take, points, noError)),
  );
  return { counter, passed: answers.filter((answer) => answer === undefined).length, answers };
};

describe("rate-limit grants", () => {
  test("a twentieth of the limit is taken at once; limits under 40 one request at a time", () => {
    assert.equal(grantSize(100), 5);
    assert.equal(grantSize(100_000), 5_000);
    assert.equal(grantSize(40), 2);
    assert.equal(grantSize(39), 1);
    assert.equal(grantSize(8), 1);
    assert.equal(grantSize(1), 1);
  });

  test("one process: exactly the limit goes through, with one counter write per grant", async () => {
    const { counter, passed, answers } = await burst(100, 1, 150);
    assert.equal(passed, 100);
    // 20 grants of 5, then one refusal; the refused requests wait for that one answer, not a write each.
    assert.equal(counter.writes, 21);
    const refused = answers.filter((answer) => answer !== undefined) as number[];
    assert.equal(refused.length, 50);
    assert.ok(
      refused.every((ms) => ms > 0 && ms <= 60_000),
      `ms before the window ends: ${refused[0]}`,
    );
  });

  test("four processes never let more than the limit through, and at most their unspent shares fewer", async () => {
    for (const [points, requests] of [
      [100, 400],
      [100, 103],
      [41, 200],
      [8, 50],
    ]) {
      const { passed } = await burst(points, 4, requests);
      const size = grantSize(points);
      assert.ok(passed <= points, `${passed} of a limit of ${points} went through`);
      assert.ok(passed >= points - 3 * (size - 1), `only ${passed} of ${points} went through`);
    }
  });

  test("a grant that would cross the limit gives what was left under it", async () => {
    const counter = sharedCounter(100);
    await counter.take(98);
    const grants = new Map<string, Grant>();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await spendGrant(grants, "k", counter.take, 100, noError));
    assert.deepEqual(
      answers.map((answer) => answer === undefined),
      [true, true, false, false],
    );
  });

  test("a new window gives a new grant", async () => {
    const counter = sharedCounter(40, 1);
    const grants = new Map<string, Grant>();
    for (let i = 0; i < 40; i++) assert.equal(await spendGrant(grants, "k", counter.take, 40, noError), undefined);
    assert.notEqual(await spendGrant(grants, "k", counter.take, 40, noError), undefined);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal(await spendGrant(grants, "k", counter.take, 40, noError), undefined);
  });

  test("a process keeps at most GRANTS_KEPT grants, however many keys ask within a window", async () => {
    const store = new RateLimiterMemory({ points: 100, duration: 60 });
    const grants = new Map<string, Grant>();
    for (let i = 0; i < GRANTS_KEPT * 1.5; i++) {
      const take: TakeFromCounter = (size) => store.consume(`key-${i}`, size);
      assert.equal(await spendGrant(grants, `key-${i}`, take, 100, noError), undefined);
      assert.ok(grants.size <= GRANTS_KEPT, `${grants.size} grants kept`);
    }
    // The newest are the ones kept.
    assert.ok(grants.has(`key-${GRANTS_KEPT * 1.5 - 1}`));
    assert.ok(!grants.has("key-0"));
  });

  test("an unreachable counter lets the request and every one waiting with it through, once reported", async () => {
    const errors: unknown[] = [];
    let writes = 0;
    const down: TakeFromCounter = async () => {
      writes++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error("connection refused");
    };
    const grants = new Map<string, Grant>();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => spendGrant(grants, "k", down, 100, (error) => errors.push(error))),
    );
    assert.deepEqual(answers, Array(10).fill(undefined));
    assert.equal(writes, 1);
    assert.equal(errors.length, 1);
  });
});
