// Screens of custom surveys: the builder (list, new survey from a template or blank, the survey with its
// questions, settings and completeness per language, the question editor with FR/NL/EN side by side), the
// results per question, and the respondent's questionnaire (works without JavaScript). Texts from the catalogue.
import type { ComponentChildren } from 'preact';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, CheckboxGroup, DateField, ErrorSummary, FieldShell, fieldId, Form, Heading1, Link, Paragraph, SelectField, SubmitButton, Table, Text, TextArea, TextField } from '../platform/views/components.tsx';
import type { FieldError } from '../platform/http/errors.ts';
import { LANGUAGE_NAMES, LANGUAGES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import { formatDate, formatNumber } from '../platform/i18n/format.ts';
import type { Translate } from '../platform/i18n/messages.ts';
import { QUESTION_KINDS, REQUIRED_LANGUAGES, scaleOf, TEXT_MAX_LENGTH, type QuestionKind, type SurveyQuestion, type SurveyRecord } from './model.ts';
import type { SurveyBank, SurveyDetail, SurveyListEntry, SurveyResults } from './service.ts';
import { CHANNELS } from './service.ts';
import type { OrganisationRow, QuestionResult } from './results.ts';
import { filtersQuery, isFiltered, type ResultFilterQuery } from './filters.ts';
import { answerField, closingDay, itemsText, openingDay, type FormValues } from './forms.ts';
import type { SurveyOwner } from './authorisation.ts';

const SECTION = 'surveys';
const val = (values: FormValues | undefined, name: string) => {
  const raw = values?.[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

function StateBadge({ state }: { state: string }) {
  const { t } = usePage();
  return <strong class={`irisdesk-status irisdesk-status--${state}`}>{t(`surveys.state.${state}`)}</strong>;
}

function VersionField({ version }: { version: number }) {
  return <input type="hidden" name="version" value={String(version)} />;
}

/** A small POST button form (move, delete, open, close). */
function ActionButton({ action, version, label, name, value, variant = 'secondary' }: { action: string; version: number; label: string; name?: string; value?: string; variant?: 'primary' | 'secondary' }) {
  const { csrfToken } = usePage();
  return (
    <form method="post" action={action} class="irisdesk-inline-form">
      <input type="hidden" name="_csrf" value={csrfToken()} />
      <VersionField version={version} />
      {name && <input type="hidden" name={name} value={value} />}
      <button type="submit" class={`utrecht-button utrecht-button--${variant}-action`}>
        {label}
      </button>
    </form>
  );
}

// ---- list

export function SurveyListPage({ surveys, owners }: { surveys: SurveyListEntry[]; owners: SurveyOwner[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('surveys.list.title')} backOffice section={SECTION}>
      <Heading1>{t('surveys.list.title')}</Heading1>
      <Paragraph lead>{t('surveys.list.lead')}</Paragraph>
      {owners.length > 0 && (
        <p class="irisdesk-actions">
          <a class="utrecht-button-link utrecht-button-link--primary-action" href={`/${lang}/admin/surveys/new`}>
            {t('surveys.list.create')}
          </a>
        </p>
      )}
      {surveys.length === 0 ? (
        <Paragraph>{t('surveys.list.empty')}</Paragraph>
      ) : (
        <Table
          caption={t('surveys.list.caption')}
          head={[t('surveys.field.title'), t('surveys.list.owner'), t('surveys.list.state'), t('surveys.list.responses'), t('surveys.list.actions')]}
          rows={surveys.map((survey) => [
            <Link href={`/${lang}/admin/surveys/${survey.id}`}>
              <Text value={survey.title} />
            </Link>,
            survey.organisationName ? <Text value={survey.organisationName} /> : t('surveys.owner.region'),
            <StateBadge state={survey.state} />,
            formatNumber(survey.responses, lang),
            <Link href={`/${lang}/admin/surveys/${survey.id}/results`}>{t('surveys.results.link')}</Link>,
          ])}
        />
      )}
    </Layout>
  );
}

// ---- new survey

export function NewSurveyPage({ templates, owners, errors, values }: { templates: SurveyBank['templates']; owners: SurveyOwner[]; errors?: FieldError[]; values?: FormValues }) {
  const { t, lang } = usePage();
  const chosen = val(values, 'templateCode') ?? '';
  return (
    <Layout title={t('surveys.new.title')} backOffice section={SECTION}>
      <Heading1>{t('surveys.new.title')}</Heading1>
      <ErrorSummary errors={errors} labelOf={(field) => t(`surveys.field.${field}`)} />
      <Form action={`/${lang}/admin/surveys/new`}>
        {owners.length > 1 ? (
          <SelectField
            name="owner"
            label={t('surveys.field.owner')}
            value={val(values, 'owner')}
            options={owners.map((owner) => ({ value: owner, label: t(`surveys.owner.${owner}`) }))}
            errors={errors}
          />
        ) : (
          <input type="hidden" name="owner" value={owners[0]} />
        )}
        <fieldset class="utrecht-form-fieldset" id={fieldId('templateCode')}>
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('surveys.field.templateCode')}</legend>
          {[{ code: '', title: { [lang]: t('surveys.new.blank') } as LocalizedText, description: { [lang]: t('surveys.new.blankDescription') } as LocalizedText }, ...templates].map((template) => {
            const id = `${fieldId('templateCode')}-${template.code || 'blank'}`;
            return (
              <div class="utrecht-form-field utrecht-form-field--radio">
                <input class="utrecht-radio utrecht-radio--html-input" type="radio" id={id} name="templateCode" value={template.code} checked={chosen === template.code} aria-describedby={`${id}-description`} />
                <label class="utrecht-form-label utrecht-form-label--radio" for={id}>
                  <Text value={template.title} />
                </label>
                <div class="utrecht-form-field-description" id={`${id}-description`}>
                  <Text value={template.description} />
                </div>
              </div>
            );
          })}
        </fieldset>
        <LanguageColumns>
          {(language) => (
            <TextField name={`title.${language}`} label={t('surveys.field.titleIn', { language: LANGUAGE_NAMES[language] })} value={val(values, `title.${language}`)} errors={errors} maxLength={300} />
          )}
        </LanguageColumns>
        <Paragraph>{t('surveys.new.titleHint')}</Paragraph>
        <SubmitButton>{t('surveys.new.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** FR / NL / EN side by side: one fieldset per language, with its lang attribute. */
function LanguageColumns({ children }: { children: (language: Language) => ComponentChildren }) {
  const { t } = usePage();
  return (
    <div class="irisdesk-card-grid">
      {LANGUAGES.map((language) => (
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            <span lang={language}>{LANGUAGE_NAMES[language]}</span>
            {REQUIRED_LANGUAGES.includes(language) ? '' : ` (${t('surveys.optionalLanguage')})`}
          </legend>
          {children(language)}
        </fieldset>
      ))}
    </div>
  );
}

// ---- the survey

function missingText(path: string, t: Translate): string {
  if (path === 'title') return t('surveys.field.title');
  if (path === 'intro') return t('surveys.field.intro');
  const [question, part, index] = path.split('.');
  const number = Number(question!.slice(1));
  const what = part === 'text' ? t('surveys.field.text') : part === 'help' ? t('surveys.field.help') : part === 'options' ? t('surveys.missing.option', { index: Number(index) }) : part === 'rows' ? t('surveys.missing.row', { index: Number(index) }) : t('surveys.missing.scale');
  return t('surveys.missing.question', { number, what });
}

function CompletenessTable({ detail }: { detail: SurveyDetail }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="completeness-title" id={fieldId('texts')}>
      <h2 class="utrecht-heading-2" id="completeness-title">
        {t('surveys.completeness.title')}
      </h2>
      <Paragraph>{t('surveys.completeness.rule')}</Paragraph>
      <Table
        caption={t('surveys.completeness.caption')}
        head={[t('surveys.completeness.language'), t('surveys.completeness.filled'), t('surveys.completeness.missing')]}
        rows={detail.completeness.map((entry) => [
          <span id={fieldId(`texts.${entry.language}`)}>{LANGUAGE_NAMES[entry.language]}</span>,
          `${formatNumber(entry.filled, lang)} / ${formatNumber(entry.total, lang)}${entry.complete ? ` – ${t('surveys.completeness.complete')}` : ''}`,
          entry.missing.length === 0 ? '–' : entry.missing.slice(0, 8).map((path) => missingText(path, t)).join(' · ') + (entry.missing.length > 8 ? ' …' : ''),
        ])}
      />
    </section>
  );
}

export function SurveyEditPage({ detail, bank, errors, values, publicUrl }: { detail: SurveyDetail; bank: SurveyBank; errors?: FieldError[]; values?: FormValues; publicUrl: string }) {
  const { t, lang } = usePage();
  const { survey, questions } = detail;
  const base = `/${lang}/admin/surveys/${survey.id}`;
  const draft = survey.status === 'draft';
  const manage = detail.manageable;
  const v = (name: string, fallback: string) => (values ? (val(values, name) ?? '') : fallback);
  const link = `${publicUrl}/${lang}/surveys/${survey.slug}`;
  return (
    <Layout title={pickText(survey.title, lang).text} backOffice section={SECTION}>
      <Heading1>
        <Text value={survey.title} />
      </Heading1>
      <Paragraph lead>
        {t('surveys.edit.status')} <StateBadge state={detail.state} /> · {survey.organisationName ? <Text value={survey.organisationName} /> : t('surveys.owner.region')} ·{' '}
        {t('surveys.edit.responses', { count: survey.responses, countText: formatNumber(survey.responses, lang) })}
      </Paragraph>
      <p class="irisdesk-actions">
        <Link href={`${base}/results`}>{t('surveys.results.link')}</Link>
        {survey.linkEnabled && survey.status !== 'draft' && <Link href={`/${lang}/surveys/${survey.slug}`}>{t('surveys.edit.publicPage')}</Link>}
        <Link href={`/${lang}/admin/surveys`}>{t('surveys.edit.back')}</Link>
      </p>
      <ErrorSummary errors={errors} labelOf={(field) => t(`surveys.field.${field.replace(/\.(fr|nl|en)$/, '')}`)} />
      <CompletenessTable detail={detail} />

      {manage && (
        <section aria-labelledby="status-title">
          <h2 class="utrecht-heading-2" id="status-title">
            {t('surveys.edit.statusTitle')}
          </h2>
          <Paragraph>{t(`surveys.edit.statusHelp.${survey.status}`)}</Paragraph>
          <div class="irisdesk-actions">
            {survey.status !== 'open' && <ActionButton action={`${base}/open`} version={survey.version} label={t('surveys.edit.open')} variant="primary" />}
            {survey.status === 'open' && <ActionButton action={`${base}/close`} version={survey.version} label={t('surveys.edit.close')} />}
            {draft && survey.responses === 0 && <ActionButton action={`${base}/delete`} version={survey.version} label={t('surveys.edit.delete')} />}
          </div>
          {survey.linkEnabled && (
            <Paragraph>
              {t('surveys.edit.link')} <code>{link}</code>
            </Paragraph>
          )}
        </section>
      )}

      <section aria-labelledby="questions-title">
        <h2 class="utrecht-heading-2" id="questions-title">
          {t('surveys.edit.questions')}
        </h2>
        {!draft && <Paragraph>{t('surveys.edit.frozen')}</Paragraph>}
        {questions.length === 0 ? (
          <Paragraph>{t('surveys.edit.noQuestions')}</Paragraph>
        ) : (
          <ol class="utrecht-ordered-list" id={fieldId('questions')}>
            {questions.map((question, index) => (
              <li class="utrecht-ordered-list__item">
                <Text value={question.text} /> <span class="irisdesk-muted">({t(`surveys.kind.${question.kind}`)}{question.required ? `, ${t('surveys.required')}` : ''})</span>
                {manage && draft && (
                  <div class="irisdesk-actions">
                    <Link href={`${base}/questions/${question.id}`}>{t('surveys.edit.editQuestion', { number: index + 1 })}</Link>
                    {index > 0 && <ActionButton action={`${base}/questions/${question.id}/move`} version={survey.version} name="direction" value="up" label={t('surveys.edit.moveUp', { number: index + 1 })} />}
                    {index < questions.length - 1 && <ActionButton action={`${base}/questions/${question.id}/move`} version={survey.version} name="direction" value="down" label={t('surveys.edit.moveDown', { number: index + 1 })} />}
                    <ActionButton action={`${base}/questions/${question.id}/delete`} version={survey.version} label={t('surveys.edit.deleteQuestion', { number: index + 1 })} />
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
        {manage && draft && (
          <div class="irisdesk-card-grid">
            <Form action={`${base}/questions`}>
              <VersionField version={survey.version} />
              <SelectField
                name="bankCode"
                label={t('surveys.edit.fromBank')}
                options={bank.questions.map((question) => ({ value: question.code, label: `${t(`surveys.category.${question.category}`)} – ${pickText(question.text, lang).text}` }))}
                errors={errors}
              />
              <SubmitButton variant="secondary">{t('surveys.edit.addFromBank')}</SubmitButton>
            </Form>
            <form method="get" action={`${base}/questions/new`} class="utrecht-form">
              <SelectField name="kind" label={t('surveys.edit.newKind')} options={QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`surveys.kind.${kind}`) }))} />
              <SubmitButton variant="secondary">{t('surveys.edit.addBlank')}</SubmitButton>
            </form>
          </div>
        )}
      </section>

      {manage && (
        <section aria-labelledby="settings-title">
          <h2 class="utrecht-heading-2" id="settings-title">
            {t('surveys.edit.settings')}
          </h2>
          <Form action={`${base}/settings`}>
            <VersionField version={survey.version} />
            <LanguageColumns>
              {(language) => (
                <>
                  <TextField name={`title.${language}`} label={t('surveys.field.titleIn', { language: LANGUAGE_NAMES[language] })} value={v(`title.${language}`, survey.title[language] ?? '')} errors={errors} maxLength={300} />
                  <TextArea name={`intro.${language}`} label={t('surveys.field.introIn', { language: LANGUAGE_NAMES[language] })} value={v(`intro.${language}`, survey.intro[language] ?? '')} errors={errors} maxLength={2000} rows={3} />
                </>
              )}
            </LanguageColumns>
            <DateField name="opensOn" label={t('surveys.field.opensOn')} value={v('opensOn', openingDay(survey.opensAt))} errors={errors} />
            <DateField name="closesOn" label={t('surveys.field.closesOn')} value={v('closesOn', closingDay(survey.closesAt))} errors={errors} description={t('surveys.field.closesOnHint')} />
            <CheckboxGroup
              name="linkEnabled"
              legend={t('surveys.field.linkEnabled')}
              options={[{ value: 'yes', label: t('surveys.field.linkEnabledLabel') }]}
              checked={(values ? val(values, 'linkEnabled') === 'yes' : survey.linkEnabled) ? ['yes'] : []}
              errors={errors}
            />
            <TextField
              name="samplingRate"
              type="number"
              label={t('surveys.field.samplingRate')}
              description={t('surveys.field.samplingRateHint')}
              value={v('samplingRate', String(survey.samplingRate))}
              errors={errors}
            />
            <CheckboxGroup
              name="channels"
              legend={t('surveys.field.channels')}
              options={CHANNELS.map((channel) => ({ value: channel, label: t(`surveys.channel.${channel}`) }))}
              checked={values ? [values.channels ?? []].flat() : survey.channels}
              errors={errors}
            />
            <SubmitButton>{t('surveys.edit.saveSettings')}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}

// ---- the question editor

export function QuestionEditPage(props: { survey: SurveyRecord; question: SurveyQuestion | null; kind: QuestionKind; errors?: FieldError[]; values?: FormValues }) {
  const { t, lang } = usePage();
  const { survey, question, kind, errors, values } = props;
  const base = `/${lang}/admin/surveys/${survey.id}`;
  const v = (name: string, fallback: string) => (values ? (val(values, name) ?? '') : fallback);
  const hasOptions = kind === 'single' || kind === 'multiple' || kind === 'matrix';
  const scaled = kind === 'rating' || kind === 'nps';
  const title = question ? t('surveys.question.editTitle') : t('surveys.question.newTitle', { kind: t(`surveys.kind.${kind}`) });
  return (
    <Layout title={title} backOffice section={SECTION}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>
        <Text value={survey.title} /> · {t(`surveys.kind.${kind}`)}
      </Paragraph>
      <Paragraph>{t(`surveys.kindHelp.${kind}`)}</Paragraph>
      <ErrorSummary errors={errors} labelOf={(field) => t(`surveys.field.${field.replace(/\.(fr|nl|en)$/, '')}`)} />
      <Form action={question ? `${base}/questions/${question.id}` : `${base}/questions/new?kind=${kind}`}>
        <VersionField version={survey.version} />
        <input type="hidden" name="kind" value={kind} />
        <CheckboxGroup
          name="required"
          legend={t('surveys.field.required')}
          options={[{ value: 'yes', label: t('surveys.field.requiredLabel') }]}
          checked={(values ? val(values, 'required') === 'yes' : (question?.required ?? false)) ? ['yes'] : []}
          errors={errors}
        />
        {kind === 'rating' && (
          <div class="irisdesk-card-grid">
            <TextField name="scaleMin" type="number" label={t('surveys.field.scaleMin')} value={v('scaleMin', String(question?.scaleMin ?? 1))} errors={errors} />
            <TextField name="scaleMax" type="number" label={t('surveys.field.scaleMax')} value={v('scaleMax', String(question?.scaleMax ?? 5))} errors={errors} />
          </div>
        )}
        <LanguageColumns>
          {(language) => (
            <>
              <TextArea name={`text.${language}`} label={t('surveys.field.textIn', { language: LANGUAGE_NAMES[language] })} value={v(`text.${language}`, question?.text[language] ?? '')} errors={errors} maxLength={500} rows={2} />
              <TextField name={`help.${language}`} label={t('surveys.field.helpIn', { language: LANGUAGE_NAMES[language] })} value={v(`help.${language}`, question?.help[language] ?? '')} errors={errors} maxLength={500} />
              {hasOptions && (
                <TextArea
                  name={`options.${language}`}
                  label={t(kind === 'matrix' ? 'surveys.field.columnsIn' : 'surveys.field.optionsIn', { language: LANGUAGE_NAMES[language] })}
                  description={t('surveys.field.onePerLine')}
                  value={v(`options.${language}`, itemsText(question?.options ?? [], language))}
                  errors={errors}
                  rows={5}
                />
              )}
              {kind === 'matrix' && (
                <TextArea
                  name={`rows.${language}`}
                  label={t('surveys.field.rowsIn', { language: LANGUAGE_NAMES[language] })}
                  description={t('surveys.field.onePerLine')}
                  value={v(`rows.${language}`, itemsText(question?.rows ?? [], language))}
                  errors={errors}
                  rows={5}
                />
              )}
              {scaled && (
                <>
                  <TextField name={`scaleLabels.min.${language}`} label={t('surveys.field.scaleMinLabelIn', { language: LANGUAGE_NAMES[language] })} value={v(`scaleLabels.min.${language}`, question?.scaleLabels.min?.[language] ?? '')} errors={errors} maxLength={100} />
                  <TextField name={`scaleLabels.max.${language}`} label={t('surveys.field.scaleMaxLabelIn', { language: LANGUAGE_NAMES[language] })} value={v(`scaleLabels.max.${language}`, question?.scaleLabels.max?.[language] ?? '')} errors={errors} maxLength={100} />
                </>
              )}
            </>
          )}
        </LanguageColumns>
        <div class="irisdesk-actions">
          <SubmitButton>{t('surveys.question.save')}</SubmitButton>
          <Link href={base}>{t('surveys.question.cancel')}</Link>
        </div>
      </Form>
    </Layout>
  );
}

// ---- results

const pct = (value: number | null, lang: Language) => (value === null ? '–' : `${formatNumber(value, lang, 1)} %`);
const num = (value: number | null, lang: Language, digits = 0) => (value === null ? '–' : formatNumber(value, lang, digits));

function QuestionResultView({ result, index, texts }: { result: QuestionResult; index: number; texts: string[] | undefined }) {
  const { t, lang } = usePage();
  const heading = `${index + 1}. ${pickText(result.text, lang).text}`;
  const answered = t('surveys.results.respondents', { count: result.respondents, countText: formatNumber(result.respondents, lang) });
  return (
    <section aria-labelledby={`result-${result.questionId}`} class="irisdesk-result">
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
          head={[t('surveys.results.row'), ...result.rows[0]!.cells.map((c) => pickText(c.label, lang).text), t('surveys.results.respondentsShort'), t('surveys.results.mean')]}
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
                {result.nps && ` · ${t('surveys.results.nps')}: ${result.nps.score > 0 ? '+' : ''}${result.nps.score} (${t('surveys.results.npsDetail', { promoters: formatNumber(result.nps.promoters, lang, 1), passives: formatNumber(result.nps.passives, lang, 1), detractors: formatNumber(result.nps.detractors, lang, 1) })})`}
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

export function SurveyResultsPage({ data, errors, values }: { data: SurveyResults; errors?: FieldError[] | undefined; values?: ResultFilterQuery | undefined }) {
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
        <StateBadge state={data.state} /> · {t('surveys.results.summary', { total: data.summary.total, link: data.summary.viaLink, invitation: data.summary.viaInvitation, invitations: data.summary.invitations })}
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

// ---- respondents

function Legend({ question, suffix }: { question: SurveyQuestion; suffix?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
      <Text value={question.text} />
      {suffix}
      {!question.required && <span class="irisdesk-muted"> ({t('surveys.optional')})</span>}
    </legend>
  );
}

function FieldError_({ id, error, label }: { id: string; error: FieldError | undefined; label: string }) {
  const { t } = usePage();
  if (!error) return null;
  return (
    <div class="utrecht-form-field-error-message" id={`${id}-error`}>
      {t(error.code, { ...error.values, field: label })}
    </div>
  );
}

function Choices(props: { name: string; type: 'radio' | 'checkbox'; options: Array<{ value: string; label: ComponentChildren }>; checked: string[]; required: boolean }) {
  const id = fieldId(props.name);
  return (
    <>
      {props.options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div class={`utrecht-form-field utrecht-form-field--${props.type}`}>
            <input
              class={`utrecht-${props.type} utrecht-${props.type}--html-input`}
              type={props.type}
              id={optionId}
              name={props.name}
              value={option.value}
              checked={props.checked.includes(option.value)}
              required={props.required && props.type === 'radio' ? true : undefined}
            />
            <label class={`utrecht-form-label utrecht-form-label--${props.type}`} for={optionId}>
              {option.label}
            </label>
          </div>
        );
      })}
    </>
  );
}

function QuestionInput({ question, errors, values }: { question: SurveyQuestion; errors: FieldError[] | undefined; values: FormValues | undefined }) {
  const { t, lang } = usePage();
  const name = answerField(question);
  const id = fieldId(name);
  const label = pickText(question.text, lang).text;
  const error = errors?.find((e) => e.field === name);
  const checked = [values?.[name] ?? []].flat();
  const help = Object.keys(question.help).length ? (
    <div class="utrecht-form-field-description" id={`${id}-description`}>
      <Text value={question.help} />
    </div>
  ) : null;
  const describedBy = [help ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  if (question.kind === 'text') {
    return (
      <FieldShell
        name={name}
        label={question.required ? label : `${label} (${t('surveys.optional')})`}
        errors={errors}
        description={[pickText(question.help, lang).text, t('surveys.respond.textHint', { limit: TEXT_MAX_LENGTH })].filter(Boolean).join(' ')}
        control={(aria) => (
          <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea" name={name} maxLength={TEXT_MAX_LENGTH} rows={4}>
            {val(values, name) ?? ''}
          </textarea>
        )}
      />
    );
  }
  if (question.kind === 'matrix') {
    return (
      <fieldset class="utrecht-form-fieldset irisdesk-matrix" id={id} aria-describedby={help ? `${id}-description` : undefined}>
        <Legend question={question} />
        {help}
        {question.rows.map((row) => {
          const rowName = answerField(question, row.value);
          const rowId = fieldId(rowName);
          const rowError = errors?.find((e) => e.field === rowName);
          const rowLabel = pickText(row.label, lang).text;
          return (
            <fieldset class={`utrecht-form-fieldset irisdesk-choice${rowError ? ' utrecht-form-fieldset--invalid' : ''}`} id={rowId} aria-describedby={rowError ? `${rowId}-error` : undefined}>
              <legend class="utrecht-form-fieldset__legend">
                <Text value={row.label} />
              </legend>
              <FieldError_ id={rowId} error={rowError} label={`${label} – ${rowLabel}`} />
              <Choices name={rowName} type="radio" required={question.required} checked={[values?.[rowName] ?? []].flat()} options={question.options.map((o) => ({ value: o.value, label: <Text value={o.label} /> }))} />
            </fieldset>
          );
        })}
      </fieldset>
    );
  }
  const scale = scaleOf(question);
  const options = scale
    ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => {
        const value = scale.min + i;
        const end = value === scale.min ? question.scaleLabels.min : value === scale.max ? question.scaleLabels.max : undefined;
        return {
          value: String(value),
          label: end && Object.keys(end).length ? (
            <>
              {value} – <Text value={end} />
            </>
          ) : (
            String(value)
          ),
        };
      })
    : question.options.map((o) => ({ value: o.value, label: <Text value={o.label} /> }));
  return (
    <fieldset class={`utrecht-form-fieldset irisdesk-choice${error ? ' utrecht-form-fieldset--invalid' : ''}${scale ? ' irisdesk-scale' : ''}`} id={id} aria-describedby={describedBy}>
      <Legend question={question} suffix={question.kind === 'multiple' ? <span class="irisdesk-muted"> ({t('surveys.respond.several')})</span> : undefined} />
      {help}
      <FieldError_ id={id} error={error} label={label} />
      <Choices name={name} type={question.kind === 'multiple' ? 'checkbox' : 'radio'} required={question.required} checked={checked} options={options} />
    </fieldset>
  );
}

export function RespondPage(props: { survey: SurveyRecord; questions: SurveyQuestion[]; action: string; errors?: FieldError[]; values?: FormValues }) {
  const { t, lang } = usePage();
  const { survey, questions } = props;
  const labelOf = (field: string) => {
    const [name, row] = field.split('.');
    const question = questions.find((q) => answerField(q) === name);
    if (!question) return field;
    const text = pickText(question.text, lang).text;
    const rowItem = row ? question.rows.find((r) => r.value === row) : undefined;
    return rowItem ? `${text} – ${pickText(rowItem.label, lang).text}` : text;
  };
  return (
    <Layout title={pickText(survey.title, lang).text}>
      <Heading1>
        <Text value={survey.title} />
      </Heading1>
      {survey.organisationName && (
        <Paragraph>
          {t('surveys.respond.by')} <Text value={survey.organisationName} />
        </Paragraph>
      )}
      {Object.keys(survey.intro).length > 0 && (
        <Paragraph lead>
          <Text value={survey.intro} />
        </Paragraph>
      )}
      <Paragraph>{t('surveys.respond.anonymous')}</Paragraph>
      {survey.closesAt && <Paragraph>{t('surveys.respond.until', { date: formatDate(new Date(survey.closesAt.getTime() - 1), lang) })}</Paragraph>}
      <ErrorSummary errors={props.errors} labelOf={labelOf} />
      <Form action={props.action}>
        {questions.map((question) => (
          <QuestionInput question={question} errors={props.errors} values={props.values} />
        ))}
        <SubmitButton>{t('surveys.respond.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** Not yet open, closed, already answered, expired: a page that says so, with the right status. */
export function SurveyUnavailablePage({ survey, reason }: { survey: SurveyRecord | null; reason: string }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t(`surveys.unavailable.${reason}`)}>
      <Heading1>{survey ? <Text value={survey.title} /> : t(`surveys.unavailable.${reason}`)}</Heading1>
      <Alert type="info">
        <p class="utrecht-paragraph">{t(`errors.surveys.${reason}`)}</p>
      </Alert>
      <Paragraph>
        <Link href={`/${lang}`}>{t('errorPage.home')}</Link>
      </Paragraph>
    </Layout>
  );
}

export function SurveyThanksPage() {
  const { t, lang } = usePage();
  return (
    <Layout title={t('surveys.thanks.title')}>
      <Heading1>{t('surveys.thanks.title')}</Heading1>
      <Paragraph lead>{t('surveys.thanks.text')}</Paragraph>
      <Paragraph>
        <Link href={`/${lang}/barometer`}>{t('surveys.thanks.barometer')}</Link>
      </Paragraph>
    </Layout>
  );
}
