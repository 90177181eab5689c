import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { decodeTime, encodeTime } from "ulid";
import { env } from "@/lib/env";
import { EVENT_TYPE_NAMES } from "@/lib/event-types";
import { newSigningSecret, webhookHeaders } from "@/lib/webhooks/sign-webhook";
import { type CliValues, UsageError } from "./output";

// `tillpoint listen --forward-to http://localhost:3000/hooks [--events a,b]`:
// the merchant's events, read from GET /api/v1/events?after= with an API key,
// posted to a local URL with Standard Webhooks signatures made with a secret
// of its own (README "Operating Tillpoint").
//
// It skips nothing. Its state file keeps the secret and the events it has
// forwarded; a restart resumes there. Event ids sort by creation time, but a
// transaction can commit an event after a newer one is already visible, so
// each poll reads again from LOOKBACK_MS before the newest event forwarded,
// and forwards only the ids it has not. A local app that refuses the
// connection is asked again with the same event until it answers; an answer
// of any status counts as forwarded, as a receiver's 500 does for a webhook.

const LOOKBACK_MS = 60_000;
const POLL_MS = 1_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * `since`: the server's time when this listener first started, as an event id; with nothing forwarded yet,
 * a restart reads from there, so a quiet first run loses nothing either. `forwarded`: event id → its time.
 */
type State = { secret: string; since: string; forwarded: Record<string, number> };

type Event = { id: string; type: string; [field: string]: unknown };

const defaultStateFile = (apiBase: string, apiKey: string) => {
  const tag = crypto.createHash("sha256").update(`${apiBase}\n${apiKey}`).digest("hex").slice(0, 16);
  return path.join(os.homedir(), ".tillpoint", `listen-${tag}.json`);
};

const readState = (file: string): State | undefined => {
  if (!fs.existsSync(file)) return undefined;
  const state = JSON.parse(fs.readFileSync(file, "utf8")) as State;
  if (
    typeof state.secret !== "string" ||
    typeof state.since !== "string" ||
    typeof state.forwarded !== "object" ||
    state.forwarded === null
  ) {
    throw new UsageError(`${file} is not a listen state file; remove it or pass another --state.`);
  }
  return state;
};

const writeState = (file: string, state: State) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
  fs.renameSync(temporary, file);
};

/** The smallest event id minted at `time`: `after` it lists every event from that millisecond on. */
const idAt = (time: number) => `evt_${encodeTime(Math.max(0, time), 10)}${"0".repeat(16)}`;
const timeOf = (eventId: string) => decodeTime(eventId.slice(eventId.indexOf("_") + 1));

const parseEvents = (events: string | undefined): Set<string> | undefined => {
  if (!events || events === "*") return undefined;
  const names = events.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !(EVENT_TYPE_NAMES as string[]).includes(name));
  if (unknown.length) {
    throw new UsageError(`Unknown event type(s): ${unknown.join(", ")}. Known: ${EVENT_TYPE_NAMES.join(", ")}.`);
  }
  return new Set(names);
};

class ApiUnreachable extends Error {}

export const runListenCommand = async (values: CliValues) => {
  const forwardTo = values["forward-to"];
  if (!forwardTo || !URL.canParse(forwardTo) || !/^https?:$/.test(new URL(forwardTo).protocol)) {
    throw new UsageError("--forward-to takes the http(s) URL to post events to, e.g. http://localhost:3000/hooks.");
  }
  const apiKey = values["api-key"] ?? process.env.TILLPOINT_API_KEY;
  if (!apiKey || !/^sk_(test|live)_/.test(apiKey)) {
    throw new UsageError("listen needs an API key: --api-key sk_test_… or TILLPOINT_API_KEY.");
  }
  const apiBase = (values["api-base"] ?? env().publicBaseUrl).replace(/\/$/, "");
  const only = parseEvents(values.events);
  const stateFile = values.state ?? defaultStateFile(apiBase, apiKey);

  /** The server's clock, from its last answer: windows are measured on it, not on this machine's. */
  let serverNow = () => Date.now();

  const listPage = async (after: string): Promise<{ data: Event[]; next_cursor: string | null }> => {
    let response: Response;
    try {
      response = await fetch(`${apiBase}/api/v1/events?limit=100&after=${encodeURIComponent(after)}`, {
        headers: { Authorization: `Bearer ${apiKey}` },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new ApiUnreachable(
        error instanceof Error ? (error.cause as Error)?.message || error.message : String(error),
      );
    }
    if (response.status === 401) throw new UsageError("The API key was refused (401): is it revoked?");
    if (!response.ok) throw new ApiUnreachable(`GET /api/v1/events answered ${response.status}`);
    const date = Date.parse(response.headers.get("date") ?? "");
    if (Number.isFinite(date)) {
      const offset = date - Date.now();
      serverNow = () => Date.now() + offset;
    }
    return (await response.json()) as { data: Event[]; next_cursor: string | null };
  };

  /** Every event from `after` on, oldest first. */
  const eventsAfter = async (after: string) => {
    const events: Event[] = [];
    for (let cursor: string | null = after; cursor; ) {
      const page = await listPage(cursor);
      events.push(...page.data);
      cursor = page.next_cursor;
    }
    return events;
  };

  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());
  const pause = (ms: number) => sleep(ms, undefined, { signal: stop.signal }).catch(() => undefined);

  let state = readState(stateFile);
  if (!state) {
    // A first start forwards what happens from now on, as `stripe listen` does: what the window already
    // holds counts as handled.
    for (let attempt = 0; !state; attempt++) {
      if (stop.signal.aborted) return;
      try {
        await listPage(idAt(Date.now())); // learns the server's clock
        const since = idAt(serverNow() - LOOKBACK_MS);
        const forwarded: Record<string, number> = {};
        for (const event of await eventsAfter(since)) forwarded[event.id] = timeOf(event.id);
        state = { secret: newSigningSecret(), since, forwarded };
      } catch (error) {
        if (!(error instanceof ApiUnreachable)) throw error;
        if (attempt === 0) console.error(`Cannot reach ${apiBase} (${error.message}); retrying…`);
        await pause(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt));
      }
    }
    writeState(stateFile, state);
  }
  const { secret, since } = state;
  const forwarded = state.forwarded;

  console.log(
    `Ready. Forwarding ${only ? [...only].join(", ") : "every"} event of ${apiKey.slice(0, 7)}… at ${apiBase} to ${forwardTo}\n` +
      `Your webhook signing secret is ${secret} (state in ${stateFile}; Ctrl-C to stop)`,
  );

  const forward = async (event: Event) => {
    const body = JSON.stringify(event);
    for (let attempt = 0; !stop.signal.aborted; attempt++) {
      try {
        const response = await fetch(forwardTo, {
          method: "POST",
          headers: webhookHeaders([secret], event.id, new Date(), body),
          body,
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer().catch(() => undefined);
        console.log(`${new Date().toISOString()} --> ${event.type} [${event.id}] <-- ${response.status}`);
        return true;
      } catch (error) {
        if (attempt === 0) {
          const reason = error instanceof Error ? (error.cause as Error)?.message || error.message : String(error);
          console.error(`${forwardTo} did not answer ${event.id} (${reason}); trying again…`);
        }
        await pause(Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt));
      }
    }
    return false;
  };

  let unreachableSince: number | undefined;
  let backoff = POLL_MS;
  while (!stop.signal.aborted) {
    try {
      // From a window before the newest event forwarded (or the first start): what commits late is still seen.
      const newest = Math.max(timeOf(since) + LOOKBACK_MS, ...Object.values(forwarded));
      const events = await eventsAfter(idAt(newest - LOOKBACK_MS));
      if (unreachableSince !== undefined) {
        console.log(`Reconnected to ${apiBase}.`);
        unreachableSince = undefined;
      }
      backoff = POLL_MS;
      for (const event of events) {
        if (stop.signal.aborted) break;
        if (event.id in forwarded) continue;
        if (!only || only.has(event.type)) {
          if (!(await forward(event))) break;
        }
        forwarded[event.id] = timeOf(event.id);
        // What the next poll's window no longer reaches is forgotten.
        const keepFrom = Math.max(...Object.values(forwarded)) - 2 * LOOKBACK_MS;
        for (const [id, time] of Object.entries(forwarded)) if (time < keepFrom) delete forwarded[id];
        writeState(stateFile, { secret, since, forwarded });
      }
    } catch (error) {
      if (!(error instanceof ApiUnreachable)) throw error;
      if (unreachableSince === undefined) {
        unreachableSince = Date.now();
        console.error(`Lost ${apiBase} (${error.message}); reconnecting…`);
      }
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
    await pause(backoff);
  }
  writeState(stateFile, { secret, since, forwarded });
  console.log("Stopped; the next `tillpoint listen` resumes here.");
};
