import Link from "next/link";
import { ApiFamilies } from "@/components/api-families";

export default function HomePage() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand">Tillpoint</p>
      <h1 className="mt-2 text-4xl font-bold tracking-tight">Hosted checkout you run yourself</h1>
      <p className="mt-4 text-lg text-slate-700">
        Tillpoint creates checkout sessions over HTTP, sends your customers to a hosted payment page, and tells you the
        outcome by redirect, polling and signed webhooks. It speaks three existing API dialects, so code written for
        them works here by changing a base URL and a key.
      </p>
      <ApiFamilies />
      <p className="mt-10">
        <Link href="/docs" className="font-semibold text-brand underline underline-offset-4 hover:text-brand-dark">
          Read the API documentation
        </Link>
      </p>
    </main>
  );
}
