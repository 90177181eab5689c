// GET /api/health: the readiness probe's answer under its first name
// (GET /api/health/ready; lib/api/health.ts).
import { readiness } from "@/lib/api/health";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({ GET: readiness });
