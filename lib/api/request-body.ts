import { ApiError } from "./errors";
import { findJsonProblem, MAX_JSON_DEPTH } from "./json-limits";

// 64 KiB covers the largest legitimate body (a card session with many items)
// many times over; anything bigger is refused before it is buffered.
export const MAX_BODY_BYTES = 64 * 1024;

const isJsonType = (contentType: string | null) =>
  contentType !== null && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType.trim());

/**
 * A larger body for the one endpoint that takes a file (a logo as a data:
 * URL), and the error that names its field when even that is exceeded.
 */
export type BodyLimit = { bytes: number; tooLarge: () => Error };

/**
 * The request's JSON body; undefined when it has none. Throws 413, 415 or 400
 * in the one error shape: too large, not JSON, nested too deeply, or a NUL
 * character in a string.
 */
export const readJsonBody = async (
  request: Request,
  limit: BodyLimit = { bytes: MAX_BODY_BYTES, tooLarge },
): Promise<unknown> => {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit.bytes) throw limit.tooLarge();
  if (!request.body) return undefined;

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit.bytes) {
      await reader.cancel();
      throw limit.tooLarge();
    }
    chunks.push(value);
  }
  if (size === 0) return undefined;

  if (!isJsonType(request.headers.get("content-type"))) {
    throw new ApiError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ApiError("invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
  const problem = findJsonProblem(body);
  if (problem?.kind === "too_deep") {
    throw new ApiError("invalid_json", `The body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  if (problem?.kind === "nul_character") {
    const param = problem.path || undefined;
    throw new ApiError("parameter_invalid", `${param ?? "body"}: must not contain NUL characters`, { param });
  }
  return body;
};

const tooLarge = () => new ApiError("payload_too_large", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
