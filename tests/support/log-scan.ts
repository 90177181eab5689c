import { TEST_CARDS } from "./card";
import { SECRET_PATTERNS } from "./secrets-scan";

// After a full run: every line the server wrote is a JSON log line, and none
// holds a secret — an API key, a JWT, a signing secret, a bearer credential,
// a test card's number, or a stored idempotent answer. The scan means
// something only if the run logged requests with their id, route, status,
// duration and merchant.

export type LogScan = { lines: number; requests: number; withMerchant: number; findings: string[] };

const LEAKS: [string, RegExp][] = [
  ...Object.entries(SECRET_PATTERNS).map(([what, pattern]): [string, RegExp] => [what, new RegExp(pattern)]),
  ["a bearer credential", /Bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/i],
  ["an idempotent answer's body", /"response_?[bB]ody":(?!"\[redacted\]")/],
  ...Object.values(TEST_CARDS).flatMap((number): [string, RegExp][] => [
    [`card number ${number}`, new RegExp(number.replace(/\s/g, "\\s?"))],
  ]),
];

export const scanLogs = (output: string): LogScan => {
  const findings: string[] = [];
  let requests = 0;
  let withMerchant = 0;
  const lines = output.split("\n").filter((line) => line.trim() !== "");
  for (const [index, line] of lines.entries()) {
    let entry: Record<string, unknown> | undefined;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {}
    if (!entry || typeof entry.level !== "string" || typeof entry.time !== "string" || typeof entry.msg !== "string") {
      findings.push(`line ${index + 1} is not a JSON log line: ${line.slice(0, 200)}`);
    } else if (entry.msg === "request") {
      const complete = ["request_id", "route", "method", "status", "duration_ms"].every((field) => field in entry);
      if (!complete) findings.push(`line ${index + 1} is a request line without its fields: ${line.slice(0, 200)}`);
      requests++;
      if (typeof entry.merchant_id === "string") withMerchant++;
    }
    for (const [what, pattern] of LEAKS) {
      if (pattern.test(line)) findings.push(`line ${index + 1} holds ${what}`);
    }
  }
  return { lines: lines.length, requests, withMerchant, findings };
};
