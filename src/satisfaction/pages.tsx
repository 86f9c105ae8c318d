// Screens of the satisfaction module: the organisation and regional dashboards (back office) and the public
// barometer (the questionnaire after a contact is in questionnaire-pages.tsx). Every text comes from the catalogue.
import type { ComponentChildren } from 'preact';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, Heading1, Link, Paragraph, SelectField, SubmitButton, Text, TextField } from '../platform/views/components.tsx';
import { LOCALES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import { formatDate } from '../platform/i18n/format.ts';
import type { Translate } from '../platform/i18n/messages.ts';
import { INDICATORS, type IndicatorKey, type Indicators } from './indicators.ts';
import { CHANNELS } from './repository.ts';
import type { Barometer, OrganisationDashboard, RegionalDashboard } from './service.ts';
import { BarChart, ChartStyles, DataTable, KeyFigures, LineChart, More } from '../platform/views/charts/charts.tsx';
import { formatChange, formatDecimal, formatFigure, formatPercent, outOfTen, type FigureUnit } from '../platform/views/charts/figures.ts';

// ---- figures

/** The unit of each indicator: shares in percent, the score out of 10 and the NPS in points. */
export const INDICATOR_UNIT: Record<IndicatorKey, FigureUnit> = {
  csat: 'percent',
  score10: 'score',
  clarity: 'percent',
  effort: 'percent',
  needMet: 'percent',
  reachability: 'percent',
  autonomy: 'percent',
  nps: 'score',
};

/** One figure as text: "72.5%" (by the page's locale), "7.4", "+12" (NPS), or "–" when there is none or it is suppressed. */
export function formatIndicator(indicators: Indicators, key: IndicatorKey, lang: Language, t: Translate): string {
  const value = indicators[key];
  if (value === null) return '–';
  if (key === 'nps') return `${value > 0 ? '+' : ''}${formatDecimal(value, lang)}`;
  return formatFigure(value, INDICATOR_UNIT[key], lang, t);
}

/** Change of an indicator between two periods, in points ("+2.3 points"); of the answers, as a count. */
function indicatorChange(current: Indicators, previous: Indicators, key: IndicatorKey | 'answers', lang: Language, t: Translate): string {
  if (key === 'answers') return formatChange(current.answers, previous.answers, 'count', lang, t);
  return formatChange(current[key], previous[key], INDICATOR_UNIT[key], lang, t);
}

/** Why a cell is empty: too few answers (outside the organisation) or none at all. */
function countText(indicators: Indicators, t: Translate, lang: Language): string {
  const count = t('satisfaction.answers', { count: indicators.answers, countText: formatDecimal(indicators.answers, lang) });
  return indicators.suppressed ? `${count} (${t('satisfaction.suppressedShort')})` : count;
}

/** A share as people read it: "8 in 10" — or "–" when it is not published. */
function inTen(value: number | null, t: Translate): string {
  return value === null ? '–' : t('satisfaction.key.inTen', { count: outOfTen(value) });
}

/** The key figures of a set of answers, in plain words: satisfied, easy, need met, score, answers. */
function SatisfactionKeyFigures(props: { current: Indicators; previous?: Indicators | undefined }) {
  const { t, lang } = usePage();
  const { current, previous } = props;
  const share = (key: 'csat' | 'effort' | 'needMet') => ({
    value: inTen(current[key], t),
    label: t(`satisfaction.key.${key}`),
    detail: [
      current[key] === null ? t('satisfaction.key.notEnough') : t('satisfaction.key.share', { value: formatPercent(current[key], lang) }),
      previous && current[key] !== null && previous[key] !== null
        ? t('satisfaction.key.change', { change: indicatorChange(current, previous, key, lang, t) })
        : null,
    ]
      .filter(Boolean)
      .join(' · '),
  });
  return (
    <KeyFigures
      label={t('satisfaction.key.label')}
      figures={[
        share('csat'),
        share('effort'),
        share('needMet'),
        {
          value: current.score10 === null ? '–' : t('satisfaction.key.outOf10', { value: formatDecimal(current.score10, lang, 1) }),
          label: t('satisfaction.key.score10'),
          detail: previous ? t('satisfaction.key.change', { change: indicatorChange(current, previous, 'score10', lang, t) }) : undefined,
        },
        {
          value: formatDecimal(current.answers, lang),
          label: t('satisfaction.key.answers', { count: current.answers }),
          detail: previous ? t('satisfaction.key.change', { change: indicatorChange(current, previous, 'answers', lang, t) }) : undefined,
        },
      ]}
    />
  );
}

export const monthLabel = (month: string, lang: Language) =>
  new Intl.DateTimeFormat(LOCALES[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T12:00:00Z`));

const indicatorHead = (t: Translate) => INDICATORS.map((key) => t(`satisfaction.indicator.${key}`));

function indicatorCells(indicators: Indicators, lang: Language, t: Translate): string[] {
  return [countText(indicators, t, lang), ...INDICATORS.map((key) => formatIndicator(indicators, key, lang, t))];
}

export function IndicatorDefinitions() {
  const { t } = usePage();
  return (
    <details class="irisdesk-definitions">
      <summary>{t('satisfaction.definitions.title')}</summary>
      <dl>
        {INDICATORS.map((key) => (
          <>
            <dt>
              <strong>{t(`satisfaction.indicator.${key}`)}</strong>
            </dt>
            <dd>{t(`satisfaction.definition.${key}`)}</dd>
          </>
        ))}
      </dl>
      <Paragraph>{t('satisfaction.definitions.suppression')}</Paragraph>
    </details>
  );
}

// ---- dashboards

// No pattern attribute on the month inputs: HTML allows none on type="month" (the label gives the format for
// browsers that show a text box, and the server checks the period).
export function PeriodFields(props: { from: string; to: string; children?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <>
      <TextField name="from" type="month" label={t('satisfaction.filter.from')} value={props.from} />
      <TextField name="to" type="month" label={t('satisfaction.filter.to')} value={props.to} />
      {props.children}
    </>
  );
}

/** A filter's choice; "" is every value. */
function Select(props: { name: string; label: string; value: string | null; options: Array<{ value: string; label: string }> }) {
  return <SelectField name={props.name} label={props.label} value={props.value ?? ''} options={props.options} />;
}

/**
 * A dashboard's filter form (the period, then the given fields), sent to `action`, and the JSON (`api`) and
 * CSV (`api`/export.csv) exports of the figures shown, with the same filters (`apiQuery`).
 */
export function FilterForm(props: { action: string; period: { from: string; to: string }; api: string; apiQuery: string; children: ComponentChildren }) {
  const { t } = usePage();
  return (
    <>
      <More summary={t('satisfaction.filter.show')}>
        <form method="get" action={props.action} class="utrecht-form irisdesk-filters">
          <PeriodFields from={props.period.from} to={props.period.to}>
            {props.children}
          </PeriodFields>
          <SubmitButton variant="secondary">{t('satisfaction.filter.apply')}</SubmitButton>
        </form>
      </More>
      <p class="utrecht-paragraph irisdesk-actions">
        <Link href={`${props.api}${props.apiQuery}`}>{t('satisfaction.export.json')}</Link>
        <Link href={`${props.api}/export.csv${props.apiQuery}`}>{t('satisfaction.export.csv')}</Link>
      </p>
    </>
  );
}

type Choice = { key: string; name: LocalizedText | null };

/** An organisation's filters: channel, service and contact point (those with figures in the period). */
export function OrganisationFilterFields(props: {
  filters: { channel: string | null; service: string | null; contactPoint: string | null };
  services: Choice[];
  contactPoints: Choice[];
}) {
  const { t, lang } = usePage();
  const all = { value: '', label: t('satisfaction.filter.all') };
  const choices = (rows: Choice[]) => [
    all,
    ...rows.filter((s) => s.key !== '').map((s) => ({ value: s.key, label: s.name ? pickText(s.name, lang).text : s.key })),
  ];
  return (
    <>
      <Select
        name="channel"
        label={t('satisfaction.filter.channel')}
        value={props.filters.channel}
        options={[all, ...CHANNELS.map((c) => ({ value: c, label: t(`satisfaction.channel.${c}`) }))]}
      />
      <Select name="service" label={t('satisfaction.filter.service')} value={props.filters.service} options={choices(props.services)} />
      <Select name="contactPoint" label={t('satisfaction.filter.contactPoint')} value={props.filters.contactPoint} options={choices(props.contactPoints)} />
    </>
  );
}

const KINDS = ['commune', 'cpas', 'regional', 'community', 'federal', 'other'];

/** The region's filters: the kind of organisation and the figure organisations are ranked by. */
export function RegionFilterFields(props: { kind: string | null; rankBy: string; rankOptions: Array<{ value: string; label: string }> }) {
  const { t } = usePage();
  return (
    <>
      <Select
        name="kind"
        label={t('satisfaction.filter.kind')}
        value={props.kind}
        options={[{ value: '', label: t('satisfaction.filter.all') }, ...KINDS.map((k) => ({ value: k, label: t(`satisfaction.kind.${k}`) }))]}
      />
      <Select name="rank" label={t('satisfaction.filter.rank')} value={props.rankBy} options={props.rankOptions} />
    </>
  );
}

function SummaryTable(props: { id: string; caption: string; current: Indicators; previous: Indicators; currentLabel: string; previousLabel: string }) {
  const { t, lang } = usePage();
  return (
    <DataTable
      id={props.id}
      caption={props.caption}
      head={[t('satisfaction.indicator'), props.currentLabel, props.previousLabel, t('satisfaction.change')]}
      rows={[
        [
          t('satisfaction.answersHead'),
          formatDecimal(props.current.answers, lang),
          formatDecimal(props.previous.answers, lang),
          indicatorChange(props.current, props.previous, 'answers', lang, t),
        ],
        ...INDICATORS.map((key) => [
          t(`satisfaction.indicator.${key}`),
          formatIndicator(props.current, key, lang, t),
          formatIndicator(props.previous, key, lang, t),
          indicatorChange(props.current, props.previous, key, lang, t),
        ]),
      ]}
    />
  );
}

function TrendChart(props: { id: string; months: Array<{ month: string; indicators: Indicators }> }) {
  const { t, lang } = usePage();
  const labels = props.months.map((m) => monthLabel(m.month, lang));
  return (
    <LineChart
      id={props.id}
      title={t('satisfaction.chart.trend')}
      description={t('satisfaction.chart.trendDescription')}
      labels={labels}
      min={0}
      max={100}
      tick={(value) => formatPercent(value, lang, 0)}
      series={[
        { label: t('satisfaction.key.series.csat'), values: props.months.map((m) => m.indicators.csat) },
        { label: t('satisfaction.key.series.effort'), values: props.months.map((m) => m.indicators.effort) },
      ]}
      tableHead={[
        t('satisfaction.month'),
        t('satisfaction.answersHead'),
        t('satisfaction.indicator.csat'),
        t('satisfaction.indicator.score10'),
        t('satisfaction.indicator.effort'),
        t('satisfaction.indicator.needMet'),
      ]}
      tableRows={props.months.map((m, i) => [
        labels[i]!,
        countText(m.indicators, t, lang),
        formatIndicator(m.indicators, 'csat', lang, t),
        formatIndicator(m.indicators, 'score10', lang, t),
        formatIndicator(m.indicators, 'effort', lang, t),
        formatIndicator(m.indicators, 'needMet', lang, t),
      ])}
    />
  );
}

/** Bars of the share of satisfied people, one per row (organisation, channel), best first. */
function SatisfiedBars(props: { id: string; title: string; first: string; rows: Array<{ label: string; indicators: Indicators }> }) {
  const { t, lang } = usePage();
  if (props.rows.length === 0) return null;
  const rows = [...props.rows].sort((a, b) => (b.indicators.csat ?? -1) - (a.indicators.csat ?? -1) || a.label.localeCompare(b.label, lang));
  return (
    <BarChart
      id={props.id}
      title={props.title}
      description={t('satisfaction.chart.satisfiedDescription')}
      max={100}
      bars={rows.map((row) => ({
        label: row.label,
        value: row.indicators.csat,
        text: row.indicators.csat === null ? t('satisfaction.key.notEnough') : formatPercent(row.indicators.csat, lang, 0),
      }))}
      tableHead={[props.first, t('satisfaction.indicator.csat'), t('satisfaction.indicator.score10'), t('satisfaction.answersHead')]}
      tableRows={rows.map((row) => [
        row.label,
        formatIndicator(row.indicators, 'csat', lang, t),
        formatIndicator(row.indicators, 'score10', lang, t),
        countText(row.indicators, t, lang),
      ])}
    />
  );
}

function BreakdownTable(props: { id: string; caption: string; first: string; rows: Array<{ label: ComponentChildren; indicators: Indicators }> }) {
  const { t, lang } = usePage();
  if (props.rows.length === 0) return null;
  return (
    <DataTable
      id={props.id}
      caption={props.caption}
      head={[props.first, t('satisfaction.answersHead'), ...indicatorHead(t)]}
      rows={props.rows.map((row) => [row.label, ...indicatorCells(row.indicators, lang, t)])}
    />
  );
}

/** A query string without some of its parameters (each view ranks by its own figures, for example). */
export function withoutParams(query: string, keys: string[]): string {
  const params = new URLSearchParams(query.replace(/^\?/, ''));
  for (const key of keys) params.delete(key);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Links between the satisfaction and operations views of a dashboard (same filters kept). */
export function DashboardViews(props: { current: 'satisfaction' | 'operations'; satisfactionHref: string; operationsHref: string }) {
  const { t } = usePage();
  const item = (view: 'satisfaction' | 'operations', href: string) => (
    <li class="utrecht-unordered-list__item">
      <a class="utrecht-link" href={href} aria-current={props.current === view ? 'page' : undefined}>
        {t(`satisfaction.ops.nav.${view}`)}
      </a>
    </li>
  );
  return (
    <nav aria-label={t('satisfaction.ops.nav.label')} class="irisdesk-dashboard-views">
      <ul class="utrecht-unordered-list">
        {item('satisfaction', props.satisfactionHref)}
        {item('operations', props.operationsHref)}
      </ul>
    </nav>
  );
}

export function OrganisationDashboardPage(props: { data: OrganisationDashboard; apiQuery: string }) {
  const { t, lang } = usePage();
  const { data } = props;
  const base = `/api/v1/satisfaction/organisations/${data.organisation.code}`;
  const serviceLabel = (key: string, name: LocalizedText | null) => (key === '' ? t('satisfaction.none') : name ? <Text value={name} /> : key);
  const periodText = (period: { from: string; to: string }) =>
    t('satisfaction.period', { from: monthLabel(period.from, lang), to: monthLabel(period.to, lang) });
  return (
    <Layout
      title={t('satisfaction.organisation.title', { organisation: pickText(data.organisation.name, lang).text })}
      backOffice
      section="satisfaction"
      head={<ChartStyles />}
    >
      <Heading1>
        {t('satisfaction.organisation.heading')} – <Text value={data.organisation.name} />
      </Heading1>
      <DashboardViews
        current="satisfaction"
        satisfactionHref={`/${lang}/satisfaction/organisations/${data.organisation.code}${props.apiQuery}`}
        operationsHref={`/${lang}/satisfaction/organisations/${data.organisation.code}/operations${props.apiQuery}`}
      />
      <Paragraph lead>
        {periodText(data.period)}
        {' · '}
        {t('satisfaction.key.comparedWith', { period: periodText(data.previousPeriod) })}
      </Paragraph>
      {data.suppressed && (
        <Alert type="info">
          <p class="utrecht-paragraph">{t('satisfaction.suppressedNotice')}</p>
        </Alert>
      )}
      <FilterForm action={`/${lang}/satisfaction/organisations/${data.organisation.code}`} period={data.period} api={base} apiQuery={props.apiQuery}>
        <OrganisationFilterFields filters={data.filters} services={data.byService} contactPoints={data.byContactPoint} />
      </FilterForm>
      <h2 class="utrecht-heading-2">{t('satisfaction.section.keyFigures')}</h2>
      <SatisfactionKeyFigures current={data.total} previous={data.previous} />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.trend')}</h2>
      <TrendChart id="org-trend" months={data.months} />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.byChannel')}</h2>
      <SatisfiedBars
        id="org-channels"
        title={t('satisfaction.chart.satisfiedByChannel')}
        first={t('satisfaction.filter.channel')}
        rows={data.byChannel.map((row) => ({ label: t(`satisfaction.channel.${row.key}`), indicators: row.indicators }))}
      />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.details')}</h2>
      <More summary={t('satisfaction.section.summary')}>
        <SummaryTable
          id="org-summary"
          caption={t('satisfaction.summaryCaption')}
          current={data.total}
          previous={data.previous}
          currentLabel={periodText(data.period)}
          previousLabel={periodText(data.previousPeriod)}
        />
      </More>
      <More summary={t('satisfaction.section.breakdown')}>
        <BreakdownTable
          id="org-by-channel"
          caption={t('satisfaction.byChannel')}
          first={t('satisfaction.filter.channel')}
          rows={data.byChannel.map((row) => ({ label: t(`satisfaction.channel.${row.key}`), indicators: row.indicators }))}
        />
        <BreakdownTable
          id="org-by-service"
          caption={t('satisfaction.byService')}
          first={t('satisfaction.filter.service')}
          rows={data.byService.map((row) => ({ label: serviceLabel(row.key, row.name), indicators: row.indicators }))}
        />
        <BreakdownTable
          id="org-by-contact-point"
          caption={t('satisfaction.byContactPoint')}
          first={t('satisfaction.filter.contactPoint')}
          rows={data.byContactPoint.map((row) => ({ label: serviceLabel(row.key, row.name), indicators: row.indicators }))}
        />
      </More>
      {data.comments.length > 0 && (
        <More summary={t('satisfaction.section.commentsCount', { count: data.comments.length })}>
          <Paragraph>{t('satisfaction.commentsNote')}</Paragraph>
          <ul class="utrecht-unordered-list">
            {data.comments.map((comment) => (
              <li class="utrecht-unordered-list__item">
                <span class="irisdesk-muted">
                  {formatDate(new Date(comment.contactAt), lang)} · {t(`satisfaction.channel.${comment.channel}`)} ·{' '}
                  {t('satisfaction.overallShort', { value: comment.overall })}
                </span>
                <blockquote lang={comment.language}>{comment.comment}</blockquote>
              </li>
            ))}
          </ul>
        </More>
      )}
      <IndicatorDefinitions />
    </Layout>
  );
}

export function RegionalDashboardPage(props: { data: RegionalDashboard; rankBy: IndicatorKey; apiQuery: string }) {
  const { t, lang } = usePage();
  const { data, rankBy } = props;
  const ranked = [...data.organisations].sort(
    (a, b) => (b.indicators[rankBy] ?? -Infinity) - (a.indicators[rankBy] ?? -Infinity) || a.code.localeCompare(b.code),
  );
  const max = rankBy === 'score10' ? 10 : 100;
  return (
    <Layout title={t('satisfaction.region.title')} backOffice section="satisfaction" head={<ChartStyles />}>
      <Heading1>{t('satisfaction.region.heading')}</Heading1>
      <DashboardViews
        current="satisfaction"
        satisfactionHref={`/${lang}/satisfaction/region${props.apiQuery}`}
        operationsHref={`/${lang}/satisfaction/region/operations${withoutParams(props.apiQuery, ['rank'])}`}
      />
      <Paragraph lead>
        {t('satisfaction.period', { from: monthLabel(data.period.from, lang), to: monthLabel(data.period.to, lang) })}
        {' · '}
        {t('satisfaction.region.organisationsCount', { count: data.organisations.length })}
      </Paragraph>
      <Paragraph>{t('satisfaction.region.noPersonalData')}</Paragraph>
      <FilterForm action={`/${lang}/satisfaction/region`} period={data.period} api="/api/v1/satisfaction/region" apiQuery={props.apiQuery}>
        <RegionFilterFields
          kind={data.kind}
          rankBy={rankBy}
          rankOptions={INDICATORS.map((key) => ({ value: key, label: t(`satisfaction.indicator.${key}`) }))}
        />
      </FilterForm>
      <h2 class="utrecht-heading-2">{t('satisfaction.section.keyFigures')}</h2>
      <SatisfactionKeyFigures current={data.region} />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.ranking')}</h2>
      <BarChart
        id="region-ranking"
        title={t('satisfaction.chart.ranking', { indicator: t(`satisfaction.indicator.${rankBy}`) })}
        description={t('satisfaction.chart.rankingDescription')}
        max={max}
        bars={ranked.map((org) => ({
          label: pickText(org.name, lang).text,
          value: org.indicators[rankBy],
          text: org.indicators[rankBy] === null ? t('satisfaction.key.notEnough') : formatIndicator(org.indicators, rankBy, lang, t),
        }))}
        tableHead={[
          t('satisfaction.rank'),
          t('satisfaction.organisationHead'),
          t(`satisfaction.indicator.${rankBy}`),
          t('satisfaction.answersHead'),
          t('satisfaction.changePrevious'),
        ]}
        tableRows={ranked.map((org, i) => [
          org.indicators[rankBy] === null ? '–' : String(i + 1),
          pickText(org.name, lang).text,
          formatIndicator(org.indicators, rankBy, lang, t),
          countText(org.indicators, t, lang),
          formatChange(org.indicators[rankBy], org.previous[rankBy], INDICATOR_UNIT[rankBy], lang, t),
        ])}
      />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.trend')}</h2>
      <TrendChart id="region-trend" months={data.months} />
      <h2 class="utrecht-heading-2">{t('satisfaction.section.details')}</h2>
      <More summary={t('satisfaction.section.sideBySide')}>
        <BreakdownTable
          id="region-side-by-side"
          caption={t('satisfaction.sideBySideCaption')}
          first={t('satisfaction.organisationHead')}
          rows={data.organisations.map((org) => ({
            label: (
              <a class="utrecht-link" href={`/${lang}/satisfaction/organisations/${org.code}${withoutParams(props.apiQuery, ['kind', 'rank'])}`}>
                <Text value={org.name} />
              </a>
            ),
            indicators: org.indicators,
          }))}
        />
      </More>
      <More summary={t('satisfaction.byKind')}>
        <BreakdownTable
          id="region-by-kind"
          caption={t('satisfaction.byKind')}
          first={t('satisfaction.filter.kind')}
          rows={data.byKind.map((row) => ({ label: t(`satisfaction.kind.${row.kind}`), indicators: row.indicators }))}
        />
      </More>
      <IndicatorDefinitions />
    </Layout>
  );
}

/** The public barometer; `serviceLevels` is the operations section (operations/pages.tsx), shown after satisfaction. */
export function BarometerPage(props: { data: Barometer; serviceLevels?: ComponentChildren }) {
  const { t, lang } = usePage();
  const { data } = props;
  const orgName = (name: LocalizedText) => pickText(name, lang).text;
  return (
    <Layout title={t('satisfaction.barometer.title')} head={<ChartStyles />}>
      <Heading1>{t('satisfaction.barometer.heading')}</Heading1>
      <Paragraph lead>{t('satisfaction.barometer.lead', { from: monthLabel(data.period.from, lang), to: monthLabel(data.period.to, lang) })}</Paragraph>
      <h2 class="utrecht-heading-2">{t('satisfaction.barometer.keyFigures')}</h2>
      <SatisfactionKeyFigures current={data.region} />
      {data.organisations.length === 0 && <Paragraph>{t('satisfaction.noAnswers')}</Paragraph>}
      <h2 class="utrecht-heading-2">{t('satisfaction.barometer.organisations')}</h2>
      <SatisfiedBars
        id="barometer-organisations"
        title={t('satisfaction.chart.satisfiedByOrganisation')}
        first={t('satisfaction.organisationHead')}
        rows={data.organisations.map((org) => ({ label: orgName(org.name), indicators: org.indicators }))}
      />
      <h2 class="utrecht-heading-2">{t('satisfaction.barometer.channels')}</h2>
      <SatisfiedBars
        id="barometer-channels"
        title={t('satisfaction.chart.satisfiedByChannel')}
        first={t('satisfaction.filter.channel')}
        rows={data.byChannel.map((row) => ({ label: t(`satisfaction.channel.${row.key}`), indicators: row.indicators }))}
      />
      {data.contactPoints.length > 0 && (
        <>
          <h2 class="utrecht-heading-2">{t('satisfaction.barometer.contactPoints')}</h2>
          <SatisfiedBars
            id="barometer-contact-points"
            title={t('satisfaction.chart.satisfiedByContactPoint')}
            first={t('satisfaction.filter.contactPoint')}
            rows={data.contactPoints.map((cp) => ({
              // Contact point names already say where they are ("Town hall – Ixelles"); the table below names the organisation.
              label: cp.name ? pickText(cp.name, lang).text : cp.contactPointId,
              indicators: cp.indicators,
            }))}
          />
        </>
      )}
      <More summary={t('satisfaction.barometer.allFigures')}>
        <DataTable
          id="barometer-region"
          caption={t('satisfaction.barometer.regionCaption')}
          head={[t('satisfaction.indicator'), t('satisfaction.value')]}
          rows={[
            [t('satisfaction.answersHead'), formatDecimal(data.region.answers, lang)],
            ...INDICATORS.map((key) => [t(`satisfaction.indicator.${key}`), formatIndicator(data.region, key, lang, t)]),
          ]}
        />
        <BreakdownTable
          id="barometer-by-organisation"
          caption={t('satisfaction.barometer.organisationsCaption')}
          first={t('satisfaction.organisationHead')}
          rows={data.organisations.map((org) => ({ label: <Text value={org.name} />, indicators: org.indicators }))}
        />
        <BreakdownTable
          id="barometer-by-contact-point"
          caption={t('satisfaction.barometer.contactPointsCaption')}
          first={t('satisfaction.filter.contactPoint')}
          rows={data.contactPoints.map((cp) => ({
            label: (
              <>
                {cp.name ? <Text value={cp.name} /> : cp.contactPointId}{' '}
                <span class="irisdesk-muted">
                  (<Text value={cp.organisationName} />)
                </span>
              </>
            ),
            indicators: cp.indicators,
          }))}
        />
      </More>
      {props.serviceLevels}
      <h2 class="utrecht-heading-2">{t('satisfaction.barometer.openData')}</h2>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          <Link href="/api/v1/opendata/satisfaction.csv">{t('satisfaction.barometer.csv')}</Link>
        </li>
        <li class="utrecht-unordered-list__item">
          <Link href="/api/v1/opendata/satisfaction.json">{t('satisfaction.barometer.json')}</Link>
        </li>
        <li class="utrecht-unordered-list__item">
          <Link href="/api/v1/opendata/operations.csv">{t('satisfaction.ops.export.openDataCsv')}</Link>
        </li>
        <li class="utrecht-unordered-list__item">
          <Link href="/api/v1/opendata/operations.json">{t('satisfaction.ops.export.openDataJson')}</Link>
        </li>
        <li class="utrecht-unordered-list__item">
          <Link href="/api/v1/opendata/sdg-feedback.csv">{t('satisfaction.barometer.sdgCsv')}</Link>
        </li>
        <li class="utrecht-unordered-list__item">
          <Link href="/api/v1/opendata/sdg-feedback.json">{t('satisfaction.barometer.sdgJson')}</Link>
        </li>
        <li class="utrecht-unordered-list__item">
          <Link href="/api/v1/opendata/catalog.jsonld">{t('satisfaction.barometer.dcat')}</Link>
        </li>
      </ul>
      <IndicatorDefinitions />
    </Layout>
  );
}
