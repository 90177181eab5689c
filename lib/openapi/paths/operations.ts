// The operator's endpoints that speak JSON: the health probes and this
// document itself. /metrics is Prometheus text (README "Operating Tillpoint").
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errors, responseHeaders } from "../common";

const TAGS = ["Operations"];

const ready = z
  .strictObject({
    status: z.literal("ok"),
    database: z.strictObject({ status: z.literal("ok"), latency_ms: z.number().int().nonnegative() }),
    migrations: z.strictObject({ status: z.literal("ok"), applied: z.number().int().positive() }),
  })
  .meta({ id: "Readiness", description: "The database answers and holds every migration of this version." });

const readiness = {
  tags: TAGS,
  security: [],
  responses: {
    "200": {
      description: "Ready for traffic.",
      headers: responseHeaders,
      content: { "application/json": { schema: ready } },
    },
    ...errors(503),
  },
};

export const operationsPaths: ZodOpenApiPathsObject = {
  "/api/health/ready": {
    get: {
      ...readiness,
      operationId: "healthReady",
      summary: "Readiness: the database is reachable and migrated",
    },
  },
  "/api/health": {
    get: { ...readiness, operationId: "health", summary: "Readiness, under its first name" },
  },
  "/api/health/live": {
    get: {
      operationId: "healthLive",
      summary: "Liveness: the process answers (nothing else is asked)",
      tags: TAGS,
      security: [],
      responses: {
        "200": {
          description: "Alive.",
          content: { "application/json": { schema: z.strictObject({ status: z.literal("ok") }) } },
        },
      },
    },
  },
  "/api/openapi.json": {
    get: {
      operationId: "openApiDocument",
      summary: "This document",
      tags: TAGS,
      security: [],
      responses: {
        "200": {
          description: "The OpenAPI 3.1 document of every API.",
          content: { "application/json": { schema: z.looseObject({ openapi: z.literal("3.1.0") }) } },
        },
      },
    },
  },
};
