import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="mt-3 text-slate-700">This link is not valid, or the page it pointed to no longer exists.</p>
      <Link href="/" className="mt-6 inline-block font-semibold text-brand underline underline-offset-4">
        Go to the home page
      </Link>
    </main>
  );
}
