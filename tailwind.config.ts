import type { Config } from "tailwindcss";

// `button`, `focus`, `control` and `card` are the merchant's branding on the
// hosted pages (CSS variables set by components/checkout/checkout-frame.tsx,
// README "Hosted pages: branding"); elsewhere they fall back to ours.
export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: { sans: ["var(--font-inter)", "ui-sans-serif", "system-ui", "sans-serif"] },
      colors: {
        brand: { DEFAULT: "#1f4fd1", dark: "#163a9c" },
        button: {
          DEFAULT: "var(--tp-button, #1f4fd1)",
          text: "var(--tp-button-text, #ffffff)",
          hover: "var(--tp-button-hover, #163a9c)",
        },
        focus: "var(--tp-focus, #1f4fd1)",
      },
      borderRadius: {
        control: "var(--tp-radius-control, 0.5rem)",
        card: "var(--tp-radius-card, 1rem)",
      },
    },
  },
} satisfies Config;
