import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/dashboard/sign-in-form";
import { currentDashboardUser } from "@/lib/dashboard/context";
import { signIn } from "./actions";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default async function SignInPage() {
  if (await currentDashboardUser()) redirect("/dashboard");
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold">Sign in to Tillpoint</h1>
        <p className="mt-1 text-sm text-slate-600">The merchant dashboard.</p>
        <SignInForm action={signIn} />
      </div>
    </main>
  );
}
