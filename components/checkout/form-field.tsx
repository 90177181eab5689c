"use client";

import type { InputHTMLAttributes, ReactNode } from "react";
import { forwardRef, useId } from "react";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  error?: string;
  prefix?: string;
  trailing?: ReactNode;
};

/** A labelled input whose error is announced and tied to it (aria-invalid + aria-describedby). */
export const FormField = forwardRef<HTMLInputElement, Props>(function FormField(
  { label, error, prefix, trailing, className, ...input },
  ref,
) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div
        className={`mt-1 flex items-center rounded-lg border bg-white px-3 focus-within:ring-2 focus-within:ring-brand ${
          error ? "border-red-600" : "border-slate-300"
        }`}
      >
        {prefix ? <span className="pr-1 text-slate-600">{prefix}</span> : null}
        <input
          ref={ref}
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="w-full min-w-0 bg-transparent py-2.5 text-base text-slate-900 outline-none"
          {...input}
        />
        {trailing}
      </div>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
});
