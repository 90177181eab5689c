import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/openapi/document";

// The contract test (README "The API's contract"): every answer an API test
// gets from the server — through api(), the Lava SDK or a bare fetch — is
// checked against the OpenAPI document the server serves. A status the
// operation does not document, or a body its schema refuses, throws where the
// test awaited the answer, so that test fails and says why.

type Operation = { responses?: Record<string, { content?: Record<string, unknown> }> };
type Route = { template: string; pattern: RegExp; methods: Record<string, Operation> };

const document = openApiDocument() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components?: unknown;
};

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
ajv.addSchema(document, "openapi.json");

const routes: Route[] = Object.entries(document.paths).map(([template, methods]) => ({
  template,
  // `{id}` matches one segment; static templates sort before parameterised ones below.
  pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
  methods,
}));
routes.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));

const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** How many answers this process checked. */
export const contractCoverage = { checked: 0 };

/** The paths the document describes: the APIs of the three dialects and the operator's JSON endpoints. */
const isApiPath = (pathname: string) =>
  /^\/(v1|api\/v1)\//.test(pathname) || pathname.startsWith("/api/health") || pathname === "/api/openapi.json";

export class ContractViolation extends Error {}

/** Throws when `body` (with `status`) is not what the document says `method path` answers. */
export const checkAnswer = (method: string, pathname: string, status: number, contentType: string, body: string) => {
  if (!isApiPath(pathname)) return;
  const route = routes.find((candidate) => candidate.pattern.test(pathname));
  const operation = route?.methods[method.toLowerCase()];
  if (!route || !operation) {
    // The catch-alls' answers (one error shape, tested apart): unknown paths 404, unknown methods 405, and a
    // path with broken percent-encoding 400 before any route. Anything else is an operation the document lacks.
    if ([400, 404, 405].includes(status)) return;
    throw new ContractViolation(`${method} ${pathname} → ${status}: no operation of the document answers this.`);
  }
  contractCoverage.checked++;
  const where = `${method} ${route.template} → ${status}`;
  const response = operation.responses?.[String(status)] ?? operation.responses?.default;
  if (!response) {
    throw new ContractViolation(`${where}: the document lists no ${status} for this operation.\n${body.slice(0, 500)}`);
  }
  const media = response.content?.["application/json"];
  if (!media) {
    if (body.length > 0 && contentType.includes("json")) {
      throw new ContractViolation(`${where}: answered a JSON body the document does not describe.`);
    }
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ContractViolation(`${where}: the document says JSON, the body is not:\n${body.slice(0, 500)}`);
  }
  const key = pointer("paths", route.template, method.toLowerCase(), "responses", String(status));
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi.json#/${key}/content/${pointer("application/json")}/schema` });
    validators.set(key, validate);
  }
  if (!validate(json)) {
    const problems = (validate.errors ?? [])
      .slice(0, 8)
      .map((error) => `  ${error.instancePath || "/"} ${error.message}`);
    throw new ContractViolation(
      `${where}: the answer does not match the document:\n${problems.join("\n")}\n${body.slice(0, 800)}`,
    );
  }
};

let validateEvent: ReturnType<typeof ajv.compile> | undefined;

/** Throws when a webhook's body is not the document's Event (its `webhooks.event` request body). */
export const checkEvent = (body: string) => {
  validateEvent ??= ajv.compile({ $ref: "openapi.json#/components/schemas/Event" });
  if (!validateEvent(JSON.parse(body))) {
    const problems = (validateEvent.errors ?? [])
      .slice(0, 8)
      .map((error) => `  ${error.instancePath || "/"} ${error.message}`);
    throw new ContractViolation(
      `A webhook's event does not match the document:\n${problems.join("\n")}\n${body.slice(0, 800)}`,
    );
  }
};

/**
 * Wraps this process's fetch: answers from the server (either of its
 * addresses) are checked before the caller sees them. Each body is read from
 * a clone, so the caller reads it as usual.
 */
export const checkEveryAnswer = (origins: string[]) => {
  const original = globalThis.fetch;
  const ours = new Set(origins.filter(Boolean).map((origin) => new URL(origin).origin));
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await original(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!ours.has(url.origin)) return response;
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const body = await response.clone().text();
    checkAnswer(method, url.pathname, response.status, response.headers.get("content-type") ?? "", body);
    return response;
  };
};
