// The results of a survey per question, with the filter form and the responses per organisation.
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, DateField, ErrorSummary, Heading1, Link, Paragraph, SelectField, SubmitButton, Table, Text } from '../../platform/views/components.tsx';
import type { FieldError } from '../../platform/http/errors.ts';
import { pickText, type Language } from '../../platform/i18n/languages.ts';
import { formatNumber } from '../../platform/i18n/format.ts';
import type { SurveyResults } from '../service.ts';
import { CHANNELS } from '../service.ts';
import type { OrganisationRow, QuestionResult } from '../results.ts';
import { filtersQuery, isFiltered, type ResultFilterQuery } from '../filters.ts';
import { SECTION, StateBadge } from '../components.tsx';

// ---- results

const pct = (value: number | null, lang: Language) => (value === null ? '–' : `${formatNumber(value, lang, 1)} %`);
const num = (value: number | null, lang: Language, digits = 0) => (value === null ? '–' : formatNumber(value, lang, digits));

function QuestionResultView({ result, index, texts }: { result: QuestionResult; index: number; texts: string[] | undefined }) {
  const { t, lang } = usePage();
  const heading = `${index + 1}. ${pickText(result.text, lang).text}`;
  const answered = t('surveys.results.respondents', { count: result.respondents, countText: formatNumber(result.respondents, lang) });
  // A plain section, not a named landmark: its table is already a region named by the same question.
  return (
    <section class="irisdesk-result">
      <h3 class="utrecht-heading-3" id={`result-${result.questionId}`}>
        {heading}
      </h3>
      <Paragraph>
        {answered}
        {result.suppressed && ` – ${t('surveys.results.suppressed')}`}
      </Paragraph>
      {result.kind === 'matrix' ? (
        <Table
          caption={heading}
          head={[
            t('surveys.results.row'),
            ...result.rows[0]!.cells.map((c) => pickText(c.label, lang).text),
            t('surveys.results.respondentsShort'),
            t('surveys.results.mean'),
          ]}
          rows={result.rows.map((row) => [
            <Text value={row.label} />,
            ...row.cells.map((c) => (c.count === null ? '–' : `${num(c.count, lang)} (${pct(c.percent, lang)})`)),
            num(row.respondents, lang),
            num(row.mean, lang, 2),
          ])}
        />
      ) : result.kind === 'text' ? (
        texts && texts.length > 0 ? (
          <ul class="utrecht-unordered-list">
            {texts.map((text) => (
              <li class="utrecht-unordered-list__item">{text}</li>
            ))}
          </ul>
        ) : null
      ) : (
        !result.suppressed && (
          <>
            {(result.mean !== null || result.nps) && (
              <Paragraph>
                {result.mean !== null && `${t('surveys.results.mean')}: ${num(result.mean, lang, 2)}`}
                {result.topTwo !== null && ` · ${t('surveys.results.topTwo')}: ${pct(result.topTwo, lang)}`}
                {result.nps &&
                  ` · ${t('surveys.results.nps')}: ${result.nps.score > 0 ? '+' : ''}${result.nps.score} (${t('surveys.results.npsDetail', { promoters: formatNumber(result.nps.promoters, lang, 1), passives: formatNumber(result.nps.passives, lang, 1), detractors: formatNumber(result.nps.detractors, lang, 1) })})`}
              </Paragraph>
            )}
            <Table
              caption={heading}
              head={[t('surveys.results.answer'), t('surveys.results.count'), t('surveys.results.percent')]}
              rows={result.cells.map((c) => [Object.keys(c.label).length ? <Text value={c.label} /> : c.value, num(c.count, lang), pct(c.percent, lang)])}
            />
          </>
        )
      )}
    </section>
  );
}

/** The GET form of the results filters: period, source and (regional surveys) organisation. */
function ResultFilterForm({ data, errors, values }: { data: SurveyResults; errors: FieldError[] | undefined; values: ResultFilterQuery | undefined }) {
  const { t, lang } = usePage();
  const action = `/${lang}/admin/surveys/${data.survey.id}/results`;
  // After an error the form shows what was typed; otherwise the filters applied.
  const value = (name: keyof ResultFilterQuery) => (values ? (values[name] ?? '') : (data.filters[name] ?? ''));
  const sources = [
    { value: '', label: t('surveys.filter.sourceAll') },
    { value: 'link', label: t('surveys.filter.sourceLink') },
    { value: 'invitation', label: t('surveys.filter.sourceInvitation') },
    ...CHANNELS.map((channel) => ({ value: channel, label: t('surveys.filter.sourceChannel', { channel: t(`surveys.channel.${channel}`) }) })),
  ];
  const organisations = (data.byOrganisation ?? []).filter((row) => !row.suppressed).map((row) => ({ value: row.code, label: pickText(row.name, lang).text }));
  if (data.organisation && !organisations.some((option) => option.value === data.organisation!.code)) {
    organisations.push({ value: data.organisation.code, label: pickText(data.organisation.name, lang).text });
  }
  return (
    <form method="get" action={action} class="utrecht-form irisdesk-filters" aria-labelledby="survey-filters-title" noValidate>
      <h2 class="utrecht-heading-2" id="survey-filters-title">
        {t('surveys.filter.title')}
      </h2>
      <DateField name="from" label={t('surveys.filter.from')} value={value('from')} errors={errors} />
      <DateField name="to" label={t('surveys.filter.to')} value={value('to')} errors={errors} />
      <SelectField name="source" label={t('surveys.filter.source')} value={value('source')} options={sources} errors={errors} />
      {data.byOrganisation && (
        <SelectField
          name="organisation"
          label={t('surveys.filter.organisation')}
          value={value('organisation')}
          options={[{ value: '', label: t('surveys.filter.organisationAll') }, ...organisations]}
          errors={errors}
        />
      )}
      <div class="irisdesk-actions">
        <SubmitButton variant="secondary">{t('surveys.filter.apply')}</SubmitButton>
        {(isFiltered(data.filters) || values) && <Link href={action}>{t('surveys.filter.reset')}</Link>}
      </div>
    </form>
  );
}

/** Regional surveys: responses after a contact per organisation of the contact. */
function OrganisationBreakdown({ rows, suppressed }: { rows: OrganisationRow[]; suppressed: boolean }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="survey-by-organisation">
      <h2 class="utrecht-heading-2" id="survey-by-organisation">
        {t('surveys.results.byOrganisation')}
      </h2>
      <Paragraph>{t('surveys.results.byOrganisationLead')}</Paragraph>
      {suppressed && <Paragraph>{t('surveys.results.byOrganisationSuppressed')}</Paragraph>}
      {rows.length === 0 ? (
        <Paragraph>{t('surveys.results.byOrganisationEmpty')}</Paragraph>
      ) : (
        <Table
          caption={t('surveys.results.byOrganisation')}
          head={[t('surveys.filter.organisation'), t('surveys.results.responses')]}
          rows={rows.map((row) => [<Text value={row.name} />, row.responses === null ? t('surveys.results.hidden') : formatNumber(row.responses, lang)])}
        />
      )}
    </section>
  );
}

export function SurveyResultsPage({
  data,
  errors,
  values,
}: {
  data: SurveyResults;
  errors?: FieldError[] | undefined;
  values?: ResultFilterQuery | undefined;
}) {
  const { t, lang } = usePage();
  const { survey } = data;
  // Small cells are shown only to the owner, who alone exports the raw answers.
  const manage = !data.suppressed;
  return (
    <Layout title={t('surveys.results.title')} backOffice section={SECTION}>
      <Heading1>
        {t('surveys.results.title')} – <Text value={survey.title} />
      </Heading1>
      <Paragraph lead>
        <StateBadge state={data.state} /> ·{' '}
        {t('surveys.results.summary', {
          total: data.summary.total,
          link: data.summary.viaLink,
          invitation: data.summary.viaInvitation,
          invitations: data.summary.invitations,
        })}
      </Paragraph>
      <ErrorSummary errors={errors} labelOf={(field) => t(`surveys.filter.${field}`)} />
      <ResultFilterForm data={data} errors={errors} values={values} />
      {data.suppressed && <Alert type="info">{<p class="utrecht-paragraph">{t('surveys.results.suppressionNote')}</p>}</Alert>}
      <p class="irisdesk-actions">
        <a class="utrecht-link" href={`/api/v1/surveys/${survey.id}/results.csv${filtersQuery(data.filters, { lang })}`} download>
          {t('surveys.results.csv')}
        </a>
        {manage && (
          <a class="utrecht-link" href={`/api/v1/surveys/${survey.id}/answers.csv`} download>
            {t('surveys.results.rawCsv')}
          </a>
        )}
        <Link href={`/${lang}/admin/surveys/${survey.id}`}>{t('surveys.results.back')}</Link>
      </p>
      {data.byOrganisation && <OrganisationBreakdown rows={data.byOrganisation} suppressed={data.suppressed} />}
      <h2 class="utrecht-heading-2">{t('surveys.results.perQuestion')}</h2>
      {data.results.map((result, index) => (
        <QuestionResultView result={result} index={index} texts={data.texts[result.questionId]} />
      ))}
    </Layout>
  );
}
