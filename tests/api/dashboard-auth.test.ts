import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { after, describe, test } from "node:test";
import { createDashboardAuth } from "../../lib/dashboard/auth";
import { createPrismaClient } from "../../lib/db/client";
import type { DomainError } from "../../lib/errors";
import { createDashboardUser } from "../../lib/merchants/create-dashboard-user";
import { verifyPassword } from "../../lib/merchants/dashboard-password";
import { removeDashboardUser } from "../../lib/merchants/remove-dashboard-user";
import { renameMerchant } from "../../lib/merchants/rename-merchant";
import { PROJECT_ROOT } from "../support/server";

// Dashboard users from the CLI, and the session cookie of an https
// deployment. The browser side (sign-in, sign-out, throttling) is in
// tests/e2e/dashboard-sign-in.spec.ts.

const db = createPrismaClient(process.env.TEST_SERVER_DATABASE_URL ?? "");
after(() => db.$disconnect());

/** Runs the CLI with `stdin` piped in; resolves with its exit code and output. */
const tillpoint = (stdin: string, ...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, "bin/tillpoint.mjs"), ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...JSON.parse(process.env.TEST_SERVER_ENV ?? "{}") } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });

const newMerchant = async () =>
  JSON.parse((await tillpoint("", "merchant", "create", "--name", "Team", "--json")).stdout);

describe("dashboard users", () => {
  test("user create reads the password from stdin and prints the user as JSON; the hash is argon2id", async () => {
    const { merchant_id: merchantId } = await newMerchant();
    const email = `Ada.${Date.now()}@Example.com`;
    const created = await tillpoint(
      "correct horse battery\n",
      ...["user", "create", "--merchant", merchantId, "--email", email, "--role", "viewer", "--json"],
    );
    assert.equal(created.code, 0, created.stderr);
    const user = JSON.parse(created.stdout);
    assert.deepEqual(Object.keys(user).sort(), ["email", "merchant_id", "role", "user_id"]);
    assert.match(user.user_id, /^usr_[0-9A-Z]{26}$/);
    assert.equal(user.email, email.toLowerCase(), "e-mails are kept in lower case: sign-in ignores case");
    assert.equal(user.merchant_id, merchantId);
    assert.equal(user.role, "viewer");

    const account = await db.dashboardAccount.findFirstOrThrow({ where: { userId: user.user_id } });
    assert.match(account.password ?? "", /^\$argon2id\$/);
    assert.equal(await verifyPassword({ hash: account.password ?? "", password: "correct horse battery" }), true);
    assert.equal(await verifyPassword({ hash: account.password ?? "", password: "correct horse battery\n" }), false);

    const listed = JSON.parse((await tillpoint("", "user", "list", "--merchant", merchantId, "--json")).stdout);
    assert.deepEqual(listed, [user]);
  });

  test("user create refuses clearly and writes nothing: a taken e-mail, a short password, a wrong role or merchant", async () => {
    const { merchant_id: merchantId } = await newMerchant();
    const email = `grace.${Date.now()}@example.com`;
    const create = (password: string, ...extra: string[]) =>
      tillpoint(`${password}\n`, "user", "create", "--merchant", merchantId, "--email", email, ...extra);
    assert.equal((await create("long enough password")).code, 0);

    const taken = await create("another long password");
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /already exists/);
    const short = await tillpoint("short\n", "user", "create", "--merchant", merchantId, "--email", `x${email}`);
    assert.match(short.stderr, /at least 10 characters/);
    const role = await tillpoint(
      "long enough password\n",
      ...["user", "create", "--merchant", merchantId],
      "--email",
      `y${email}`,
      "--role",
      "admin",
    );
    assert.match(role.stderr, /owner or viewer/);
    const merchant = await tillpoint(
      "long enough password\n",
      "user",
      "create",
      "--merchant",
      "mer_nope",
      "--email",
      `z${email}`,
    );
    assert.match(merchant.stderr, /No merchant mer_nope/);
    assert.equal(await db.dashboardUser.count({ where: { email: { endsWith: email.slice(1) }, NOT: { email } } }), 0);
  });

  test("team: nobody removes themselves, the last owner stays, and two owners removing each other leave one", async () => {
    const { merchant_id: merchantId } = await newMerchant();
    const stamp = Date.now();
    const add = (name: string, role: "owner" | "viewer") =>
      createDashboardUser(db, merchantId, {
        email: `${name}.${stamp}@example.com`,
        password: "long enough password",
        role,
      });
    const [first, second, viewer] = [
      await add("first", "owner"),
      await add("second", "owner"),
      await add("v", "viewer"),
    ];
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => "ok",
        (error: DomainError) => error.code,
      );

    assert.equal(await code(removeDashboardUser(db, merchantId, first.id, first.id)), "state_conflict");
    const other = (await newMerchant()).merchant_id;
    assert.equal(
      await code(removeDashboardUser(db, other, viewer.id, first.id)),
      "not_found",
      "another merchant's user",
    );
    assert.equal(await code(removeDashboardUser(db, merchantId, "usr_nope", first.id)), "not_found");

    // Each owner removes the other at the same moment: the merchant's row lock lets one through.
    const outcomes = await Promise.all([
      code(removeDashboardUser(db, merchantId, second.id, first.id)),
      code(removeDashboardUser(db, merchantId, first.id, second.id)),
    ]);
    assert.deepEqual(outcomes.sort(), ["ok", "state_conflict"]);
    assert.equal(await db.dashboardUser.count({ where: { merchantId, role: "owner" } }), 1);
    const [owner] = await db.dashboardUser.findMany({ where: { merchantId, role: "owner" } });
    assert.equal(await code(removeDashboardUser(db, merchantId, viewer.id, owner.id)), "ok");
    assert.equal(await db.dashboardSession.count({ where: { userId: viewer.id } }), 0);
  });

  test("a merchant's name: 1 to 200 characters, trimmed", async () => {
    const { merchant_id: merchantId } = await newMerchant();
    assert.equal((await renameMerchant(db, merchantId, "  New name ")).name, "New name");
    for (const name of ["   ", "x".repeat(201)]) {
      await assert.rejects(renameMerchant(db, merchantId, name), /name: must have 1 to 200 characters/);
    }
    assert.equal((await db.merchant.findUniqueOrThrow({ where: { id: merchantId } })).name, "New name");
  });

  test("behind https the session cookie is Secure, __Secure- prefixed, HttpOnly and SameSite=Lax", async () => {
    const { merchant_id: merchantId } = await newMerchant();
    const email = `secure.${Date.now()}@example.com`;
    await tillpoint("long enough password\n", "user", "create", "--merchant", merchantId, "--email", email);
    const auth = createDashboardAuth(db, "a-test-secret-of-at-least-32-characters!", "https://pay.example.com");
    const { headers } = await auth.api.signInEmail({
      body: { email, password: "long enough password" },
      headers: new Headers(),
      returnHeaders: true,
    });
    const cookie = headers.getSetCookie().find((line) => line.includes("session_token=")) ?? "";
    assert.match(cookie, /^__Secure-tillpoint\.session_token=/);
    assert.match(cookie, /; Secure/i);
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; SameSite=Lax/i);
    const token = decodeURIComponent(cookie.split(";")[0].split("=")[1]).split(".")[0];
    const stored = await db.dashboardSession.findUniqueOrThrow({ where: { token } });
    assert.ok(stored.expiresAt > new Date(), "the session is a row on the server, which revoking deletes");
  });
});
