import "server-only";
import cluster from "node:cluster";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { type Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { withoutRequestContext } from "@/lib/log";
import { watchPool } from "@/lib/metrics";

// Created on first use, never at import: `next build` imports route modules
// and must not open a database. Cached on globalThis so dev hot reloads reuse
// one pool instead of opening a new one per reload.
const globalForPrisma = globalThis as unknown as { tillpointPrisma?: PrismaClient };

// On the client itself, under a global symbol: Next bundles this module more than once (route handlers, server
// actions, and the HTTP server's own copy), and every copy shares the one client on globalThis.
const POOL = Symbol.for("tillpoint.sqlPool");
type WithPool = PrismaClient & { [POOL]?: pg.Pool };

/** `pool` names the connection pool in /metrics (a process has one per client: requests, background jobs). */
export const createPrismaClient = (connectionString: string, pool?: string, max = 10) => {
  const connections = new pg.Pool({ connectionString, max });
  if (pool) watchPool(pool, connections);
  const client = new PrismaClient({ adapter: new PrismaPg(connections, { disposeExternalPool: true }) });
  (client as WithPool)[POOL] = connections;
  return client;
};

/**
 * The node-postgres pool under a client made here, for the few statements every request makes (the idempotency
 * record): through Prisma each costs about 0.5 ms of CPU, through the pool with a prepared statement under 0.05 ms
 * (README "Performance"). Everything else goes through Prisma.
 */
export const sqlPoolOf = (client: PrismaClient): pg.Pool => {
  const connections = (client as WithPool)[POOL];
  if (!connections) throw new Error("This Prisma client was not made by createPrismaClient: it has no pool to share.");
  return connections;
};

export const db = (): PrismaClient => {
  if (!globalForPrisma.tillpointPrisma) {
    const url = env().databaseUrl;
    if (!url) {
      throw new Error("DATABASE_URL is not set: start Tillpoint with `npm start` (it starts the embedded database).");
    }
    // Made during some request, but not its: the pool's timers and events carry no request's log context.
    globalForPrisma.tillpointPrisma = withoutRequestContext(() =>
      createPrismaClient(url, "requests", requestConnections()),
    );
  }
  return globalForPrisma.tillpointPrisma;
};

/**
 * The request pool's size: 10, or in an HTTP worker of a cluster its share of 40 (at least 2), so that every
 * process together stays under PostgreSQL's default of 100 connections (README "Using every core").
 */
const requestConnections = () => (cluster.isWorker ? Math.max(2, Math.floor(40 / env().webConcurrency)) : 10);

export type Db = PrismaClient;
/** The client or an open transaction: for domain functions that also run inside a caller's transaction. */
export type DbClient = PrismaClient | Prisma.TransactionClient;
export type { Prisma } from "@/lib/generated/prisma/client";
