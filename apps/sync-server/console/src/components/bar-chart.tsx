import { useId } from 'react';

/** One bar: a label and a non-negative value in the chart's unit (minor units for money). */
export interface Bar {
  readonly label: string;
  readonly value: number;
}

/** Props of {@link BarChart}. */
export interface BarChartProps {
  readonly title: string;
  readonly bars: readonly Bar[];
  /** Formats a value for the bar's text and accessible name. */
  readonly format: (value: number) => string;
}

const ROW = 26;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 120;
const WIDTH = 640;

/**
 * Horizontal bars in plain SVG: readable labels however many categories there are, and an accessible
 * name per bar (each bar is also written out as text beside it, so nothing hides in a tooltip).
 */
export function BarChart({ title, bars, format }: BarChartProps) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(ROW, bars.length * ROW);
  return (
    <figure className="chart">
      <figcaption id={id}>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">No data.</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={id} className="chart-svg">
          {bars.map((b, i) => {
            const w = Math.max(0, (Math.max(0, b.value) / max) * plot);
            const y = i * ROW;
            return (
              <g key={b.label} role="presentation">
                <title>{`${b.label}: ${format(b.value)}`}</title>
                <text
                  x={LABEL_WIDTH - 8}
                  y={y + ROW / 2}
                  textAnchor="end"
                  dominantBaseline="middle"
                  className="chart-label"
                >
                  {b.label}
                </text>
                <rect x={LABEL_WIDTH} y={y + 4} width={w} height={ROW - 8} rx={3} className="chart-bar" />
                <text
                  x={LABEL_WIDTH + w + 6}
                  y={y + ROW / 2}
                  dominantBaseline="middle"
                  className="chart-value"
                >
                  {format(b.value)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
