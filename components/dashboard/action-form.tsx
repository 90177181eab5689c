"use client";

import { type ReactNode, useActionState } from "react";

// What a dashboard action answers (lib/dashboard/action.ts), as the form shows it.
export type ActionState = { error?: string; notice?: string };
export type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

const tones = {
  primary: "bg-brand text-white hover:bg-brand-dark",
  danger: "bg-red-700 text-white hover:bg-red-800",
  plain: "bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100",
};

/**
 * A form posting to a server action: without JavaScript a plain post, with it
 * the answer (an error or a notice) appears beside the form.
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
  return (
    <form action={formAction} className="space-y-2" data-testid={testId}>
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
    </form>
  );
}
