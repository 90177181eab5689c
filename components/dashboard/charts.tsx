import type { ReactNode } from "react";

// Charts drawn on the server as SVG: no JavaScript, readable as they arrive.
// Each one also carries its figures as a table (in a <details>), for screen
// readers and for anyone who wants the numbers.

export type Series = { label: string; color: string; values: number[] };

const WIDTH = 480;
const HEIGHT = 200;
/** Room left of the bars for the scale's labels (a money amount). */
const AXIS = 96;
const FONT = 12;

/** Stacked bars, one per day. */
export function StackedBarChart({
  title,
  days,
  series,
  format = String,
  testId,
}: {
  title: string;
  days: string[];
  series: Series[];
  format?: (value: number) => string;
  testId?: string;
}) {
  const totals = days.map((_, index) => series.reduce((sum, item) => sum + item.values[index], 0));
  const max = Math.max(1, ...totals);
  const slot = (WIDTH - AXIS) / days.length;
  const barWidth = Math.max(2, slot * 0.7);
  const plotHeight = HEIGHT - FONT - 8;
  const total = totals.reduce((sum, value) => sum + value, 0);
  return (
    <figure className="space-y-2" data-testid={testId}>
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full"
        role="img"
        aria-label={`${title}: ${format(total)} over ${days.length} days, at most ${format(max)} on one day.`}
      >
        <line x1={AXIS} y1={plotHeight} x2={WIDTH} y2={plotHeight} stroke="#cbd5e1" />
        <text x={AXIS - 4} y={FONT} textAnchor="end" fontSize={FONT} fill="#475569">
          {format(max)}
        </text>
        <text x={AXIS - 4} y={plotHeight} textAnchor="end" fontSize={FONT} fill="#475569">
          0
        </text>
        {days.map((day, index) => {
          let top = plotHeight;
          const x = AXIS + index * slot + (slot - barWidth) / 2;
          return (
            <g key={day}>
              {series.map((item) => {
                const height = (item.values[index] / max) * (plotHeight - FONT);
                top -= height;
                return height > 0 ? (
                  <rect key={item.label} x={x} y={top} width={barWidth} height={height} fill={item.color}>
                    <title>{`${day} · ${item.label}: ${format(item.values[index])}`}</title>
                  </rect>
                ) : null;
              })}
              {index % Math.ceil(days.length / 5) === 0 ? (
                <text x={x + barWidth / 2} y={HEIGHT - 2} textAnchor="middle" fontSize={FONT} fill="#475569">
                  {day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
      <FiguresTable
        head={["Day", ...series.map((item) => item.label)]}
        rows={days.map((day, index) => [day, ...series.map((item) => format(item.values[index]))])}
      />
    </figure>
  );
}

/** One horizontal bar per row, each a share of its own whole (a rate). */
export function RateBars({
  rows,
  testId,
}: {
  rows: { label: string; rate: number | null; detail: string }[];
  testId?: string;
}) {
  return (
    <ul className="space-y-2" data-testid={testId}>
      {rows.map((row) => (
        <li key={row.label} className="text-sm">
          <div className="flex justify-between gap-2">
            <span className="font-medium">{row.label}</span>
            <span className="tabular-nums text-slate-700">
              {row.rate === null ? "—" : `${(row.rate * 100).toFixed(1)} %`} · {row.detail}
            </span>
          </div>
          <svg viewBox="0 0 100 6" preserveAspectRatio="none" className="mt-1 h-2 w-full" aria-hidden="true">
            <rect x="0" y="0" width="100" height="6" fill="#e2e8f0" />
            {row.rate === null ? null : <rect x="0" y="0" width={row.rate * 100} height="6" fill="#0f766e" />}
          </svg>
        </li>
      ))}
    </ul>
  );
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="flex flex-wrap gap-4 text-xs text-slate-700">
      {series.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block size-3 rounded-sm" style={{ background: item.color }} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

function FiguresTable({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-700">Figures</summary>
      <div className="overflow-x-auto">
        <table className="mt-1 w-full text-left">
          <thead>
            <tr>
              {head.map((title) => (
                <th key={title} scope="col" className="pr-3 font-semibold">
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={String(row[0])}>
                {row.map((cell, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed columns
                  <td key={index} className="pr-3 tabular-nums">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
