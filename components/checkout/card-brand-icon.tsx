import type { CardBrand } from "@/lib/card-number";

// Small, self-drawn brand marks (no third-party assets: contract "Hosted checkout pages" allows no
// outside requests). Colours are each network's own; the text label beside
// the icon carries the name for screen readers.
const MARKS: Record<Exclude<CardBrand, "unknown">, { background: string; text: string; color: string }> = {
  visa: { background: "#1a1f71", text: "VISA", color: "#ffffff" },
  mastercard: { background: "#ffffff", text: "", color: "#000000" },
  amex: { background: "#2e77bc", text: "AMEX", color: "#ffffff" },
  discover: { background: "#ffffff", text: "DISC", color: "#e55c20" },
  diners: { background: "#0079be", text: "DC", color: "#ffffff" },
  jcb: { background: "#0b4ea2", text: "JCB", color: "#ffffff" },
  unionpay: { background: "#d10429", text: "UP", color: "#ffffff" },
};

export function CardBrandIcon({ brand }: { brand: CardBrand }) {
  if (brand === "unknown") return null;
  const mark = MARKS[brand];
  return (
    <svg
      data-testid="card-brand-icon"
      data-brand={brand}
      aria-hidden="true"
      width="34"
      height="22"
      viewBox="0 0 34 22"
      className="shrink-0 rounded-[3px] ring-1 ring-slate-300"
    >
      <rect width="34" height="22" rx="3" fill={mark.background} />
      {brand === "mastercard" ? (
        <>
          <circle cx="13.5" cy="11" r="6.5" fill="#eb001b" />
          <circle cx="20.5" cy="11" r="6.5" fill="#f79e1b" fillOpacity="0.9" />
        </>
      ) : (
        <text
          x="17"
          y="14.5"
          textAnchor="middle"
          fontFamily="Arial, sans-serif"
          fontSize="8.5"
          fontWeight="700"
          fill={mark.color}
        >
          {mark.text}
        </text>
      )}
    </svg>
  );
}
