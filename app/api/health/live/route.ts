// GET /api/health/live: the process answers (a liveness probe: no database,
// no I/O). `npm run bench` also uses it as the app's trivial route handler,
// the baseline every API route is compared with.
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: async () => Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }),
});
