// Charts drawn on the server as SVG (decision 0045): no script, readable when printed, each an image with a
// title and a description, and the same figures as a table one click away (the accessible alternative).
// Bars and lines are laid out in percentages of the chart's width rather than in a scaled viewBox, so their
// text keeps its real size and nothing overflows, from a 320 px phone to a wide screen.
import type { ComponentChildren } from 'preact';
import { registerAsset } from '../../http/assets.ts';
import { usePage } from '../context.ts';

const stylesheet = registerAsset({ name: 'charts', ext: 'css', files: [new URL('./charts.css', import.meta.url)] });

/** The charts' stylesheet, for the `head` of a page that shows key figures, charts or data tables. */
export function ChartStyles() {
  return <link rel="stylesheet" href={stylesheet} />;
}

const INK = '#1d1d1b';
const GRID = '#767676';
/** Series differ by colour and by line pattern, never by colour alone. */
const SERIES = [
  { colour: '#0b5ea8', dash: undefined },
  { colour: '#a33b0f', dash: '6 4' },
  { colour: '#1d6b32', dash: '2 3' },
] as const;

export interface KeyFigure {
  /** The figure itself, formatted: "8 in 10", "1,920", "2.3 days". */
  value: string;
  /** What it is, in plain words. */
  label: string;
  /** Optional context: how many answers it rests on, the change from the previous period. */
  detail?: string | undefined;
}

/** The 3–6 figures a reader needs first, as large numbers with plain labels. */
export function KeyFigures(props: { label: string; figures: KeyFigure[] }) {
  return (
    <ul class="irisdesk-key-figures" aria-label={props.label}>
      {props.figures.map((figure) => (
        <li class="irisdesk-key-figure">
          <span class="irisdesk-key-figure__value">{figure.value}</span>
          <span class="irisdesk-key-figure__label">{figure.label}</span>
          {figure.detail && <span class="irisdesk-key-figure__detail">{figure.detail}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Details on demand: closed by default, opened by its summary (a native control, keyboard included). */
export function More(props: { summary: string; children: ComponentChildren; open?: boolean }) {
  return (
    <details class="irisdesk-more" open={props.open}>
      <summary>{props.summary}</summary>
      {props.children}
    </details>
  );
}

/**
 * A data table in a box of its own: a wide table scrolls inside it instead of widening the page; the box is
 * focusable and named after the caption, so keyboard users can scroll it too.
 */
export function DataTable(props: { id: string; caption: string; head: string[]; rows: Array<Array<ComponentChildren>> }) {
  const captionId = `${props.id}-caption`;
  return (
    <div class="irisdesk-table-scroll" role="region" tabIndex={0} aria-labelledby={captionId}>
      <table class="utrecht-table utrecht-table--html-table" id={props.id}>
        <caption class="utrecht-table__caption" id={captionId}>
          {props.caption}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {props.head.map((cell) => (
              <th class="utrecht-table__header-cell" scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {props.rows.map((row) => (
            <tr class="utrecht-table__row">
              {row.map((cell, index) =>
                index === 0 ? (
                  <th class="utrecht-table__header-cell" scope="row">
                    {cell}
                  </th>
                ) : (
                  <td class="utrecht-table__cell">{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface ChartTable {
  tableHead: string[];
  tableRows: Array<Array<ComponentChildren>>;
}

/** The figure around a chart: its heading, the image, then the table behind "Show the figures as a table". */
function ChartFigure(props: { id: string; title: string; table: ChartTable; children: ComponentChildren; after?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <figure class="irisdesk-chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`} class="utrecht-heading-3">
        {props.title}
      </figcaption>
      {props.children}
      {props.after}
      <More summary={t('charts.showTable')}>
        <DataTable id={`${props.id}-table`} caption={props.title} head={props.table.tableHead} rows={props.table.tableRows} />
      </More>
    </figure>
  );
}

export interface Bar {
  label: string;
  /** Null: no published figure; the label is shown with `text` (e.g. "not enough answers") and no bar. */
  value: number | null;
  /** The value as written beside the bar. */
  text: string;
}

/** Characters per label line: what fits a 320 px phone at the chart's font size. */
const LABEL_LINE = 38;
const LABEL_LINES = 2;
const LINE_STEP = 17;
/** The longest bar takes this share of the width, leaving room for its value. */
const BAR_SPAN = 78;

const pct = (value: number) => `${Math.round(value * 100) / 100}%`;

/** A label in lines of at most `width` characters, cut at spaces; beyond `max` lines the last ends with "…". */
export function wrapLabel(label: string, width = LABEL_LINE, max = LABEL_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1]!.slice(0, width - 1).trimEnd()}…`;
  return kept;
}

/** Horizontal bars, each with its label above it (wrapped, never cut by the screen's edge, even on a phone). */
export function BarChart(props: { id: string; title: string; description: string; bars: Bar[]; max: number } & ChartTable) {
  const width = (value: number) => (BAR_SPAN * Math.max(0, value)) / (props.max || 1);
  let top = 0;
  const rows = props.bars.map((bar) => {
    const lines = wrapLabel(bar.label);
    const row = { bar, lines, top };
    top += lines.length * LINE_STEP + 28;
    return row;
  });
  return (
    <ChartFigure id={props.id} title={props.title} table={props}>
      <svg width="100%" height={top + 4} role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`} font-size="14" fill={INK}>
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.description}</desc>
        {rows.map(({ bar, lines, top }) => {
          const w = bar.value === null ? 0 : width(bar.value);
          const barTop = top + lines.length * LINE_STEP + 4;
          return (
            <g>
              <text x="0" y={top + 14}>
                {lines.map((line, i) => (
                  <tspan x="0" dy={i === 0 ? 0 : LINE_STEP}>
                    {line}
                  </tspan>
                ))}
              </text>
              {bar.value !== null && <rect x="0" y={barTop} width={pct(Math.max(w, 0.4))} height="16" fill={SERIES[0].colour} />}
              <text x={pct(w + (bar.value === null ? 0 : 1.5))} y={barTop + 13} font-weight="700">
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFigure>
  );
}

export interface LineSeries {
  label: string;
  values: Array<number | null>;
}

const LINE_HEIGHT = 220;
const PLOT_TOP = 16;
const PLOT_BOTTOM = 186;
const PLOT_LEFT = 9;
const PLOT_RIGHT = 97;

/**
 * Lines over labelled periods (months, hours), one to three series. The value axis is labelled on its grid
 * lines; at most five period labels are written under the axis, whatever the width.
 */
export function LineChart(
  props: {
    id: string;
    title: string;
    description: string;
    labels: string[];
    series: LineSeries[];
    min: number;
    max: number;
    /** How a tick of the value axis is written ("50%", "5"). */
    tick?: (value: number) => string;
  } & ChartTable,
) {
  const n = props.labels.length;
  const x = (i: number) => (n > 1 ? PLOT_LEFT + ((PLOT_RIGHT - PLOT_LEFT) * i) / (n - 1) : (PLOT_LEFT + PLOT_RIGHT) / 2);
  const span = props.max - props.min || 1;
  const y = (v: number) => Math.round((PLOT_BOTTOM - ((v - props.min) / span) * (PLOT_BOTTOM - PLOT_TOP)) * 10) / 10;
  const ticks = [0, 0.5, 1].map((f) => props.min + f * span);
  const every = Math.max(1, Math.ceil(n / 5));
  const shown = props.labels.map((_, i) => i).filter((i) => i % every === 0);
  const tick = props.tick ?? ((value: number) => String(Math.round(value * 10) / 10));
  const legend =
    props.series.length > 1 ? (
      <ul class="irisdesk-chart__legend">
        {props.series.map((series, s) => {
          const style = SERIES[s % SERIES.length]!;
          return (
            <li>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" x2="28" y1="5" y2="5" stroke={style.colour} stroke-width="3" stroke-dasharray={style.dash} />
              </svg>{' '}
              {series.label}
            </li>
          );
        })}
      </ul>
    ) : null;
  return (
    <ChartFigure id={props.id} title={props.title} table={props} after={legend}>
      <svg width="100%" height={LINE_HEIGHT} role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`} font-size="13" fill={INK}>
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.description}</desc>
        {ticks.map((value) => (
          <g>
            <line x1="0" x2="100%" y1={y(value)} y2={y(value)} stroke={GRID} stroke-width="1" stroke-dasharray={value === props.min ? undefined : '3 3'} />
            <text x="0" y={y(value) - 4}>
              {tick(value)}
            </text>
          </g>
        ))}
        {shown.map((i) => (
          <text x={pct(x(i))} y={LINE_HEIGHT - 10} text-anchor={i === 0 && n > 1 ? 'start' : i === n - 1 && n > 1 ? 'end' : 'middle'}>
            {props.labels[i]}
          </text>
        ))}
        {props.series.map((series, s) => {
          const style = SERIES[s % SERIES.length]!;
          return (
            <g data-series={series.label} stroke={style.colour} fill={style.colour}>
              {series.values.map((value, i) => {
                const next = series.values[i + 1];
                if (value === null || next === null || next === undefined) return null;
                return <line x1={pct(x(i))} y1={y(value)} x2={pct(x(i + 1))} y2={y(next)} stroke-width="3" stroke-dasharray={style.dash} />;
              })}
              {series.values.map((value, i) => (value === null ? null : <circle cx={pct(x(i))} cy={y(value)} r="4" stroke="none" />))}
            </g>
          );
        })}
      </svg>
    </ChartFigure>
  );
}
