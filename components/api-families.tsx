const FAMILIES = [
  { name: "Wallet checkout", dialect: "Lava Payments API 2025-04-28.v1", base: "/v1/" },
  { name: "Crypto checkout", dialect: "WeWire checkout API", base: "/api/v1/checkout" },
  { name: "Card payment sessions", dialect: "Kadosei sessions API", base: "/api/v1/sessions" },
];

export function ApiFamilies() {
  return (
    <ul className="mt-8 grid gap-4 sm:grid-cols-3">
      {FAMILIES.map((family) => (
        <li key={family.base} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="font-semibold">{family.name}</h2>
          <p className="mt-1 text-sm text-slate-700">{family.dialect}</p>
          <code className="mt-2 block text-sm text-slate-800">{family.base}</code>
        </li>
      ))}
    </ul>
  );
}
