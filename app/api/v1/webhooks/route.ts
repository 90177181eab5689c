// GET /api/v1/webhooks (newest first) · POST /api/v1/webhooks (the signing secret is in this answer only)
import { webhookEndpointsRoute } from "@/lib/api/webhook-endpoints-route";

export const { GET, POST, PUT, PATCH, DELETE } = webhookEndpointsRoute({ forApplication: false });
