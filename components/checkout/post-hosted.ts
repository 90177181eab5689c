"use client";

// What every hosted form does with its own endpoint (`/api/hosted/{family}/{secret}/…`):
// post JSON, and turn an error answer into messages on the form.

export type HostedResult = { ok: boolean; status: number; payload: Record<string, unknown> };

/** The endpoint's answer, or undefined (after telling the form) when the server could not be reached. */
export const postHosted = async (
  url: string,
  body: unknown,
  setRootError: (message: string) => void,
): Promise<HostedResult | undefined> => {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    setRootError("We could not reach the server. Check your connection and try again.");
    return undefined;
  }
  const payload = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, payload };
};

type ShowOptions = {
  setError: (name: string, error: { message: string }, options?: { shouldFocus: boolean }) => void;
  /** Field paths the form can show an error beside (`card.number`, …). */
  fields: ReadonlySet<string>;
  refresh: () => void;
};

/** A 409 (paid, expired, being paid elsewhere) reloads the page, which knows what to show; others go beside their field and on top. */
export const showHostedError = (result: HostedResult, { setError, fields, refresh }: ShowOptions) => {
  const error = (result.payload.error ?? {}) as { message?: string; param?: unknown };
  if (result.status === 409) {
    setError("root", { message: error.message ?? "This checkout changed. Reloading…" });
    refresh();
    return;
  }
  if (typeof error.param === "string" && fields.has(error.param)) {
    // The API prefixes messages with the field's path; beside the field it goes without saying.
    const message = String(error.message ?? "").replace(`${error.param}: `, "");
    setError(error.param, { message }, { shouldFocus: true });
  }
  setError("root", { message: error.message ?? "Something went wrong. Please try again." });
};
