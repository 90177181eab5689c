"use client";

import { useState } from "react";

/** Copies `value` to the clipboard; the text beside it stays selectable for when the clipboard is not allowed. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={() =>
        navigator.clipboard.writeText(value).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
      className="rounded-md px-2 py-1 text-xs font-semibold ring-1 ring-slate-300 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand"
    >
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </button>
  );
}
