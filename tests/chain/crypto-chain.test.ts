import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Address } from "viem";
import { evmChainWatcher, MalformedChainResponseError } from "@/lib/crypto/chain-watcher";
import { scanChain } from "@/lib/crypto/scan-chain";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { type Anvil, deployToken, startAnvil, TOKEN_ABI } from "../support/anvil";
import { checkoutBody, randomXpub, secretOf } from "../support/crypto";
import { freePort, type RunningServer, readLockUrl, startServer } from "../support/server";

// Payment detection end to end: a real EVM node (Anvil) on loopback with two
// 6-decimal ERC-20 tokens, and `tillpoint start` watching it. Money moves by
// real transactions; every outcome is read back through the public API.

const CONFIRMATIONS = 3;

describe("crypto checkout on a real EVM node", () => {
  let anvil: Anvil;
  let server: RunningServer;
  let serverEnv: Record<string, string>;
  let db: Db;
  let apiKey: string;
  let tokens: { USDC: Address; USDT: Address };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-chain-"));

  const call = async (route: string, method = "GET", body?: unknown) => {
    const response = await fetch(`${server.baseUrl}${route}`, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };

  const startTillpoint = async () => {
    server = await startServer(serverEnv);
  };

  /** A session whose customer has picked `asset`: its id, deposit address and amount due. */
  const openSession = async (asset: "ETH" | "USDC" | "USDT", amount = 100) => {
    const created = await call("/api/v1/checkout", "POST", checkoutBody({ amount, allowedAssets: [asset] }));
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const secret = secretOf(created.json.checkoutUrl, serverEnv.PUBLIC_BASE_URL);
    const chosen = await fetch(`${server.baseUrl}/api/hosted/crypto/${secret}/asset`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ asset }),
    });
    assert.equal(chosen.status, 200);
    const session = (await call(`/api/v1/checkout/sessions/${created.json.id}`)).json;
    return {
      id: session.id as string,
      address: session.payment.address as Address,
      due: BigInt(session.payment.baseUnits.amountDue),
    };
  };

  const pay = async (asset: "ETH" | "USDC" | "USDT", to: Address, amount: bigint) => {
    const wallet = anvil.wallet();
    const hash =
      asset === "ETH"
        ? await wallet.sendTransaction({ to, value: amount })
        : await wallet.writeContract({
            address: tokens[asset],
            abi: TOKEN_ABI,
            functionName: "transfer",
            args: [to, amount],
          });
    await anvil.publicClient.waitForTransactionReceipt({ hash });
    return hash;
  };

  const waitForSession = async (id: string, done: (session: any) => boolean, what: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const session = (await call(`/api/v1/checkout/sessions/${id}`)).json;
      if (done(session)) return session;
      if (Date.now() > deadline)
        assert.fail(`${what}: still ${JSON.stringify(session.status)} ${JSON.stringify(session.payment)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /** The session's events, oldest first, as GET /api/v1/events lists them (newest first). */
  const eventTypes = async (id: string) =>
    (await call(`/api/v1/events?object_id=${id}`)).json.data.map((event: { type: string }) => event.type).reverse();

  before(async () => {
    anvil = await startAnvil();
    tokens = { USDC: await deployToken(anvil, "USDC"), USDT: await deployToken(anvil, "USDT") };
    const port = await freePort();
    serverEnv = {
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      PORT: String(port),
      PUBLIC_BASE_URL: `http://localhost:${port}`,
      CRYPTO_TEST_RPC_URL: anvil.rpcUrl,
      CRYPTO_TEST_CHAIN_ID: "31337",
      CRYPTO_TEST_CONFIRMATIONS: String(CONFIRMATIONS),
      CRYPTO_TEST_USDC_ADDRESS: tokens.USDC,
      CRYPTO_TEST_USDT_ADDRESS: tokens.USDT,
      CRYPTO_POLL_INTERVAL_MS: "200",
    };
    await startTillpoint();
    db = createPrismaClient(readLockUrl(dataDir));
    ({ secret: apiKey } = await createMerchant(db, { name: "Chain Co" }));
    const settings = await call("/api/v1/crypto/settings", "PUT", { xpub: randomXpub() });
    assert.equal(settings.status, 200);
    assert.deepEqual(settings.json.assets, ["ETH", "USDC", "USDT"]);
    assert.equal(settings.json.network.watched, true);
  });

  after(async () => {
    await db?.$disconnect();
    await server?.stop();
    anvil?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("ETH paid exactly: pending while confirmations accrue, then completed once", async () => {
    const session = await openSession("ETH");
    assert.equal(session.due, 33_333_333_333_333_334n);
    const hash = await pay("ETH", session.address, session.due);
    const pending = await waitForSession(session.id, (s) => s.status !== "open", "ETH seen");
    assert.equal(pending.status, "pending");
    assert.equal(pending.payment.amountPending, "0.033333333333333334");
    await anvil.testClient.mine({ blocks: CONFIRMATIONS });
    const done = await waitForSession(session.id, (s) => s.status === "completed", "ETH confirmed");
    assert.equal(done.payment.amountReceived, "0.033333333333333334");
    assert.equal(done.payment.overpaid, false);
    assert.equal(done.payment.transactions.length, 1);
    assert.equal(done.payment.transactions[0].hash, hash);
    assert.ok(done.payment.transactions[0].confirmations >= CONFIRMATIONS);
    // One event per state change, in the scanner's transactions, each carrying the metadata.
    assert.deepEqual(await eventTypes(session.id), ["crypto_checkout.pending", "crypto_checkout.completed"]);
    const [completed] = (await call(`/api/v1/events?object_id=${session.id}`)).json.data;
    assert.deepEqual(completed.data.object.metadata, { orderId: "1234567890" });
    assert.equal(completed.data.object.payment.amountReceived, "0.033333333333333334");
  });

  test("USDC in two parts: pending with the remainder shown, then completed", async () => {
    const session = await openSession("USDC", 25.5);
    assert.equal(session.due, 25_500_000n);
    await pay("USDC", session.address, 10_000_000n);
    await anvil.testClient.mine({ blocks: CONFIRMATIONS });
    const part = await waitForSession(session.id, (s) => s.payment.amountReceived === "10", "first part confirmed");
    assert.deepEqual([part.status, part.payment.amountRemaining], ["pending", "15.5"]);
    await pay("USDC", session.address, 15_500_000n);
    await anvil.testClient.mine({ blocks: CONFIRMATIONS });
    const done = await waitForSession(session.id, (s) => s.status === "completed", "second part confirmed");
    assert.deepEqual([done.payment.amountReceived, done.payment.transactions.length], ["25.5", 2]);
  });

  test("USDT overpaid: completed and flagged", async () => {
    const session = await openSession("USDT", 10);
    await pay("USDT", session.address, 12_000_000n);
    await anvil.testClient.mine({ blocks: CONFIRMATIONS });
    const done = await waitForSession(session.id, (s) => s.status === "completed", "overpayment");
    assert.equal(done.payment.overpaid, true);
    assert.equal(done.payment.amountReceived, "12");
  });

  test("paid after expiry: recorded and flagged paid_late, the session stays expired", async () => {
    const session = await openSession("USDC", 5);
    assert.equal((await call(`/api/v1/checkout/${session.id}/expire`, "POST")).status, 201);
    await pay("USDC", session.address, session.due);
    await anvil.testClient.mine({ blocks: CONFIRMATIONS });
    const late = await waitForSession(session.id, (s) => s.payment.paidLate, "late payment");
    assert.equal(late.status, "expired");
    await waitForSession(session.id, (s) => s.payment.amountReceived === "5", "late payment confirmed");
  });

  test("a watcher that cannot read the chain holds expiry: a session paid in time completes once it catches up", async () => {
    const session = await openSession("USDC", 8);
    // An outage, as far as scanning goes: another owner holds the chain's lease, so nothing is read.
    await db.$executeRaw`
      UPDATE chain_cursors SET lease_owner = 'outage', lease_until = now() + interval '1 hour' WHERE chain_id = 31337`;
    await pay("USDC", session.address, session.due);
    await anvil.testClient.mine({ blocks: CONFIRMATIONS });
    // Paid, then the session's time runs out while the watcher is blind.
    await db.cryptoCheckoutSession.update({ where: { id: session.id }, data: { expiresAt: new Date() } });
    await new Promise((resolve) => setTimeout(resolve, 7_000)); // past the 5 s expiry sweep
    assert.equal((await call(`/api/v1/checkout/sessions/${session.id}`)).json.status, "open");

    await db.$executeRaw`UPDATE chain_cursors SET lease_owner = NULL, lease_until = NULL WHERE chain_id = 31337`;
    const done = await waitForSession(session.id, (s) => s.status === "completed", "caught up");
    assert.deepEqual([done.payment.paidLate, done.payment.underpaid, done.payment.amountReceived], [false, false, "8"]);
  });

  test("the watcher restarts mid-confirmation: it resumes from its cursor and counts the payment once", async () => {
    const session = await openSession("ETH", 30);
    await pay("ETH", session.address, session.due);
    await waitForSession(session.id, (s) => s.status === "pending", "seen before the restart");
    assert.equal(await server.stop(), 0);
    await anvil.testClient.mine({ blocks: CONFIRMATIONS + 2 });
    // While Tillpoint is down, another payment lands; it must be found from the stored cursor.
    await pay("ETH", session.address, 1n);
    await anvil.testClient.mine({ blocks: CONFIRMATIONS });
    await startTillpoint();
    const done = await waitForSession(session.id, (s) => s.payment.overpaid, "after restart");
    assert.equal(done.payment.overpaid, true);
    const transfers = await db.cryptoTransfer.findMany({ where: { sessionId: session.id } });
    assert.equal(transfers.length, 2);
  });

  test("a reorganisation removes a seen payment: the session goes back to open, never paid", async () => {
    const session = await openSession("USDC", 7);
    const snapshot = await anvil.testClient.snapshot();
    await pay("USDC", session.address, session.due);
    await waitForSession(session.id, (s) => s.status === "pending", "seen");
    // The block with the payment leaves the chain; a longer chain without it replaces it.
    await anvil.testClient.revert({ id: snapshot });
    await anvil.testClient.mine({ blocks: CONFIRMATIONS + 3 });
    const reverted = await waitForSession(session.id, (s) => s.status === "open", "after the reorganisation");
    assert.equal(reverted.payment.amountReceived, "0");
    assert.equal(reverted.payment.transactions[0].status, "orphaned");
    // Paid for real afterwards, it completes.
    await pay("USDC", session.address, session.due);
    await anvil.testClient.mine({ blocks: CONFIRMATIONS });
    const done = await waitForSession(session.id, (s) => s.status === "completed", "paid after the reorganisation");
    assert.equal(done.payment.amountReceived, "7");
    const types = await eventTypes(session.id);
    assert.deepEqual(types.slice(0, 2), ["crypto_checkout.pending", "crypto_checkout.reopened"]);
    assert.equal(types.at(-1), "crypto_checkout.completed");
  });

  test("a node answering malformed data marks nothing paid and moves no cursor", async () => {
    const session = await openSession("USDC", 3);
    const FAKE_CHAIN = 4242;
    await db.cryptoCheckoutSession.update({ where: { id: session.id }, data: { chainId: FAKE_CHAIN } });
    const to = session.address.slice(2).toLowerCase().padStart(64, "0");
    const hash = `0x${"ab".repeat(32)}`;
    const answers: Record<string, unknown> = {
      eth_blockNumber: "0x20",
      eth_getBlockByNumber: { number: "0x20", hash, parentHash: hash, transactions: [], timestamp: "0x1" },
      // A Transfer log to the session whose value is not a uint256 (one byte of data).
      eth_getLogs: [
        {
          address: tokens.USDC.toLowerCase(),
          topics: [
            "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef",
            `0x${"0".repeat(64)}`,
            `0x${to}`,
          ],
          data: "0x01",
          blockNumber: "0x20",
          blockHash: hash,
          transactionHash: hash,
          transactionIndex: "0x0",
          logIndex: "0x0",
          removed: false,
        },
      ],
    };
    const rpc = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        const message = JSON.parse(body);
        const reply = (one: { id: number; method: string }) => ({
          jsonrpc: "2.0",
          id: one.id,
          result: answers[one.method] ?? null,
        });
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify(Array.isArray(message) ? message.map(reply) : reply(message)));
      });
    });
    await new Promise<void>((resolve) => rpc.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = rpc.address() as { port: number };
      const watcher = evmChainWatcher({
        chainId: FAKE_CHAIN,
        rpcUrl: `http://127.0.0.1:${port}`,
        confirmations: 1,
        tokens,
      });
      await db.chainCursor.create({ data: { chainId: FAKE_CHAIN, nextBlock: 0x20n } });
      // The malformed log is dropped by strict decoding; a malformed block body fails the whole step.
      const result = await scanChain(db, watcher, { confirmations: 1, owner: "test" });
      assert.equal(result.leased && result.recorded, 0);
      answers.eth_getBlockByNumber = { number: "0x21", hash: "0x1234", transactions: "nonsense" };
      answers.eth_blockNumber = "0x21";
      await assert.rejects(scanChain(db, watcher, { confirmations: 1, owner: "test" }), MalformedChainResponseError);
      const cursor = await db.chainCursor.findUniqueOrThrow({ where: { chainId: FAKE_CHAIN } });
      assert.equal(cursor.nextBlock, 0x21n);
      assert.equal(await db.cryptoTransfer.count({ where: { sessionId: session.id } }), 0);
      const view = (await call(`/api/v1/checkout/sessions/${session.id}`)).json;
      assert.equal(view.status, "open");
    } finally {
      rpc.close();
    }
  });
});
