// A server-rendered radar chart (SVG) of scores from 0 to 100 on several axes. It is an image with a title
// and a description; the page always shows the same figures in a table next to it (the accessible
// alternative), so the chart adds nothing a screen-reader user would miss. No script, no external CSS:
// colours are SVG attributes, and series differ by line pattern and marker shape too, not colour alone.
import type { JSX } from 'preact';

export interface RadarSeries {
  label: string;
  /** One value per axis (0–100), null when unknown (drawn at the centre, marked as missing in the table). */
  values: Array<number | null>;
}

export interface RadarChartProps {
  id: string;
  title: string;
  description: string;
  axes: string[];
  series: RadarSeries[];
  size?: number;
}

const STYLES = [
  { stroke: '#004494', fill: '#004494', fillOpacity: '0.18', dash: undefined, marker: 'circle' },
  { stroke: '#8a3b00', fill: 'none', fillOpacity: '0', dash: '6 4', marker: 'square' },
  { stroke: '#1d6b32', fill: 'none', fillOpacity: '0', dash: '2 3', marker: 'diamond' },
] as const;

const RINGS = [20, 40, 60, 80, 100];

/** Where a value sits: axis i of n, value 0–100, on a chart of the given radius around (cx, cy). */
export function radarPoint(index: number, count: number, value: number, radius: number, cx: number, cy: number): { x: number; y: number } {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  const r = (Math.max(0, Math.min(100, value)) / 100) * radius;
  return { x: round2(cx + r * Math.cos(angle)), y: round2(cy + r * Math.sin(angle)) };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Where an axis label goes: beyond the 100 ring (not clamped like values). */
function labelPoint(index: number, count: number, radius: number, cx: number, cy: number): { x: number; y: number } {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  return { x: round2(cx + radius * 1.1 * Math.cos(angle)), y: round2(cy + radius * 1.1 * Math.sin(angle)) };
}

function marker(kind: string, x: number, y: number, colour: string): JSX.Element {
  if (kind === 'square') return <rect x={x - 3.5} y={y - 3.5} width="7" height="7" fill={colour} />;
  if (kind === 'diamond') return <polygon points={`${x},${y - 4.5} ${x + 4.5},${y} ${x},${y + 4.5} ${x - 4.5},${y}`} fill={colour} />;
  return <circle cx={x} cy={y} r="3.5" fill={colour} />;
}

export function RadarChart({ id, title, description, axes, series, size = 420 }: RadarChartProps) {
  // Room around the chart for axis labels (long ones left and right), and below it for the legend.
  const top = 34;
  const side = 180;
  const radius = (size - 2 * top) / 2;
  const width = 2 * radius + 2 * side;
  const height = size + 12 + series.length * 20;
  const cx = width / 2;
  const cy = top + radius;
  const n = axes.length;
  const ringPath = (value: number) =>
    axes
      .map((_, i) => radarPoint(i, n, value, radius, cx, cy))
      .map((p) => `${p.x},${p.y}`)
      .join(' ');
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="irisdesk-radar"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g data-part="grid" fill="none" stroke="#767676" stroke-width="0.6">
        {RINGS.map((value) => (
          <polygon points={ringPath(value)} stroke-dasharray={value === 100 ? undefined : '2 3'} />
        ))}
        {axes.map((_, i) => {
          const end = radarPoint(i, n, 100, radius, cx, cy);
          return <line x1={cx} y1={cy} x2={end.x} y2={end.y} />;
        })}
      </g>
      <g data-part="ring-labels" font-size="10" fill="#333">
        {RINGS.map((value) => {
          const p = radarPoint(0, n, value, radius, cx, cy);
          return (
            <text x={p.x + 4} y={p.y + 3}>
              {value}
            </text>
          );
        })}
      </g>
      <g data-part="axis-labels" font-size="13" fill="#1a1a1a">
        {axes.map((label, i) => {
          const p = labelPoint(i, n, radius, cx, cy);
          const anchor = Math.abs(p.x - cx) < 5 ? 'middle' : p.x > cx ? 'start' : 'end';
          const dy = p.y < cy - radius * 0.9 ? -2 : p.y > cy + radius * 0.5 ? 14 : 4;
          return (
            <text x={p.x} y={round2(p.y + dy)} text-anchor={anchor}>
              {label}
            </text>
          );
        })}
      </g>
      {series.map((serie, s) => {
        const style = STYLES[s % STYLES.length]!;
        const points = serie.values.map((value, i) => radarPoint(i, n, value ?? 0, radius, cx, cy));
        return (
          <g data-series={serie.label}>
            <polygon
              points={points.map((p) => `${p.x},${p.y}`).join(' ')}
              fill={style.fill}
              fill-opacity={style.fillOpacity}
              stroke={style.stroke}
              stroke-width="2"
              stroke-dasharray={style.dash}
            />
            {points.map((p, i) => (serie.values[i] == null ? null : marker(style.marker, p.x, p.y, style.stroke)))}
          </g>
        );
      })}
      <g data-part="legend" font-size="12" fill="#1a1a1a">
        {series.map((serie, s) => {
          const style = STYLES[s % STYLES.length]!;
          const y = size + 12 + s * 20;
          return (
            <g>
              <line x1="8" y1={y - 4} x2="34" y2={y - 4} stroke={style.stroke} stroke-width="2" stroke-dasharray={style.dash} />
              {marker(style.marker, 21, y - 4, style.stroke)}
              <text x="40" y={y}>
                {serie.label}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
