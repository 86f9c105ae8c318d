// Charts drawn on the server as SVG: no script, readable when printed, each with a title, a description
// and a data table beside it (the table is the accessible alternative, the chart repeats it visually).
import { Table } from '../platform/views/components.tsx';

const INK = '#1d1d1b';
const GRID = '#8a8a8a';
const COLOURS = ['#0b5ea8', '#b3461b'];

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
}

/** A line chart of one or two series over labelled periods, with a data table. */
export function LineChart(props: {
  id: string;
  title: string;
  description: string;
  labels: string[];
  series: ChartSeries[];
  min: number;
  max: number;
  tableHead: string[];
  tableRows: Array<Array<string>>;
}) {
  const width = 640;
  const height = 240;
  const left = 44;
  const right = 12;
  const top = 12;
  const bottom = 36;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const step = props.labels.length > 1 ? plotW / (props.labels.length - 1) : 0;
  const x = (i: number) => left + (props.labels.length > 1 ? i * step : plotW / 2);
  const y = (v: number) => top + plotH - ((v - props.min) / (props.max - props.min || 1)) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => props.min + f * (props.max - props.min));
  const labelEvery = Math.max(1, Math.ceil(props.labels.length / 8));
  return (
    <figure class="irisdesk-chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`} class="utrecht-heading-3">
        {props.title}
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.description}</desc>
        {ticks.map((tick) => (
          <g>
            <line x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} stroke={GRID} stroke-width="0.5" stroke-dasharray="3 3" />
            <text x={left - 6} y={y(tick) + 4} text-anchor="end" font-size="11" fill={INK}>
              {Math.round(tick * 10) / 10}
            </text>
          </g>
        ))}
        {props.labels.map((label, i) =>
          i % labelEvery === 0 ? (
            <text x={x(i)} y={height - 12} text-anchor="middle" font-size="11" fill={INK}>
              {label}
            </text>
          ) : null,
        )}
        {props.series.map((series, s) => {
          const colour = COLOURS[s % COLOURS.length];
          const segments: string[] = [];
          let current = '';
          series.values.forEach((value, i) => {
            if (value === null) {
              if (current) segments.push(current);
              current = '';
            } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)} `;
          });
          if (current) segments.push(current);
          return (
            <g>
              {segments.map((d) => (
                <path d={d} fill="none" stroke={colour} stroke-width="2.5" stroke-dasharray={s === 1 ? '6 4' : undefined} />
              ))}
              {series.values.map((value, i) => (value === null ? null : <circle cx={x(i)} cy={y(value)} r="3.5" fill={colour} />))}
            </g>
          );
        })}
      </svg>
      {props.series.length > 1 && (
        <ul class="irisdesk-chart__legend utrecht-unordered-list">
          {props.series.map((series, s) => (
            <li class="utrecht-unordered-list__item">
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" x2="28" y1="5" y2="5" stroke={COLOURS[s % COLOURS.length]} stroke-width="2.5" stroke-dasharray={s === 1 ? '6 4' : undefined} />
              </svg>{' '}
              {series.label}
            </li>
          ))}
        </ul>
      )}
      <Table caption={props.title} head={props.tableHead} rows={props.tableRows} />
    </figure>
  );
}

/** Horizontal bars (a ranking), with a data table. Missing values are listed, not drawn. */
export function BarChart(props: {
  id: string;
  title: string;
  description: string;
  bars: Array<{ label: string; value: number | null; text: string }>;
  max: number;
  tableHead: string[];
  tableRows: Array<Array<string>>;
}) {
  const width = 640;
  const labelW = 220;
  const rowH = 22;
  const height = props.bars.length * rowH + 8;
  const scale = (value: number) => ((width - labelW - 60) * Math.max(0, value)) / (props.max || 1);
  return (
    <figure class="irisdesk-chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`} class="utrecht-heading-3">
        {props.title}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`}>
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.description}</desc>
        {props.bars.map((bar, i) => (
          <g>
            <text x={labelW - 6} y={i * rowH + 16} text-anchor="end" font-size="11" fill={INK}>
              {bar.label.length > 34 ? `${bar.label.slice(0, 33)}…` : bar.label}
            </text>
            {bar.value !== null && <rect x={labelW} y={i * rowH + 5} width={scale(bar.value)} height={rowH - 8} fill={COLOURS[0]} />}
            <text x={labelW + (bar.value !== null ? scale(bar.value) : 0) + 6} y={i * rowH + 16} font-size="11" fill={INK}>
              {bar.text}
            </text>
          </g>
        ))}
      </svg>
      <Table caption={props.title} head={props.tableHead} rows={props.tableRows} />
    </figure>
  );
}
