// Screens of the operations indicators: the organisation view (its managers: its own figures over time, by
// channel, service, contact point and hour, against the previous period) and the regional view (the
// competence center: organisations compared and ranked, by kind). Charts are SVG drawn on the server, each
// with its data table; every figure shows the number of records it rests on.
import type { ComponentChildren } from 'preact';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, Heading1, Paragraph, Text } from '../../platform/views/components.tsx';
import { pickText, type Language, type LocalizedText } from '../../platform/i18n/languages.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import type { Translate } from '../../platform/i18n/messages.ts';
import { OPERATIONS_INDICATORS, OPERATIONS_UNIT, rankOperations, type Figure, type OperationsIndicators, type OperationsKey } from './operations.ts';
import type { BarometerOperations, OrganisationOperations, RegionalOperations } from './service.ts';
import { BarChart, ChartStyles, DataTable, KeyFigures, LineChart, More } from '../../platform/views/charts/charts.tsx';
import { formatChange as formatUnitChange, formatDecimal, formatFigure as formatValue, formatPercent } from '../../platform/views/charts/figures.ts';
import { DashboardViews, FilterForm, monthLabel, OrganisationFilterFields, RegionFilterFields, withoutParams } from '../pages.tsx';

/** One figure as text: "72.5%", "12.5 min", "3.2 h", "1,204" (by the page's locale); "–" when none, "fewer than 10" for a hidden count. */
export function formatFigure(figure: Figure, key: OperationsKey, lang: Language, t: Translate): string {
  const unit = OPERATIONS_UNIT[key];
  if (figure.value === null) return unit === 'count' && figure.suppressed ? t('satisfaction.ops.fewerThan10') : '–';
  return formatValue(figure.value, unit, lang, t);
}

/** The figure and, beside it, the number of records it rests on (why it may be hidden). */
function FigureCell(props: { figure: Figure; name: OperationsKey }) {
  const { t, lang } = usePage();
  const text = formatFigure(props.figure, props.name, lang, t);
  if (OPERATIONS_UNIT[props.name] === 'count' || props.figure.base === 0) return <>{text}</>;
  return (
    <>
      {text}{' '}
      <span class="irisdesk-muted">
        ({t('satisfaction.ops.base', { count: formatDecimal(props.figure.base, lang) })}
        {props.figure.suppressed ? `, ${t('satisfaction.ops.hidden')}` : ''})
      </span>
    </>
  );
}

/** The change in the figure's unit: contacts as a count, rates in points, times in minutes or hours. */
function formatChange(current: Figure, previous: Figure, key: OperationsKey, lang: Language, t: Translate): string {
  return formatUnitChange(current.value, previous.value, OPERATIONS_UNIT[key], lang, t);
}

/** One row per label, one column per figure (every figure unless `keys` says which); nothing when no rows. */
function BreakdownTable(props: {
  id: string;
  caption: string;
  first: string;
  keys?: readonly OperationsKey[];
  rows: Array<{ label: ComponentChildren; operations: OperationsIndicators }>;
}) {
  const { t } = usePage();
  const keys = props.keys ?? OPERATIONS_INDICATORS;
  if (props.rows.length === 0) return null;
  return (
    <DataTable
      id={props.id}
      caption={props.caption}
      head={[props.first, ...keys.map((key) => t(`satisfaction.ops.indicator.${key}`))]}
      rows={props.rows.map((row) => [row.label, ...keys.map((key) => <FigureCell figure={row.operations[key]} name={key} />)])}
    />
  );
}

function SummaryTable(props: { id: string; current: OperationsIndicators; previous: OperationsIndicators; currentLabel: string; previousLabel: string }) {
  const { t, lang } = usePage();
  return (
    <DataTable
      id={props.id}
      caption={t('satisfaction.ops.summaryCaption')}
      head={[t('satisfaction.indicator'), props.currentLabel, props.previousLabel, t('satisfaction.ops.change')]}
      rows={OPERATIONS_INDICATORS.map((key) => [
        t(`satisfaction.ops.indicator.${key}`),
        <FigureCell figure={props.current[key]} name={key} />,
        <FigureCell figure={props.previous[key]} name={key} />,
        formatChange(props.current[key], props.previous[key], key, lang, t),
      ])}
    />
  );
}

const TREND_KEYS: OperationsKey[] = ['contacts', 'firstContactResolution', 'firstResponseSla', 'resolutionSla', 'waitMinutes', 'noShowRate', 'incidents'];

function TrendChart(props: { id: string; months: Array<{ month: string; operations: OperationsIndicators }> }) {
  const { t, lang } = usePage();
  const labels = props.months.map((m) => monthLabel(m.month, lang));
  return (
    <LineChart
      id={props.id}
      title={t('satisfaction.ops.chart.rates')}
      description={t('satisfaction.ops.chart.ratesDescription')}
      labels={labels}
      min={0}
      max={100}
      tick={(value) => formatPercent(value, lang, 0)}
      series={[
        { label: t('satisfaction.ops.indicator.firstContactResolution'), values: props.months.map((m) => m.operations.firstContactResolution.value) },
        { label: t('satisfaction.ops.indicator.resolutionSla'), values: props.months.map((m) => m.operations.resolutionSla.value) },
      ]}
      tableHead={[t('satisfaction.month'), ...TREND_KEYS.map((key) => t(`satisfaction.ops.indicator.${key}`))]}
      tableRows={props.months.map((m, i) => [labels[i]!, ...TREND_KEYS.map((key) => formatFigure(m.operations[key], key, lang, t))])}
    />
  );
}

function HoursChart(props: { id: string; hours: Array<{ hour: number; contacts: number }> }) {
  const { t, lang } = usePage();
  const labels = props.hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`);
  return (
    <>
      <LineChart
        id={props.id}
        title={t('satisfaction.ops.chart.hours')}
        description={t('satisfaction.ops.chart.hoursDescription')}
        labels={labels}
        min={0}
        max={Math.max(1, ...props.hours.map((h) => h.contacts))}
        tick={(value) => formatDecimal(value, lang, Number.isInteger(value) ? 0 : 1)}
        series={[{ label: t('satisfaction.ops.indicator.contacts'), values: props.hours.map((h) => h.contacts) }]}
        tableHead={[t('satisfaction.ops.hour'), t('satisfaction.ops.indicator.contacts')]}
        tableRows={props.hours.map((h, i) => [labels[i]!, formatDecimal(h.contacts, lang)])}
      />
      <Paragraph>{t('satisfaction.ops.hoursNote')}</Paragraph>
    </>
  );
}

const KEY_FIGURES: OperationsKey[] = ['contacts', 'firstResponseSla', 'firstContactResolution', 'waitMinutes'];

/**
 * The figures a manager reads first, each with its change from the previous period in its own unit. With
 * `publishedOnly` (the public barometer), figures without a published value are left out rather than shown as "–".
 */
function OperationsKeyFigures(props: {
  current: OperationsIndicators;
  previous?: OperationsIndicators | undefined;
  keys?: OperationsKey[];
  publishedOnly?: boolean;
}) {
  const { t, lang } = usePage();
  const keys = (props.keys ?? KEY_FIGURES).filter((key) => !props.publishedOnly || props.current[key].value !== null);
  if (keys.length === 0) return <Paragraph>{t('satisfaction.ops.noData')}</Paragraph>;
  const detail = (key: OperationsKey) => {
    const figure = props.current[key];
    if (figure.value === null) return OPERATIONS_UNIT[key] === 'count' ? undefined : t('satisfaction.ops.notEnough');
    if (props.previous) return t('satisfaction.key.change', { change: formatChange(figure, props.previous[key], key, lang, t) });
    return OPERATIONS_UNIT[key] === 'count' ? undefined : t('satisfaction.ops.base', { count: formatDecimal(figure.base, lang) });
  };
  return (
    <KeyFigures
      label={t('satisfaction.key.label')}
      figures={keys.map((key) => ({
        value: formatFigure(props.current[key], key, lang, t),
        label: t(`satisfaction.ops.indicator.${key}`),
        detail: detail(key),
      }))}
    />
  );
}

/** What the figures mean (the dashboards': every figure, and how small counts are hidden). */
function Definitions(props: { summary?: string; keys?: readonly OperationsKey[]; suppressionNote?: boolean }) {
  const { t } = usePage();
  return (
    <details class="irisdesk-definitions">
      <summary>{props.summary ?? t('satisfaction.definitions.title')}</summary>
      <dl>
        {(props.keys ?? OPERATIONS_INDICATORS).map((key) => (
          <>
            <dt>
              <strong>{t(`satisfaction.ops.indicator.${key}`)}</strong>
            </dt>
            <dd>{t(`satisfaction.ops.definition.${key}`)}</dd>
          </>
        ))}
      </dl>
      {(props.suppressionNote ?? true) && <Paragraph>{t('satisfaction.ops.definitions.suppression')}</Paragraph>}
    </details>
  );
}

function Freshness(props: { asOf: Date | null; refreshing: boolean }) {
  const { t, lang } = usePage();
  return (
    <>
      {props.asOf && <Paragraph>{t('satisfaction.ops.asOf', { time: formatDateTime(new Date(props.asOf), lang) })}</Paragraph>}
      {props.refreshing && (
        <Alert type="info">
          <p class="utrecht-paragraph">{t('satisfaction.ops.refreshing')}</p>
        </Alert>
      )}
    </>
  );
}

export function OrganisationOperationsPage(props: { data: OrganisationOperations; apiQuery: string }) {
  const { t, lang } = usePage();
  const { data } = props;
  const code = data.organisation.code;
  const base = `/api/v1/satisfaction/organisations/${code}/operations`;
  const label = (key: string, name: LocalizedText | null) => (key === '' ? t('satisfaction.none') : name ? <Text value={name} /> : key);
  const periodText = (period: { from: string; to: string }) =>
    t('satisfaction.period', { from: monthLabel(period.from, lang), to: monthLabel(period.to, lang) });
  return (
    <Layout
      title={t('satisfaction.ops.organisation.title', { organisation: pickText(data.organisation.name, lang).text })}
      backOffice
      section="satisfaction"
      head={<ChartStyles />}
    >
      <Heading1>
        {t('satisfaction.ops.organisation.heading')} – <Text value={data.organisation.name} />
      </Heading1>
      <DashboardViews
        current="operations"
        satisfactionHref={`/${lang}/satisfaction/organisations/${code}${props.apiQuery}`}
        operationsHref={`/${lang}/satisfaction/organisations/${code}/operations${props.apiQuery}`}
      />
      <Paragraph lead>
        {periodText(data.period)}
        {' · '}
        {t('satisfaction.ops.contacts', { count: data.total.contacts.base, countText: formatDecimal(data.total.contacts.base, lang) })}
      </Paragraph>
      <Freshness asOf={data.asOf} refreshing={data.refreshing} />
      {data.suppressed && (
        <Alert type="info">
          <p class="utrecht-paragraph">{t('satisfaction.ops.suppressedNotice')}</p>
        </Alert>
      )}
      <FilterForm action={`/${lang}/satisfaction/organisations/${code}/operations`} period={data.period} api={base} apiQuery={props.apiQuery}>
        <OrganisationFilterFields filters={data.filters} services={data.byService} contactPoints={data.byContactPoint} />
      </FilterForm>
      <h2 class="utrecht-heading-2">{t('satisfaction.section.keyFigures')}</h2>
      <OperationsKeyFigures current={data.total} previous={data.previous} />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.trend')}</h2>
      <TrendChart id="ops-org-trend" months={data.months} />
      <h2 class="utrecht-heading-2">{t('satisfaction.ops.section.hours')}</h2>
      <HoursChart id="ops-org-hours" hours={data.byHour} />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.details')}</h2>
      <More summary={t('satisfaction.section.summary')}>
        <SummaryTable
          id="ops-org-summary"
          current={data.total}
          previous={data.previous}
          currentLabel={periodText(data.period)}
          previousLabel={periodText(data.previousPeriod)}
        />
      </More>
      <More summary={t('satisfaction.section.breakdown')}>
        {data.byChannel.length === 0 && data.byContactPoint.length === 0 && <Paragraph>{t('satisfaction.ops.noData')}</Paragraph>}
        <BreakdownTable
          id="ops-org-by-channel"
          caption={t('satisfaction.ops.byChannel')}
          first={t('satisfaction.filter.channel')}
          rows={data.byChannel.map((row) => ({ label: t(`satisfaction.channel.${row.key}`), operations: row.operations }))}
        />
        <BreakdownTable
          id="ops-org-by-service"
          caption={t('satisfaction.ops.byService')}
          first={t('satisfaction.filter.service')}
          rows={data.byService.map((row) => ({ label: label(row.key, row.name), operations: row.operations }))}
        />
        <BreakdownTable
          id="ops-org-by-contact-point"
          caption={t('satisfaction.ops.byContactPoint')}
          first={t('satisfaction.filter.contactPoint')}
          rows={data.byContactPoint.map((row) => ({ label: label(row.key, row.name), operations: row.operations }))}
        />
      </More>
      <Definitions />
    </Layout>
  );
}

export function RegionalOperationsPage(props: { data: RegionalOperations; rankBy: OperationsKey; apiQuery: string }) {
  const { t, lang } = usePage();
  const { data, rankBy } = props;
  const ranked = rankOperations(data.organisations, rankBy);
  const max = OPERATIONS_UNIT[rankBy] === 'percent' ? 100 : Math.max(1, ...ranked.map((org) => org.operations[rankBy].value ?? 0));
  return (
    <Layout title={t('satisfaction.ops.region.title')} backOffice section="satisfaction" head={<ChartStyles />}>
      <Heading1>{t('satisfaction.ops.region.heading')}</Heading1>
      <DashboardViews
        current="operations"
        satisfactionHref={`/${lang}/satisfaction/region${withoutParams(props.apiQuery, ['rank'])}`}
        operationsHref={`/${lang}/satisfaction/region/operations${props.apiQuery}`}
      />
      <Paragraph lead>
        {t('satisfaction.period', { from: monthLabel(data.period.from, lang), to: monthLabel(data.period.to, lang) })}
        {' · '}
        {t('satisfaction.ops.contacts', { count: data.region.contacts.base, countText: formatDecimal(data.region.contacts.base, lang) })}
      </Paragraph>
      <Paragraph>{t('satisfaction.ops.region.noPersonalData')}</Paragraph>
      <Freshness asOf={data.asOf} refreshing={data.refreshing} />
      <FilterForm
        action={`/${lang}/satisfaction/region/operations`}
        period={data.period}
        api="/api/v1/satisfaction/region/operations"
        apiQuery={props.apiQuery}
      >
        <RegionFilterFields
          kind={data.kind}
          rankBy={rankBy}
          rankOptions={OPERATIONS_INDICATORS.map((key) => ({ value: key, label: t(`satisfaction.ops.indicator.${key}`) }))}
        />
      </FilterForm>
      <h2 class="utrecht-heading-2">{t('satisfaction.section.keyFigures')}</h2>
      <OperationsKeyFigures current={data.region} />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.ranking')}</h2>
      <BarChart
        id="ops-region-ranking"
        title={t('satisfaction.chart.ranking', { indicator: t(`satisfaction.ops.indicator.${rankBy}`) })}
        description={t('satisfaction.ops.chart.rankingDescription')}
        max={max}
        bars={ranked.map((org) => ({
          label: pickText(org.name, lang).text,
          value: org.operations[rankBy].value,
          text: formatFigure(org.operations[rankBy], rankBy, lang, t),
        }))}
        tableHead={[
          t('satisfaction.rank'),
          t('satisfaction.organisationHead'),
          t(`satisfaction.ops.indicator.${rankBy}`),
          t('satisfaction.ops.recordsHead'),
          t('satisfaction.ops.change'),
        ]}
        tableRows={ranked.map((org, i) => [
          org.operations[rankBy].value === null ? '–' : String(i + 1),
          pickText(org.name, lang).text,
          formatFigure(org.operations[rankBy], rankBy, lang, t),
          formatDecimal(org.operations[rankBy].base, lang),
          formatChange(org.operations[rankBy], org.previous[rankBy], rankBy, lang, t),
        ])}
      />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.trend')}</h2>
      <TrendChart id="ops-region-trend" months={data.months} />
      <h2 class="utrecht-heading-2">{t('satisfaction.ops.section.hours')}</h2>
      <HoursChart id="ops-region-hours" hours={data.byHour} />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.details')}</h2>
      <More summary={t('satisfaction.section.sideBySide')}>
        {data.organisations.length === 0 && <Paragraph>{t('satisfaction.ops.noData')}</Paragraph>}
        <BreakdownTable
          id="ops-region-side-by-side"
          caption={t('satisfaction.ops.sideBySideCaption')}
          first={t('satisfaction.organisationHead')}
          rows={data.organisations.map((org) => ({
            label: (
              <a class="utrecht-link" href={`/${lang}/satisfaction/organisations/${org.code}/operations${withoutParams(props.apiQuery, ['kind', 'rank'])}`}>
                <Text value={org.name} />
              </a>
            ),
            operations: org.operations,
          }))}
        />
      </More>
      <More summary={t('satisfaction.ops.byKind')}>
        <BreakdownTable
          id="ops-region-by-kind"
          caption={t('satisfaction.ops.byKind')}
          first={t('satisfaction.filter.kind')}
          rows={data.byKind.map((row) => ({ label: t(`satisfaction.kind.${row.kind}`), operations: row.operations }))}
        />
      </More>
      <Definitions />
    </Layout>
  );
}

// ---- The public barometer's service levels (beside satisfaction; suppressed, never recomputed on read)

/** The figures that make sense to the public; incidents and internal workload (tasks, handling time) stay inside. */
export const PUBLIC_ORGANISATION_KEYS: OperationsKey[] = [
  'contacts',
  'firstResponseSla',
  'firstResponseHours',
  'resolutionSla',
  'resolutionHours',
  'firstContactResolution',
  'waitMinutes',
];
/** Per contact point: what a visitor of a desk experiences. */
export const PUBLIC_CONTACT_POINT_KEYS: OperationsKey[] = ['contacts', 'waitMinutes', 'serviceMinutes', 'firstContactResolution', 'noShowRate'];

export function BarometerServiceLevels(props: { data: BarometerOperations }) {
  const { t, lang } = usePage();
  const { data } = props;
  const keys = [...new Set([...PUBLIC_ORGANISATION_KEYS, ...PUBLIC_CONTACT_POINT_KEYS])];
  // Contact point names already say where they are ("Town hall – Ixelles"); the table of all figures names the organisation.
  const contactPointLabel = (cp: BarometerOperations['contactPoints'][number]) => (cp.name ? pickText(cp.name, lang).text : cp.contactPointId);
  return (
    <section aria-labelledby="barometer-service-levels">
      <h2 class="utrecht-heading-2" id="barometer-service-levels">
        {t('satisfaction.barometer.service.heading')}
      </h2>
      <Paragraph>{t('satisfaction.barometer.service.lead')}</Paragraph>
      <Freshness asOf={data.asOf} refreshing={data.refreshing} />
      <OperationsKeyFigures current={data.region} keys={['firstResponseSla', 'resolutionSla', 'firstContactResolution', 'waitMinutes']} publishedOnly />
      {data.organisations.some((org) => org.operations.firstResponseSla.value !== null) && (
        <BarChart
          id="barometer-sla"
          title={t('satisfaction.barometer.service.chart')}
          description={t('satisfaction.barometer.service.chartDescription')}
          max={100}
          bars={data.organisations.map((org) => ({
            label: pickText(org.name, lang).text,
            value: org.operations.firstResponseSla.value,
            text:
              org.operations.firstResponseSla.value === null
                ? t('satisfaction.ops.notEnough')
                : formatFigure(org.operations.firstResponseSla, 'firstResponseSla', lang, t),
          }))}
          tableHead={[t('satisfaction.organisationHead'), t('satisfaction.ops.indicator.firstResponseSla'), t('satisfaction.ops.recordsHead')]}
          tableRows={data.organisations.map((org) => [
            pickText(org.name, lang).text,
            formatFigure(org.operations.firstResponseSla, 'firstResponseSla', lang, t),
            formatDecimal(org.operations.firstResponseSla.base, lang),
          ])}
        />
      )}
      {data.contactPoints.some((cp) => cp.operations.waitMinutes.value !== null) && (
        <BarChart
          id="barometer-wait"
          title={t('satisfaction.barometer.service.waitChart')}
          description={t('satisfaction.barometer.service.waitChartDescription')}
          max={Math.max(...data.contactPoints.map((cp) => cp.operations.waitMinutes.value ?? 0), 1)}
          bars={data.contactPoints.map((cp) => ({
            label: contactPointLabel(cp),
            value: cp.operations.waitMinutes.value,
            text: cp.operations.waitMinutes.value === null ? t('satisfaction.ops.notEnough') : formatFigure(cp.operations.waitMinutes, 'waitMinutes', lang, t),
          }))}
          tableHead={[t('satisfaction.filter.contactPoint'), t('satisfaction.ops.indicator.waitMinutes'), t('satisfaction.ops.recordsHead')]}
          tableRows={data.contactPoints.map((cp) => [
            contactPointLabel(cp),
            formatFigure(cp.operations.waitMinutes, 'waitMinutes', lang, t),
            formatDecimal(cp.operations.waitMinutes.base, lang),
          ])}
        />
      )}
      <More summary={t('satisfaction.barometer.service.allFigures')}>
        <Paragraph>{t('satisfaction.barometer.service.suppression')}</Paragraph>
        <DataTable
          id="barometer-service-region"
          caption={t('satisfaction.barometer.service.regionCaption')}
          head={[t('satisfaction.indicator'), t('satisfaction.value')]}
          rows={PUBLIC_ORGANISATION_KEYS.map((key) => [t(`satisfaction.ops.indicator.${key}`), <FigureCell figure={data.region[key]} name={key} />])}
        />
        <BreakdownTable
          id="barometer-service-organisations"
          caption={t('satisfaction.barometer.service.organisationsCaption')}
          first={t('satisfaction.organisationHead')}
          keys={PUBLIC_ORGANISATION_KEYS}
          rows={data.organisations.map((org) => ({ label: <Text value={org.name} />, operations: org.operations }))}
        />
        <BreakdownTable
          id="barometer-service-contact-points"
          caption={t('satisfaction.barometer.service.contactPointsCaption')}
          first={t('satisfaction.filter.contactPoint')}
          keys={PUBLIC_CONTACT_POINT_KEYS}
          rows={data.contactPoints.map((cp) => ({
            label: (
              <>
                {cp.name ? <Text value={cp.name} /> : cp.contactPointId}{' '}
                <span class="irisdesk-muted">
                  (<Text value={cp.organisationName} />)
                </span>
              </>
            ),
            operations: cp.operations,
          }))}
        />
      </More>
      <Definitions summary={t('satisfaction.barometer.service.definitions')} keys={keys} suppressionNote={false} />
    </section>
  );
}
