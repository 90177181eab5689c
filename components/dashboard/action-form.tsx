"use client";

import { type ReactNode, startTransition, useActionState, useEffect, useRef } from "react";
import { CopyButton } from "./copy-button";

// What a dashboard action answers (lib/dashboard/action.ts), as the form shows it.
export type ActionState = { error?: string; notice?: string; secret?: string };
export type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

const tones = {
  primary: "bg-brand text-white hover:bg-brand-dark",
  danger: "bg-red-700 text-white hover:bg-red-800",
  plain: "bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100",
};

/**
 * A form posting to a server action: without JavaScript a plain post, with it
 * the answer (an error or a notice) appears beside the form. What was typed
 * stays after an error (React would reset the form after every action), and
 * is cleared after a success.
 */
export function ActionForm({
  action,
  label,
  tone = "primary",
  hidden = {},
  children,
  testId,
}: {
  action: FormAction;
  label: string;
  tone?: keyof typeof tones;
  hidden?: Record<string, string>;
  children?: ReactNode;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.notice && !state.error) form.current?.reset();
  }, [state]);
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
      className="space-y-2"
      data-testid={testId}
      data-action-form=""
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md px-3 py-1.5 text-sm font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2 disabled:opacity-60 ${tones[tone]}`}
      >
        {label}
      </button>
      {state.error ? (
        <p role="alert" data-testid="action-error" className="text-sm font-medium text-red-800">
          {state.error}
        </p>
      ) : null}
      {state.notice ? (
        <p role="status" data-testid="action-notice" className="text-sm font-medium text-emerald-800">
          {state.notice}
        </p>
      ) : null}
      {state.secret ? (
        <div className="rounded-md bg-amber-50 p-2 ring-1 ring-amber-300">
          <p className="text-xs font-semibold text-amber-950">Copy it now: it is shown only this once.</p>
          <div className="mt-1 flex items-center gap-2">
            <code data-testid="action-secret" className="min-w-0 flex-1 break-all text-sm">
              {state.secret}
            </code>
            <CopyButton value={state.secret} />
          </div>
        </div>
      ) : null}
    </form>
  );
}
