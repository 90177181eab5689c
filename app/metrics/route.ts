// GET /metrics: Prometheus metrics (lib/api/metrics-endpoint.ts).
import { metricsResponse } from "@/lib/api/metrics-endpoint";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({ GET: metricsResponse });
