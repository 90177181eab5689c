import localFont from "next/font/local";

// From @fontsource-variable/inter: next/font/google would download at build time, which fails offline.
export const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});
