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
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <div
        className={`mt-1 flex items-center rounded-control border bg-white px-3 focus-within:ring-2 focus-within:ring-focus dark:bg-slate-900 ${
          error ? "border-red-600 dark:border-red-400" : "border-slate-300 dark:border-slate-600"
        }`}
      >
        {prefix ? <span className="pe-1 text-slate-600 dark:text-slate-400">{prefix}</span> : null}
        <input
          ref={ref}
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="w-full min-w-0 bg-transparent py-2.5 text-base text-slate-900 dark:text-slate-100 outline-none"
          {...input}
        />
        {trailing}
      </div>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
});
