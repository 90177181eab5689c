import type { ReactNode } from "react";
import type { Mode } from "@/lib/ids";
import { type NavItem, NavLinks } from "./nav-links";

type Props = {
  merchantName: string;
  email: string;
  role: string;
  mode: Mode;
  nav: NavItem[];
  actions: {
    switchMode: (form: FormData) => Promise<void>;
    signOut: () => Promise<void>;
    signOutEverywhere: () => Promise<void>;
  };
  children: ReactNode;
};

const buttonClass =
  "rounded-md px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-1";

/** Every signed-in page: who, which merchant, the test/live switch, the sections. Works without JavaScript. */
export function DashboardShell({ merchantName, email, role, mode, nav, actions, children }: Props) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        {mode === "test" ? (
          <p className="bg-amber-200 px-4 py-1 text-center text-xs font-semibold text-amber-950">
            Test mode: test data only, no real money moves.
          </p>
        ) : null}
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="font-semibold">
            Tillpoint <span className="font-normal text-slate-600">· {merchantName}</span>
          </p>
          <form action={actions.switchMode} className="flex items-center gap-2">
            <fieldset className="flex rounded-lg bg-slate-100 p-0.5" aria-label="Mode">
              <legend className="sr-only">Mode</legend>
              {(["test", "live"] as const).map((option) => (
                <button
                  key={option}
                  type="submit"
                  name="mode"
                  value={option}
                  aria-pressed={mode === option}
                  data-testid={`mode-${option}`}
                  className={`${buttonClass} ${mode === option ? "bg-white shadow-sm" : "text-slate-700"}`}
                >
                  {option === "test" ? "Test" : "Live"}
                </button>
              ))}
            </fieldset>
          </form>
          <details className="relative">
            <summary className={`${buttonClass} cursor-pointer list-none text-slate-700 hover:bg-slate-100`}>
              {email} <span className="text-slate-600">({role})</span>
            </summary>
            <div className="absolute right-0 z-10 mt-1 w-56 space-y-1 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200">
              <form action={actions.signOut}>
                <button type="submit" className={`${buttonClass} w-full text-left hover:bg-slate-100`}>
                  Sign out
                </button>
              </form>
              <form action={actions.signOutEverywhere}>
                <button type="submit" className={`${buttonClass} w-full text-left hover:bg-slate-100`}>
                  Sign out everywhere
                </button>
              </form>
            </div>
          </details>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        <nav aria-label="Dashboard" className="md:w-48 md:shrink-0">
          <NavLinks items={nav} />
        </nav>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
