import type { InputHTMLAttributes, ReactNode } from "react";

// The dashboard's building blocks: a section card, a labelled field, a table,
// an empty state. Plain server-rendered HTML; nothing here needs JavaScript.

export const inputClass =
  "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand";

export const linkButtonClass =
  "inline-block rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand";

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200" data-testid={testId}>
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** A label above its control; the control is the child (an input, a select) with `id`. */
export function Field({
  label,
  id,
  hint,
  children,
}: {
  label: string;
  id: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? <p className="mt-0.5 text-xs text-slate-600">{hint}</p> : null}
    </div>
  );
}

/** A labelled text input whose name is its id. */
export function TextField({
  label,
  name,
  hint,
  idPrefix = "",
  ...input
}: { label: string; name: string; hint?: string; idPrefix?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `${idPrefix}${name}`;
  return (
    <Field label={label} id={id} hint={hint}>
      <input id={id} name={name} className={inputClass} {...input} />
    </Field>
  );
}

/** A labelled select; an option is a value, or [value, label]. */
export function SelectField({
  label,
  id,
  name,
  options,
  defaultValue,
}: {
  label: string;
  id: string;
  name: string;
  options: readonly (string | readonly [string, string])[];
  defaultValue?: string;
}) {
  return (
    <Field label={label} id={id}>
      <select id={id} name={name} defaultValue={defaultValue} className={inputClass}>
        {options.map((option) => {
          const [value, text] = typeof option === "string" ? [option, option] : option;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
    </Field>
  );
}

/** A closed "Edit …" disclosure over an object's edit form. */
export function EditInPlace({
  summary,
  className = "mt-1",
  children,
}: {
  summary: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <details className={className}>
      <summary className="cursor-pointer text-sm font-medium text-brand">{summary}</summary>
      <div className="mt-2">{children}</div>
    </details>
  );
}

export function PageTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div>
      <h1 className="text-2xl font-semibold">{children}</h1>
      {lead ? <p className="mt-1 text-sm text-slate-700">{lead}</p> : null}
    </div>
  );
}

/** What an empty list means and what to do next. */
export function EmptyState({ children, testId = "empty-state" }: { children: ReactNode; testId?: string }) {
  return (
    <p className="rounded-lg bg-white p-6 text-sm text-slate-700 ring-1 ring-slate-200" data-testid={testId}>
      {children}
    </p>
  );
}

/** A table that scrolls sideways on a narrow screen instead of widening the page; an empty title is the actions column. */
export function Table({ head, children, testId }: { head: string[]; children: ReactNode; testId?: string }) {
  return (
    // relative: an sr-only label (absolutely placed) stays inside the scrolling box instead of widening the page
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="text-xs uppercase text-slate-600">
          <tr>
            {head.map((title) => (
              <th key={title} scope="col" className="py-1 pr-3">
                {title || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export const cellClass = "border-t border-slate-100 py-1.5 pr-3 align-top";

/** Preformatted text (JSON, a response body) in a box that scrolls; focusable, so a keyboard can scroll it too. */
export function CodeBlock({
  children,
  tall = false,
  testId,
}: {
  children: ReactNode;
  tall?: boolean;
  testId?: string;
}) {
  return (
    <pre
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      className={`mt-1 overflow-auto rounded bg-slate-50 p-2 text-xs ${tall ? "max-h-[32rem]" : "max-h-64"}`}
      data-testid={testId}
    >
      {children}
    </pre>
  );
}
