import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { jwtVerify } from "jose";
import pg from "pg";
import { seedSessionBody } from "../support/card";
import { PROJECT_ROOT, type RunningServer, readLockUrl, startServer } from "../support/server";
import { eventually, type Receiver, startReceiver } from "../support/webhook-receiver";

// Secrets at rest (README "Exactly once"): signing secrets and the JWT key are
// sealed with the installation's key. Secrets stored in plaintext by an older
// version are sealed at the next start and keep working; an instance with
// another key refuses to start.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-secrets-"));
const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const LEGACY_SECRET = `whsec_${crypto.randomBytes(32).toString("base64")}`;
const LEGACY_JWT_KEY = crypto.randomBytes(32);

describe("secrets at rest", { timeout: 180_000 }, () => {
  test("plaintext secrets of an older version are sealed at start and still sign; another key cannot start", async () => {
    let server: RunningServer = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "" });
    cleanups.push(() => server.stop("SIGTERM"));
    const apiKey = server.demoApiKey();
    const merchantId = server.demoSignIn().match(/merchant: (mer_\S+)/)?.[1] ?? "";
    assert.ok(apiKey && merchantId, "the demo merchant is printed");
    const keyFile = fs.statSync(path.join(dataDir, "encryption.key"));
    assert.equal(keyFile.mode & 0o777, 0o600, "the key file is readable by its owner only");

    const sql = new pg.Client({ connectionString: readLockUrl(dataDir) });
    await sql.connect();
    const call = async (method: string, url: string, body?: unknown, key = apiKey) => {
      const response = await fetch(`${server.baseUrl}${url}`, {
        method,
        headers: {
          Authorization: `Bearer ${key}`,
          "Content-Type": "application/json",
          ...(method === "POST" ? { "Idempotency-Key": crypto.randomUUID() } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    };
    const receivers: Receiver[] = [await startReceiver(), await startReceiver()];
    cleanups.push(async () => {
      for (const receiver of receivers) await receiver.down();
    });

    // Made through the API: the answer holds the secret, the row only its sealed form.
    const created = await call("POST", "/api/v1/webhooks", { url: receivers[0].url });
    assert.equal(created.status, 201);
    receivers[0].trust(created.json.secret);
    const stored = async (id: string) =>
      (await sql.query("SELECT secret FROM webhook_endpoints WHERE id = $1", [id])).rows[0].secret as string;
    assert.match(await stored(created.json.id), /^enc:v1:/);
    assert.ok(!(await stored(created.json.id)).includes(created.json.secret.slice(6)));

    // As an older version stored them: a signing secret and the JWT key in plaintext.
    await sql.query(
      `INSERT INTO webhook_endpoints (id, merchant_id, mode, url, event_types, secret, updated_at)
       VALUES ('whep_legacy', $1, 'test', $2, '{}', $3, now())`,
      [merchantId, receivers[1].url, LEGACY_SECRET],
    );
    receivers[1].trust(LEGACY_SECRET);
    const started = await sql.query("SELECT value FROM server_secrets WHERE name = 'jwt_signing_key'");
    assert.match(started.rows[0].value, /^enc:v1:/, "made sealed at the first start");
    await sql.query("UPDATE server_secrets SET value = $1 WHERE name = 'jwt_signing_key'", [
      LEGACY_JWT_KEY.toString("base64url"),
    ]);

    await sql.end();
    await server.stop("SIGTERM");
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "" });
    assert.match(server.output(), /Sealed 1 webhook signing secret/);
    const sealedSql = new pg.Client({ connectionString: readLockUrl(dataDir) });
    await sealedSql.connect();
    cleanups.push(() => sealedSql.end());
    const legacyRow = (await sealedSql.query("SELECT secret FROM webhook_endpoints WHERE id = 'whep_legacy'")).rows[0];
    assert.match(legacyRow.secret, /^enc:v1:/);
    const jwtRow = (await sealedSql.query("SELECT value FROM server_secrets WHERE name = 'jwt_signing_key'")).rows[0];
    assert.match(jwtRow.value, /^enc:v1:/, "sealed at start, before any token");

    // Both endpoints sign with the secret their merchant holds.
    const session = await call("POST", "/api/v1/sessions", seedSessionBody());
    assert.equal(session.status, 201, JSON.stringify(session.json));
    assert.equal((await call("POST", `/api/v1/sessions/${session.json.sessionId}/cancel`)).status, 200);
    for (const receiver of receivers) {
      const hook = await eventually(() => receiver.received[0], "the cancel's webhook");
      assert.equal(hook.event.type, "session.cancelled");
      assert.ok(hook.verified, "signed with the endpoint's own secret");
    }

    // The JWT key of the older version still signs (tokens issued before stay valid).
    const issued = await call("POST", "/api/v1/auth/token");
    assert.equal(issued.status, 200);
    await jwtVerify(issued.json.token, new Uint8Array(LEGACY_JWT_KEY), { audience: "tillpoint:card-sessions" });
    assert.equal((await call("GET", "/api/v1/sessions", undefined, issued.json.token)).status, 200);

    // A CLI run against the shared database with no key of its own invents none: it says what is missing.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "tp-cli-"));
    cleanups.push(async () => fs.rmSync(elsewhere, { recursive: true, force: true }));
    const cli = spawnSync(
      process.execPath,
      [
        path.join(PROJECT_ROOT, "bin/tillpoint.mjs"),
        "webhook",
        "create",
        "--merchant",
        merchantId,
        "--url",
        receivers[0].url,
      ],
      {
        env: { ...process.env, DATABASE_URL: readLockUrl(dataDir), DATA_DIR: elsewhere, ENCRYPTION_KEY: "" },
        encoding: "utf8",
      },
    );
    assert.notEqual(cli.status, 0);
    assert.match(cli.stderr + cli.stdout, /No ENCRYPTION_KEY and no key file/);
    assert.deepEqual(fs.readdirSync(elsewhere), []);

    // An instance with another key would write secrets nobody else can read: it does not start.
    await assert.rejects(
      startServer({ DATABASE_URL: readLockUrl(dataDir), ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") }),
      /ENCRYPTION_KEY is not the key this database's secrets are encrypted with/,
    );
  });
});
