// GET /api/health: the process answers and its database does a round trip.
import { ApiError, errorResponse } from "@/lib/api/errors";
import { requestIdOf } from "@/lib/api/request-id";
import { apiRoute } from "@/lib/api/route";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async (request) => {
    const started = performance.now();
    try {
      await db().$queryRaw`SELECT 1`;
    } catch (error) {
      console.error("Health check: database unreachable", error);
      return errorResponse(new ApiError("service_unavailable", "The database is unreachable."), requestIdOf(request));
    }
    return Response.json(
      { status: "ok", database: { status: "ok", latency_ms: Math.round(performance.now() - started) } },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
});
