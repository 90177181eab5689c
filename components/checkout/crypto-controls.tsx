"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useHydrated } from "./form-controls";
import { postHosted } from "./post-hosted";

// The interactive parts of the hosted crypto page. Everything shown is
// rendered on the server; these post to /api/hosted/crypto/{secret}/… and then
// ask the server for a fresh render (router.refresh), or leave for the
// merchant's URL. Buttons stay disabled until React has hydrated.

type HostedState = { status: string; redirectUrl: string | null; fingerprint: string };

/** Posts to a hosted endpoint; its error (worded in the page's language) is thrown, or `fallback` when there is none. */
const post = async (url: string, fallback: string, body?: unknown) => {
  const result = await postHosted(url, body, () => undefined);
  if (!result?.ok) throw new Error((result?.payload.error as { message?: string } | undefined)?.message ?? fallback);
  return result.payload;
};

/** One action at a time, its error shown beside it. */
const useAction = () => {
  const t = useTranslations();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (url: string, body?: unknown) => {
    setBusy(true);
    setError(undefined);
    try {
      await post(url, t("errors.generic"), body);
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
};

const ActionError = ({ error }: { error?: string }) =>
  error ? (
    <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
      {error}
    </p>
  ) : null;

export function AssetPicker({
  secret,
  assets,
  selected,
}: {
  secret: string;
  assets: { code: string; label: string }[];
  selected: string | null;
}) {
  const t = useTranslations();
  const hydrated = useHydrated();
  const { busy, error, run } = useAction();
  return (
    <fieldset>
      <legend className="text-sm font-semibold text-slate-900 dark:text-slate-100">
        {selected ? t("crypto.payWithAnother") : t("crypto.chooseHowToPay")}
      </legend>
      <div className="mt-2 grid grid-cols-3 gap-2">
        {assets.map((asset) => (
          <button
            key={asset.code}
            type="button"
            disabled={!hydrated || busy || asset.code === selected}
            aria-pressed={asset.code === selected}
            onClick={() => run(`/api/hosted/crypto/${secret}/asset`, { asset: asset.code })}
            className="rounded-control border border-slate-300 dark:border-slate-600 px-3 py-2 text-sm font-semibold text-slate-900 dark:text-slate-100 hover:border-focus focus-visible:outline focus-visible:outline-2 focus-visible:outline-focus disabled:cursor-not-allowed aria-pressed:border-focus aria-pressed:bg-indigo-50 dark:aria-pressed:bg-indigo-950"
          >
            {asset.code}
            <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{asset.label}</span>
          </button>
        ))}
      </div>
      <ActionError error={error} />
    </fieldset>
  );
}

export function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations();
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      disabled={!hydrated}
      onClick={async () => {
        await navigator.clipboard?.writeText(value).catch(() => undefined);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
      className="shrink-0 rounded-control border border-slate-300 dark:border-slate-600 px-2.5 py-1 text-xs font-semibold text-slate-800 dark:text-slate-200 hover:bg-slate-50 dark:hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-focus"
    >
      <span aria-live="polite">{copied ? t("crypto.copied") : label}</span>
    </button>
  );
}

/** Minutes and seconds left on the locked rate; at zero the page asks the server, which re-quotes. */
export function QuoteCountdown({ expiresAt }: { expiresAt: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = now === null ? null : Math.max(0, Date.parse(expiresAt) - now);
  useEffect(() => {
    if (left === 0) router.refresh();
  }, [left, router]);
  if (left === null) return null;
  const minutes = Math.floor(left / 60_000);
  const seconds = Math.floor((left % 60_000) / 1000);
  return (
    <span data-testid="quote-countdown">
      {left > 0
        ? t("crypto.rateLocked", { time: `${minutes}:${String(seconds).padStart(2, "0")}` })
        : t("crypto.updatingRate")}
    </span>
  );
}

/** Polls the session; re-renders when anything shown changed, and leaves for the merchant once paid. */
export function LiveStatus({ secret, initial }: { secret: string; initial: HostedState }) {
  const router = useRouter();
  useEffect(() => {
    let fingerprint = initial.fingerprint;
    let stopped = false;
    const check = async () => {
      const response = await fetch(`/api/hosted/crypto/${secret}`, { cache: "no-store" }).catch(() => undefined);
      const state: HostedState | undefined = response?.ok ? await response.json() : undefined;
      if (stopped || !state) return;
      if (state.redirectUrl) {
        window.location.assign(state.redirectUrl);
        return;
      }
      if (state.fingerprint !== fingerprint) {
        fingerprint = state.fingerprint;
        router.refresh();
      }
    };
    if (initial.redirectUrl) {
      const timer = setTimeout(() => window.location.assign(initial.redirectUrl as string), 1500);
      return () => clearTimeout(timer);
    }
    const timer = setInterval(check, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [secret, initial, router]);
  return null;
}

export function CancelButton({ secret }: { secret: string }) {
  const t = useTranslations();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <div>
      <button
        type="button"
        disabled={!hydrated || busy}
        onClick={async () => {
          setBusy(true);
          try {
            const { redirectUrl } = await post(`/api/hosted/crypto/${secret}/cancel`, t("errors.generic"));
            window.location.assign(String(redirectUrl));
          } catch (caught) {
            setError((caught as Error).message);
            setBusy(false);
          }
        }}
        className="text-sm font-semibold text-slate-700 dark:text-slate-300 underline underline-offset-4 hover:text-slate-900 dark:hover:text-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-focus"
      >
        {t("crypto.cancelAndReturn")}
      </button>
      <ActionError error={error} />
    </div>
  );
}

const SIMULATIONS = [
  ["full", "crypto.simulateFull"],
  ["partial", "crypto.simulatePartial"],
  ["over", "crypto.simulateOver"],
] as const;

/** Test mode only: pretend the customer paid, to demo every outcome without a wallet. */
export function SimulatePanel({ secret }: { secret: string }) {
  const t = useTranslations();
  const hydrated = useHydrated();
  const { busy, error, run } = useAction();
  return (
    <section
      aria-labelledby="simulate-heading"
      className="rounded-control border border-dashed border-amber-400 dark:border-amber-600 bg-amber-50 dark:bg-amber-950 p-4"
    >
      <h2 id="simulate-heading" className="text-sm font-semibold text-amber-900 dark:text-amber-100">
        {t("crypto.simulateTitle")}
      </h2>
      <div className="mt-2 flex flex-wrap gap-2">
        {SIMULATIONS.map(([kind, label]) => (
          <button
            key={kind}
            type="button"
            disabled={!hydrated || busy}
            onClick={() => run(`/api/hosted/crypto/${secret}/simulate`, { kind })}
            className="rounded-control bg-white dark:bg-slate-900 px-3 py-1.5 text-xs font-semibold text-amber-950 dark:text-amber-100 ring-1 ring-amber-300 dark:ring-amber-700 hover:bg-amber-100 dark:hover:bg-amber-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-amber-700 disabled:opacity-60"
          >
            {t(label)}
          </button>
        ))}
      </div>
      <ActionError error={error} />
    </section>
  );
}
