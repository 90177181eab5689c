import { db } from "@/lib/db/client";
import { type MigrationReadiness, MigrationsUnnamedError, migrationReadiness } from "@/lib/db/migration-readiness";
import { log } from "@/lib/log";
import { ApiError, errorResponse } from "./errors";
import { requestIdOf } from "./request-id";

/**
 * Readiness (`GET /api/health/ready`, and `/api/health`): the database answers
 * and holds every migration of this code, none failed. A 503 in the one error
 * shape otherwise, which a load balancer reads as "send no traffic here".
 * Liveness (`/api/health/live`) asks nothing of the database.
 */
export const readiness = async (request: Request): Promise<Response> => {
  const requestId = requestIdOf(request);
  const started = performance.now();
  let migrations: MigrationReadiness;
  try {
    migrations = await migrationReadiness(<Row>(sql: string) => db().$queryRawUnsafe<Row[]>(sql));
  } catch (error) {
    if (error instanceof MigrationsUnnamedError) {
      return errorResponse(new ApiError("service_unavailable", error.message), requestId);
    }
    log.error({ err: error }, "Health check: database unreachable");
    return errorResponse(new ApiError("service_unavailable", "The database is unreachable."), requestId);
  }
  const latencyMs = Math.round(performance.now() - started);
  const { missing } = migrations;
  if (missing.length > 0) {
    return errorResponse(
      new ApiError(
        "service_unavailable",
        `The database lacks ${missing.length} migration(s) of this version: ${missing.join(", ")}.`,
      ),
      requestId,
    );
  }
  return Response.json(
    {
      status: "ok",
      database: { status: "ok", latency_ms: latencyMs },
      migrations: { status: "ok", applied: migrations.applied },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
};
