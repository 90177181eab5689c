"use client";

import { useActionState } from "react";
import { FormField } from "@/components/checkout/form-field";

type State = { error?: string; email?: string };

/** Works before (and without) JavaScript: a plain form posting to the server action. */
export function SignInForm({ action }: { action: (state: State, form: FormData) => Promise<State> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="mt-6 space-y-4">
      {state.error ? (
        <p role="alert" data-testid="form-error" className="rounded-lg bg-red-50 p-3 text-sm font-medium text-red-800">
          {state.error}
        </p>
      ) : null}
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.email}
        key={state.email}
      />
      <FormField label="Password" name="password" type="password" autoComplete="current-password" required />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-brand px-4 py-2.5 font-semibold text-white hover:bg-brand-dark focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
