import { parseInput } from "@/lib/errors";
import { createWebhookEndpointBody } from "@/lib/schemas/webhooks";
import { listWebhookEndpoints } from "@/lib/webhooks/get-webhook-objects";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
} from "@/lib/webhooks/save-webhook-endpoint";
import { webhookEndpointJson, webhookEndpointWithSecretJson } from "@/lib/webhooks/webhook-json";
import { type CliValues, merchantScope, print, requireOption, UsageError, withDb } from "./output";

// `webhook …`: the merchant's endpoints, as /api/v1/webhooks, with the same checks.

type EndpointJson = ReturnType<typeof webhookEndpointJson>;

const line = (endpoint: EndpointJson) =>
  `${endpoint.id}  ${endpoint.status.padEnd(8)}  ${endpoint.url}  events: ${endpoint.events.join(",")}`;

const withSecret = (endpoint: ReturnType<typeof webhookEndpointWithSecretJson>) =>
  `${line(endpoint)}\n  signing secret (shown once, keep it): ${endpoint.secret}`;

export const runWebhookCommand = async ([action, id]: string[], values: CliValues) => {
  const scope = merchantScope(values);
  switch (action) {
    case "create": {
      const body = parseInput(createWebhookEndpointBody, {
        url: requireOption(values.url, "url"),
        events: values.events?.split(",").map((type) => type.trim()),
        description: values.description,
      });
      const endpoint = webhookEndpointWithSecretJson(await withDb((db) => createWebhookEndpoint(db, scope, body)));
      return print(values.json, endpoint, withSecret(endpoint));
    }
    case "list": {
      const endpoints = (await withDb((db) => listWebhookEndpoints(db, scope, { take: 100 }))).map(webhookEndpointJson);
      return print(values.json, endpoints, endpoints.map(line).join("\n") || "No webhook endpoints.");
    }
    case "rotate-secret": {
      const endpointId = requireId(id, action);
      const endpoint = webhookEndpointWithSecretJson(await withDb((db) => rotateWebhookSecret(db, scope, endpointId)));
      return print(
        values.json,
        endpoint,
        `${withSecret(endpoint)}\n  the previous secret also signs until ${endpoint.previousSecretExpiresAt}`,
      );
    }
    case "delete": {
      const endpointId = requireId(id, action);
      await withDb((db) => deleteWebhookEndpoint(db, scope, endpointId));
      return print(values.json, { id: endpointId, deleted: true }, `Deleted ${endpointId}.`);
    }
    default:
      throw new UsageError(`Unknown webhook action "${action ?? ""}": use create, list, rotate-secret or delete.`);
  }
};

const requireId = (id: string | undefined, action: string) => {
  if (!id) throw new UsageError(`webhook ${action} needs the endpoint id (whep_…).`);
  return id;
};
