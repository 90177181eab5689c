// GET /api/health/ready: a readiness probe. The database answers and holds
// every migration of this version (lib/api/health.ts).
import { readiness } from "@/lib/api/health";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({ GET: readiness });
