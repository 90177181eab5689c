// /bench/empty: a page with the root layout and nothing else. `npm run bench`
// compares each hosted page's first-load JavaScript and render time with it:
// the difference is what the checkout itself costs.
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Empty page", robots: { index: false } };

export default function EmptyPage() {
  return <main />;
}
