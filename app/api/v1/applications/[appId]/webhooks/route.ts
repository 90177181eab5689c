// GET and POST /api/v1/applications/{appId}/webhooks: Kadosei's spelling of /api/v1/webhooks (appId = the merchant id)
import { webhookEndpointsRoute } from "@/lib/api/webhook-endpoints-route";

export const { GET, POST, PUT, PATCH, DELETE } = webhookEndpointsRoute({ forApplication: true });
