// Screens of the competence center. Every text comes from the catalogue (competence.*); stored texts are
// shown with <Text> (visible fallback); every chart has a table with the same figures.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, DateField, ErrorSummary, fieldId, FieldShell, Form, Heading1, Link, Paragraph, SelectField, SubmitButton, Table, Text, TextArea, TextField } from '../platform/views/components.tsx';
import { formatDate, formatDateTime, formatNumber } from '../platform/i18n/format.ts';
import { LANGUAGE_NAMES, LANGUAGES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import type { Translate } from '../platform/i18n/messages.ts';
import { isCompetenceCenter } from './authorisation.ts';
import { RadarChart } from './RadarChart.tsx';
import { CAF_SOURCE, DIMENSIONS, EVIDENCE_REQUIRED_ABOVE, PDCA_BANDS, bandOf, type Dimension } from './scoring.ts';
import { REQUIRED_LANGUAGES, translationCompleteness } from './texts.ts';
import { INDICATORS, SIDE_BY_SIDE_INDICATORS, indicatorDefinition, type MeasuredValue } from './indicators.ts';
import { answerField, type CompetenceService } from './service.ts';
import {
  ACTION_STATUSES,
  HORIZONS,
  OBSERVATION_METHODS,
  PRACTICE_PLACES,
  REQUEST_STATUSES,
  SCOPES,
  type Action,
  type Campaign,
  type CampaignParticipant,
  type Criterion,
  type ExpertiseRequest,
  type Practice,
  type StrategyVersion,
} from './repository.ts';

type Awaited2<T> = T extends Promise<infer U> ? U : T;
type FormValues = Record<string, string | string[] | undefined>;
const one = (values: FormValues | undefined, name: string) => {
  const raw = values?.[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

// ---- shared bits

function fmtScore(value: number | null | undefined, lang: Language): string {
  return value === null || value === undefined ? '–' : formatNumber(value, lang, 1);
}

function fmtChange(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined) return '–';
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatNumber(Math.abs(value), lang, 1)}`;
}

function fmtIndicator(key: string, value: number | null | undefined, lang: Language, t: Translate): string {
  if (value === null || value === undefined) return t('competence.noData');
  const unit = indicatorDefinition(key)?.unit;
  if (unit === 'percent') return `${formatNumber(value, lang, 1)} %`;
  if (unit === 'minutes') return t('competence.minutes', { value: formatNumber(value, lang, 1) });
  if (unit === 'mark10') return t('competence.outOf10', { value: formatNumber(value, lang, 1) });
  return t('competence.outOf100', { value: formatNumber(value, lang, 1) });
}

/**
 * The error summary of competence forms: criterion-level messages carry their own label; a field of one
 * language of a text (`title.nl`, `objectives.2.title.fr`) is named "Title in Dutch". `labels` overrides the
 * catalogue's competence.field.<name> where a form labels a field otherwise.
 */
export function CompetenceErrorSummary({ errors, labels }: { errors: FieldError[] | undefined; labels?: Record<string, string> }) {
  const { t } = usePage();
  const base = (field: string) => labels?.[field] ?? t(`competence.field.${field.replace(/^objectives\.\d+\./, 'objective.')}`);
  const labelOf = (field: string) => {
    const localized = /^(.+)\.(fr|nl|en)$/.exec(field);
    return localized ? t('competence.field.inLanguage', { field: base(localized[1]!), language: t(`competence.language.${localized[2]}`) }) : base(field);
  };
  return <ErrorSummary errors={errors} labelOf={labelOf} />;
}

/**
 * One multilingual text in a form: a fieldset (its legend is the text's label) with a field per language
 * side by side, each marked with its language (lang) so that spelling checkers and screen readers use it.
 * French and Dutch are required, English may stay empty (it then falls back visibly). Only the stored
 * text of each language is shown: an empty field is a missing translation, never a fallback.
 */
export function LangTextFields(props: {
  name: string;
  label: string;
  stored?: LocalizedText | null | undefined;
  values?: FormValues | undefined;
  errors?: FieldError[] | undefined;
  multiline?: boolean;
  maxLength: number;
  rows?: number;
  /** False for a row that may stay empty altogether (a new strategy objective): no language is then marked required. */
  required?: boolean;
}) {
  const { t } = usePage();
  return (
    <fieldset class="utrecht-form-fieldset" id={fieldId(props.name)}>
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{props.label}</legend>
      <div class="irisdesk-card-grid">
        {LANGUAGES.map((l) => {
          const name = `${props.name}.${l}`;
          const value = one(props.values, name) ?? props.stored?.[l] ?? '';
          const required = props.required !== false && (REQUIRED_LANGUAGES as readonly Language[]).includes(l);
          const optional = props.required !== false && !required;
          const label = t(optional ? 'competence.field.inLanguageOptional' : 'competence.field.inLanguage', { field: props.label, language: t(`competence.language.${l}`) });
          const invalid = props.errors?.some((e) => e.field === name);
          return (
            <FieldShell
              name={name}
              label={label}
              errors={props.errors}
              control={(aria) =>
                props.multiline ? (
                  <textarea {...aria} lang={l} class="utrecht-textarea utrecht-textarea--html-textarea" name={name} required={required} maxLength={props.maxLength} rows={props.rows ?? 4}>
                    {value}
                  </textarea>
                ) : (
                  <input {...aria} lang={l} class={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`} type="text" name={name} value={value} required={required} maxLength={props.maxLength} />
                )
              }
            />
          );
        })}
      </div>
    </fieldset>
  );
}

/** "FR ✓ · NL ✓ · EN missing", like the catalogue's list of services. */
function translationSummary(t: Translate, texts: Array<LocalizedText | null | undefined>): string {
  const complete = translationCompleteness(...texts);
  return LANGUAGES.map((l) => `${l.toUpperCase()} ${complete[l] ? '✓' : t('competence.translationMissing')}`).join(' · ');
}

/** "Translations: Français ✓ · Nederlands ✓ · English missing", like the catalogue's edit pages. */
export function TranslationStatus({ texts }: { texts: Array<LocalizedText | null | undefined> }) {
  const { t } = usePage();
  const complete = translationCompleteness(...texts);
  return (
    <p class="utrecht-paragraph" data-translations>
      {t('competence.translations')}:{' '}
      {LANGUAGES.map((l, index) => (
        <>
          {index > 0 && ' · '}
          <span lang={l}>{LANGUAGE_NAMES[l]}</span> {complete[l] ? '✓' : t('competence.translationMissing')}
        </>
      ))}
    </p>
  );
}

function SubNav() {
  const { t, lang, actor } = usePage();
  const items: Array<[string, string]> = [
    [`/${lang}/competence`, t('competence.nav.campaigns')],
    [`/${lang}/competence/practices`, t('competence.nav.practices')],
    [`/${lang}/competence/action-plans/${actor?.organisationCode ?? ''}`, t('competence.nav.actionPlan')],
    [`/${lang}/competence/expertise`, t('competence.nav.expertise')],
    [`/${lang}/competence/strategy`, t('competence.nav.strategy')],
  ];
  if (isCompetenceCenter(actor)) items.push([`/${lang}/competence/portfolio`, t('competence.nav.portfolio')]);
  return (
    <nav aria-label={t('competence.nav.label')}>
      <ul class="irisdesk-inline-list">
        {items.map(([href, label]) => (
          <li>
            <Link href={href}>{label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Page({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <Layout title={title} backOffice section="competence">
      <SubNav />
      <Heading1>{title}</Heading1>
      {children}
    </Layout>
  );
}

function H2({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <h2 class="utrecht-heading-2" id={id}>
      {children}
    </h2>
  );
}

function H3({ children }: { children: ComponentChildren }) {
  return <h3 class="utrecht-heading-3">{children}</h3>;
}

/** A select with an id of its own, for forms repeated on one page (filters, one form per row). */
function PlainSelect({ id, name, label, value, options }: { id: string; name: string; label: string; value: string; options: Array<{ value: string; label: string }> }) {
  return (
    <div class="utrecht-form-field utrecht-form-field--text">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      <div class="utrecht-form-field__input">
        <select id={id} class="utrecht-select utrecht-select--html-select" name={name}>
          {options.map((option) => (
            <option value={option.value} selected={option.value === value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

/** The PDCA panel (the CAF classical panel for enablers, see scoring.ts), documented where people score. */
export function ScaleTable() {
  const { t } = usePage();
  return (
    <>
      <Table
        caption={t('competence.scale.caption')}
        head={[t('competence.scale.range'), t('competence.scale.level'), t('competence.scale.meaning')]}
        rows={PDCA_BANDS.map((band) => [`${band.min}–${band.max}`, t(`competence.band.${band.key}`), t(`competence.band.${band.key}.meaning`)])}
      />
      <Paragraph>{t('competence.scale.cumulative')}</Paragraph>
      <Paragraph>
        {t('competence.scale.source')}{' '}
        <Link href={CAF_SOURCE.url} lang="en" hrefLang="en">
          {CAF_SOURCE.title}
        </Link>
      </Paragraph>
    </>
  );
}

function statusText(t: Translate, status: string) {
  return t(`competence.status.${status}`);
}

// ---- Campaigns (overview)

export function CampaignsPage(props: {
  campaigns: Awaited2<ReturnType<CompetenceService['campaignsForActor']>>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
}) {
  const { t, lang, actor } = usePage();
  const center = isCompetenceCenter(actor);
  return (
    <Page title={t('competence.title')}>
      <Paragraph lead>{t('competence.intro')}</Paragraph>
      <Table
        caption={t('competence.campaigns.caption', { count: props.campaigns.length })}
        head={[t('competence.campaign'), t('competence.campaign.status'), t('competence.campaign.closesOn'), t('competence.campaign.submitted'), t('competence.campaign.ours')]}
        rows={props.campaigns.map(({ campaign, own }) => [
          <Link href={`/${lang}/competence/campaigns/${campaign.code}`}>
            <Text value={campaign.title} />
          </Link>,
          statusText(t, campaign.status),
          campaign.closesOn ? formatDate(new Date(`${campaign.closesOn}T12:00:00Z`), lang) : '–',
          formatNumber(campaign.submittedCount, lang),
          <>
            {own ? t(`competence.assessmentStatus.${own.status}`) : t('competence.assessmentStatus.none')}
            {campaign.status !== 'draft' && (
              <>
                {' · '}
                <Link href={`/${lang}/competence/campaigns/${campaign.code}/assessments/${actor!.organisationCode}`}>{t('competence.questionnaire')}</Link>
              </>
            )}
            {own?.status === 'submitted' && (
              <>
                {' · '}
                <Link href={`/${lang}/competence/campaigns/${campaign.code}/results/${actor!.organisationCode}`}>{t('competence.results')}</Link>
              </>
            )}
            {center && campaign.submittedCount > 0 && (
              <>
                {' · '}
                <Link href={`/${lang}/competence/campaigns/${campaign.code}/region`}>{t('competence.region.short')}</Link>
              </>
            )}
          </>,
        ])}
      />
      {center && (
        <section aria-labelledby="new-campaign">
          <H2 id="new-campaign">{t('competence.campaigns.new')}</H2>
          <Paragraph>{t('competence.campaigns.newHint')}</Paragraph>
          <CompetenceErrorSummary errors={props.errors} />
          <Form action={`/${lang}/competence/campaigns`}>
            <TextField name="code" label={t('competence.field.code')} description={t('competence.field.codeHint')} value={one(props.values, 'code')} required maxLength={64} errors={props.errors} />
            <TextField name="titleFr" label={t('competence.field.titleFr')} value={one(props.values, 'titleFr')} required maxLength={200} errors={props.errors} />
            <TextField name="titleNl" label={t('competence.field.titleNl')} value={one(props.values, 'titleNl')} required maxLength={200} errors={props.errors} />
            <TextField name="titleEn" label={t('competence.field.titleEn')} value={one(props.values, 'titleEn')} required maxLength={200} errors={props.errors} />
            <DateField name="closesOn" label={t('competence.field.closesOn')} value={one(props.values, 'closesOn')} errors={props.errors} />
            <SubmitButton>{t('competence.campaigns.create')}</SubmitButton>
          </Form>
        </section>
      )}
    </Page>
  );
}

function NumberField(props: { name: string; label: string; value?: string | number | null | undefined; min?: number; max?: number; step?: string; description?: string; errors?: FieldError[] | undefined; required?: boolean }) {
  return (
    <FieldShell
      name={props.name}
      label={props.label}
      errors={props.errors}
      description={props.description}
      control={(aria) => (
        <input
          {...aria}
          class="utrecht-textbox utrecht-textbox--html-input"
          type="number"
          inputMode="decimal"
          name={props.name}
          value={props.value === null || props.value === undefined ? '' : String(props.value)}
          min={props.min}
          max={props.max}
          step={props.step ?? 'any'}
          required={props.required}
        />
      )}
    />
  );
}

// ---- One campaign

export function CampaignPage(props: {
  campaign: Campaign;
  criteria: Criterion[];
  participants: CampaignParticipant[] | null;
  errors?: FieldError[] | undefined;
  notice?: string | undefined;
}) {
  const { t, lang, actor } = usePage();
  const { campaign } = props;
  const center = isCompetenceCenter(actor);
  const next = campaign.status === 'draft' ? 'open' : campaign.status === 'open' ? 'closed' : 'open';
  const editable = campaign.status === 'draft' && center;
  return (
    <Page title={pickText(campaign.title, lang).text}>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      <Paragraph>
        {t('competence.campaign.status')}: <strong>{statusText(t, campaign.status)}</strong>
        {campaign.closesOn && <> · {t('competence.campaign.closesOn')}: {formatDate(new Date(`${campaign.closesOn}T12:00:00Z`), lang)}</>}
      </Paragraph>
      <div class="irisdesk-actions">
        {campaign.status !== 'draft' && (
          <Link href={`/${lang}/competence/campaigns/${campaign.code}/assessments/${actor!.organisationCode}`}>{t('competence.campaign.ourQuestionnaire')}</Link>
        )}
        {center && campaign.submittedCount > 0 && <Link href={`/${lang}/competence/campaigns/${campaign.code}/region`}>{t('competence.region.title')}</Link>}
      </div>
      {center && (
        <>
          <CompetenceErrorSummary errors={props.errors} />
          <Form action={`/${lang}/competence/campaigns/${campaign.code}/status`}>
            <Hidden name="version" value={String(campaign.version)} />
            <Hidden name="status" value={next} />
            <SubmitButton variant="secondary">{t(`competence.campaign.to.${next}`)}</SubmitButton>
          </Form>
        </>
      )}
      {props.participants && (
        <section aria-labelledby="participants">
          <H2 id="participants">{t('competence.participants.title')}</H2>
          <Table
            caption={t('competence.participants.caption', { count: props.participants.length })}
            head={[t('competence.organisation'), t('competence.kind'), t('competence.assessmentStatus'), t('competence.participants.answered')]}
            rows={props.participants.map((p) => [
              <Text value={p.name} />,
              t(`organisationKind.${p.kind}`),
              p.status === 'submitted' ? (
                <Link href={`/${lang}/competence/campaigns/${campaign.code}/results/${p.code}`}>{t('competence.assessmentStatus.submitted')}</Link>
              ) : (
                t('competence.assessmentStatus.draft')
              ),
              t('competence.participants.answeredOf', { answered: p.answered, total: props.criteria.length }),
            ])}
          />
        </section>
      )}
      <section aria-labelledby="questionnaire">
        <H2 id="questionnaire">{t('competence.questionnaire.title')}</H2>
        {campaign.status === 'draft' && center && <Paragraph>{t('competence.questionnaire.editableHint')}</Paragraph>}
        {DIMENSIONS.map((dimension) => (
          <Table
            caption={t(`competence.dimension.${dimension}`)}
            head={[t('competence.criterion'), t('competence.field.guidance'), ...(editable ? [t('competence.translations')] : [])]}
            rows={props.criteria
              .filter((c) => c.dimension === dimension)
              .map((c) => [
                campaign.status === 'draft' && center ? (
                  <Link href={`/${lang}/competence/campaigns/${campaign.code}/criteria/${c.key}`}>
                    <Text value={c.title} />
                  </Link>
                ) : (
                  <Text value={c.title} />
                ),
                <Text value={c.guidance} />,
                ...(editable ? [translationSummary(t, [c.title, c.guidance])] : []),
              ])}
          />
        ))}
      </section>
    </Page>
  );
}

export function CriterionPage(props: { campaign: Campaign; criterion: Criterion; errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { t, lang } = usePage();
  const { criterion } = props;
  return (
    <Page title={t('competence.criterion.edit')}>
      <Paragraph>
        <Text value={props.campaign.title} /> · {t(`competence.dimension.${criterion.dimension}`)} · <code>{criterion.key}</code>
      </Paragraph>
      <TranslationStatus texts={[criterion.title, criterion.guidance]} />
      <Paragraph>{t('competence.editAllLanguages')}</Paragraph>
      <CompetenceErrorSummary errors={props.errors} />
      <Form action={`/${lang}/competence/campaigns/${props.campaign.code}/criteria/${criterion.key}`}>
        <Hidden name="version" value={String(criterion.version)} />
        <LangTextFields name="title" label={t('competence.field.title')} stored={criterion.title} values={props.values} errors={props.errors} maxLength={300} />
        <LangTextFields name="guidance" label={t('competence.field.guidance')} stored={criterion.guidance} values={props.values} errors={props.errors} maxLength={2000} multiline />
        <SubmitButton>{t('competence.save')}</SubmitButton>
      </Form>
    </Page>
  );
}

// ---- The questionnaire of one organisation

export function AssessmentPage(props: {
  view: Awaited2<ReturnType<CompetenceService['getAssessment']>>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const { campaign, organisation, criteria, assessment, answers, canEdit, canSubmit } = props.view;
  const title = t('competence.assessment.title', { organisation: pickText(organisation.name, lang).text });
  const readOnly = !canEdit;
  const answered = criteria.filter((c) => answers.get(c.key)?.score != null).length;
  return (
    <Page title={title}>
      <Paragraph>
        <Text value={campaign.title} /> · {statusText(t, campaign.status)} ·{' '}
        {assessment ? t(`competence.assessmentStatus.${assessment.status}`) : t('competence.assessmentStatus.none')} ·{' '}
        {t('competence.participants.answeredOf', { answered, total: criteria.length })}
      </Paragraph>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      {campaign.status !== 'open' && <Alert type="info">{t('competence.assessment.notOpen')}</Alert>}
      {assessment?.status === 'submitted' && (
        <Alert type="info">
          {t('competence.assessment.submittedInfo')}{' '}
          <Link href={`/${lang}/competence/campaigns/${campaign.code}/results/${organisation.code}`}>{t('competence.results')}</Link>
        </Alert>
      )}
      {props.view.canReopen && (
        <div class="irisdesk-actions">
          <Link href={`/${lang}/competence/campaigns/${campaign.code}/assessments/${organisation.code}/reopen`}>{t('competence.reopen.link')}</Link>
        </div>
      )}
      {canEdit && !canSubmit && <Paragraph>{t('competence.assessment.managerSubmits')}</Paragraph>}
      <details>
        <summary>{t('competence.scale.summary')}</summary>
        <ScaleTable />
        <Paragraph>{t('competence.scale.evidenceRule', { limit: EVIDENCE_REQUIRED_ABOVE })}</Paragraph>
      </details>
      <CompetenceErrorSummary errors={props.errors} />
      <form method="post" action={`/${lang}/competence/campaigns/${campaign.code}/assessments/${organisation.code}`} class="utrecht-form" noValidate>
        <CsrfHidden />
        <Hidden name="version" value={String(assessment?.version ?? 0)} />
        {DIMENSIONS.map((dimension) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              <h2 class="utrecht-heading-2">{t(`competence.dimension.${dimension}`)}</h2>
            </legend>
            {criteria
              .filter((c) => c.dimension === dimension)
              .map((criterion) => (
                <CriterionAnswer
                  criterion={criterion}
                  answer={answers.get(criterion.key)}
                  values={props.values}
                  errors={props.errors}
                  readOnly={readOnly}
                />
              ))}
          </fieldset>
        ))}
        {canEdit && (
          <div class="irisdesk-actions">
            <button type="submit" name="intent" value="save" class="utrecht-button utrecht-button--secondary-action">
              {t('competence.assessment.saveDraft')}
            </button>
            {canSubmit && (
              <button type="submit" name="intent" value="submit" class="utrecht-button utrecht-button--primary-action">
                {t('competence.assessment.submit')}
              </button>
            )}
          </div>
        )}
      </form>
      <AssessmentHistory history={props.view.history} />
    </Page>
  );
}

/** Submissions and reopenings of an assessment (the side that acted, never a name), oldest first. */
function AssessmentHistory({ history }: { history: Awaited2<ReturnType<CompetenceService['getAssessment']>>['history'] }) {
  const { t, lang } = usePage();
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="history">
      <H2 id="history">{t('competence.history.title')}</H2>
      <Table
        caption={t('competence.history.caption', { count: history.length })}
        head={[t('competence.history.when'), t('competence.history.event'), t('competence.history.by'), t('competence.field.reason')]}
        rows={history.map((entry) => [
          formatDateTime(new Date(entry.createdAt), lang),
          t(`competence.history.event.${entry.event}`),
          t(`competence.history.by.${entry.actorSide}`),
          entry.reason || '–',
        ])}
      />
    </section>
  );
}

/** Confirming a reopening: what it does, and the reason that goes into the history. Works without JavaScript. */
export function ReopenPage(props: { view: Awaited2<ReturnType<CompetenceService['getAssessment']>>; errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { t, lang } = usePage();
  const { campaign, organisation, assessment } = props.view;
  const back = `/${lang}/competence/campaigns/${campaign.code}/assessments/${organisation.code}`;
  return (
    <Page title={t('competence.reopen.title', { organisation: pickText(organisation.name, lang).text })}>
      <Paragraph>
        <Text value={campaign.title} />
        {assessment?.submittedAt && <> · {t('competence.reopen.submittedOn', { date: formatDateTime(new Date(assessment.submittedAt), lang) })}</>}
      </Paragraph>
      <CompetenceErrorSummary errors={props.errors} />
      {props.view.canReopen ? (
        <>
          <Paragraph>{t('competence.reopen.consequences')}</Paragraph>
          <Form action={`${back}/reopen`}>
            <Hidden name="version" value={String(assessment!.version)} />
            <TextArea name="reason" label={t('competence.field.reason')} description={t('competence.field.reasonHint')} value={one(props.values, 'reason')} required maxLength={2000} rows={3} errors={props.errors} />
            <div class="irisdesk-actions">
              <SubmitButton>{t('competence.reopen.confirm')}</SubmitButton>
              <Link href={back}>{t('competence.reopen.cancel')}</Link>
            </div>
          </Form>
        </>
      ) : (
        <>
          <Alert type="info">{t('competence.reopen.notPossible')}</Alert>
          <Paragraph>
            <Link href={back}>{t('competence.reopen.back')}</Link>
          </Paragraph>
        </>
      )}
    </Page>
  );
}

function CsrfHidden() {
  const { csrfToken } = usePage();
  return <input type="hidden" name="_csrf" value={csrfToken()} />;
}

function CriterionAnswer(props: {
  criterion: Criterion;
  answer: { score: number | null; evidence: string; evidenceLinks: string[] } | undefined;
  values?: FormValues | undefined;
  errors?: FieldError[] | undefined;
  readOnly: boolean;
}) {
  const { t, lang } = usePage();
  const { criterion, answer } = props;
  const scoreName = answerField(criterion.key, 'score');
  const evidenceName = answerField(criterion.key, 'evidence');
  const linksName = answerField(criterion.key, 'links');
  const posted = (name: string) => one(props.values, name);
  const score = posted(scoreName) ?? (answer?.score != null ? String(answer.score) : '');
  const label = pickText(criterion.title, lang).text;
  if (props.readOnly) {
    return (
      <div class="irisdesk-card">
        <H3>
          <Text value={criterion.title} />
        </H3>
        <Paragraph>
          {t('competence.field.score')}: <strong>{answer?.score != null ? `${answer.score} (${t(`competence.band.${bandOf(answer.score)}`)})` : '–'}</strong>
        </Paragraph>
        {answer?.evidence && <Paragraph>{answer.evidence}</Paragraph>}
        {answer?.evidenceLinks.length ? (
          <ul class="utrecht-unordered-list">
            {answer.evidenceLinks.map((link) => (
              <li class="utrecht-unordered-list__item">
                <Link href={link}>{link}</Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  return (
    <div class="irisdesk-card">
      <H3>
        <Text value={criterion.title} />
      </H3>
      <Paragraph>
        <Text value={criterion.guidance} />
      </Paragraph>
      <NumberField
        name={scoreName}
        label={t('competence.field.scoreFor', { criterion: label })}
        description={t('competence.field.scoreHint')}
        value={score}
        min={0}
        max={100}
        step="1"
        errors={props.errors}
      />
      <TextArea name={evidenceName} label={t('competence.field.evidenceFor', { criterion: label })} value={posted(evidenceName) ?? answer?.evidence ?? ''} maxLength={4000} rows={3} errors={props.errors} />
      <TextArea
        name={linksName}
        label={t('competence.field.linksFor', { criterion: label })}
        description={t('competence.field.linksHint')}
        value={posted(linksName) ?? answer?.evidenceLinks.join('\n') ?? ''}
        rows={2}
        errors={props.errors}
      />
    </div>
  );
}

// ---- Results of one organisation

export function ResultsPage(props: {
  results: Awaited2<ReturnType<CompetenceService['organisationResults']>>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const r = props.results;
  const title = t('competence.results.title', { organisation: pickText(r.organisation.name, lang).text });
  const dimLabels = DIMENSIONS.map((d) => t(`competence.dimension.${d}`));
  return (
    <Page title={title}>
      <Paragraph>
        <Text value={r.campaign.title} /> · {t(`organisationKind.${r.organisation.kind}`)}
      </Paragraph>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      {!r.scores ? (
        <Alert type="info">{t('competence.results.notSubmitted')}</Alert>
      ) : (
        <>
          <Paragraph lead>
            {t('competence.results.overall', { score: fmtScore(r.scores.overall, lang), level: t(`competence.band.${bandOf(r.scores.overall ?? 0)}`) })}
          </Paragraph>
          <section aria-labelledby="by-dimension">
            <H2 id="by-dimension">{t('competence.results.byDimension')}</H2>
            <RadarChart
              id="radar-dimensions"
              title={t('competence.radar.title', { organisation: pickText(r.organisation.name, lang).text })}
              description={t('competence.radar.desc')}
              axes={dimLabels}
              series={[
                { label: pickText(r.campaign.title, lang).text, values: DIMENSIONS.map((d) => r.scores!.dimensions[d]) },
                ...(r.previous && r.previousCampaign ? [{ label: pickText(r.previousCampaign.title, lang).text, values: DIMENSIONS.map((d) => r.previous!.dimensions[d]) }] : []),
                ...(r.peers ? [{ label: t('competence.results.peersSeries', { kind: t(`organisationKind.${r.organisation.kind}`) }), values: DIMENSIONS.map((d) => r.peers!.dimensions[d]) }] : []),
              ]}
            />
            <Table
              caption={t('competence.results.dimensionTable')}
              head={[
                t('competence.dimension'),
                t('competence.results.score'),
                t('competence.results.previous'),
                t('competence.results.change'),
                t('competence.results.peers'),
              ]}
              rows={[
                ...DIMENSIONS.map((d) => [
                  t(`competence.dimension.${d}`),
                  fmtScore(r.scores!.dimensions[d], lang),
                  fmtScore(r.previous?.dimensions[d], lang),
                  fmtChange(r.changes?.[d], lang),
                  fmtScore(r.peers?.dimensions[d], lang),
                ]),
                [t('competence.results.overallRow'), fmtScore(r.scores.overall, lang), fmtScore(r.previous?.overall, lang), fmtChange(r.previous ? (r.scores.overall ?? 0) - (r.previous.overall ?? 0) : null, lang), fmtScore(r.peers?.overall, lang)],
              ]}
            />
            <Paragraph>
              {r.previousCampaign ? t('competence.results.previousNote', { campaign: pickText(r.previousCampaign.title, lang).text }) : t('competence.results.noPrevious')}{' '}
              {r.peers ? t('competence.results.peersNote', { count: r.peers.count }) : t('competence.results.peersHidden')}
            </Paragraph>
          </section>
          <section aria-labelledby="measured">
            <H2 id="measured">{t('competence.measured.title')}</H2>
            {r.measured.available ? (
              <Table
                caption={t('competence.measured.caption')}
                head={[t('competence.indicator'), t('competence.measured.value'), t('competence.measured.basis')]}
                rows={SIDE_BY_SIDE_INDICATORS.map((key) => {
                  const value = (r.measured as { values: Partial<Record<string, MeasuredValue>> }).values[key];
                  return [t(`competence.indicator.${key}`), fmtIndicator(key, value?.value, lang, t), value ? t('competence.measured.basisText', { answers: value.sampleSize, from: value.periodStart, to: value.periodEnd }) : t(indicatorDefinition(key)?.source === 'not_measured' ? 'competence.measured.notMeasured' : 'competence.measured.tooFew')];
                })}
              />
            ) : (
              <Alert type="info">{t('competence.measured.notAvailable')}</Alert>
            )}
          </section>
          <section aria-labelledby="by-criterion">
            <H2 id="by-criterion">{t('competence.results.byCriterion')}</H2>
            <Table
              caption={t('competence.results.criterionTable')}
              head={[t('competence.criterion'), t('competence.dimension'), t('competence.results.score'), t('competence.scale.level'), t('competence.results.previous')]}
              rows={r.criteria.map((c) => [
                <Text value={c.title} />,
                t(`competence.dimension.${c.dimension}`),
                fmtScore(r.scores!.criteria[c.key], lang),
                r.scores!.criteria[c.key] != null ? t(`competence.band.${bandOf(r.scores!.criteria[c.key]!)}`) : '–',
                fmtScore(r.previous?.criteria[c.key], lang),
              ])}
            />
          </section>
          <div class="irisdesk-actions">
            <Link href={`/${lang}/competence/action-plans/${r.organisation.code}`}>{t('competence.actionPlan.open')}</Link>
            <Link href={`/${lang}/competence/campaigns/${r.campaign.code}/assessments/${r.organisation.code}`}>{t('competence.assessment.answers')}</Link>
          </div>
        </>
      )}
      <section aria-labelledby="observations">
        <H2 id="observations">{t('competence.observations.title')}</H2>
        <Table
          caption={t('competence.observations.caption', { count: r.observations.length })}
          head={[t('competence.field.observedOn'), t('competence.criterion'), t('competence.field.method'), t('competence.field.score'), t('competence.field.note')]}
          rows={r.observations.map((o) => [
            formatDate(new Date(`${o.observedOn}T12:00:00Z`), lang),
            <Text value={r.criteria.find((c) => c.key === o.criterionKey)?.title} />,
            t(`competence.method.${o.method}`),
            fmtScore(o.score, lang),
            o.note,
          ])}
        />
        {r.canObserve && (
          <>
            <H3>{t('competence.observations.new')}</H3>
            <CompetenceErrorSummary errors={props.errors} />
            <Form action={`/${lang}/competence/campaigns/${r.campaign.code}/results/${r.organisation.code}/observations`}>
              <SelectField
                name="criterion"
                label={t('competence.criterion')}
                value={one(props.values, 'criterion')}
                options={r.criteria.map((c) => ({ value: c.key, label: pickText(c.title, lang).text }))}
                errors={props.errors}
              />
              <SelectField
                name="method"
                label={t('competence.field.method')}
                value={one(props.values, 'method')}
                options={OBSERVATION_METHODS.map((m) => ({ value: m, label: t(`competence.method.${m}`) }))}
                errors={props.errors}
              />
              <DateField name="observedOn" label={t('competence.field.observedOn')} value={one(props.values, 'observedOn')} errors={props.errors} />
              <NumberField name="score" label={t('competence.field.observedScore')} value={one(props.values, 'score')} min={0} max={100} step="1" errors={props.errors} />
              <TextArea name="note" label={t('competence.field.note')} description={t('competence.field.noteHint')} value={one(props.values, 'note')} required maxLength={4000} errors={props.errors} />
              <SubmitButton>{t('competence.observations.add')}</SubmitButton>
            </Form>
          </>
        )}
      </section>
    </Page>
  );
}

// ---- Regional view

export function RegionPage({ view }: { view: Awaited2<ReturnType<CompetenceService['regionalView']>> }) {
  const { t, lang } = usePage();
  const dimLabels = DIMENSIONS.map((d) => t(`competence.dimension.${d}`));
  const titleOf = (key: string) => view.criteria.find((c) => c.key === key)?.title;
  return (
    <Page title={t('competence.region.title')}>
      <Paragraph>
        <Text value={view.campaign.title} /> · {t('competence.region.count', { count: view.count })}
      </Paragraph>
      <Paragraph>{t('competence.region.privacy')}</Paragraph>
      {view.count === 0 ? (
        <Alert type="info">{t('competence.region.empty')}</Alert>
      ) : (
        <>
          <section aria-labelledby="distribution">
            <H2 id="distribution">{t('competence.region.distribution')}</H2>
            <RadarChart
              id="radar-region"
              title={t('competence.region.radarTitle')}
              description={t('competence.region.radarDesc')}
              axes={dimLabels}
              series={[
                { label: t('competence.region.q3'), values: DIMENSIONS.map((d) => view.dimensionDistributions[d].q3) },
                { label: t('competence.region.median'), values: DIMENSIONS.map((d) => view.dimensionDistributions[d].median) },
                { label: t('competence.region.q1'), values: DIMENSIONS.map((d) => view.dimensionDistributions[d].q1) },
              ]}
            />
            <Table
              caption={t('competence.region.dimensionTable')}
              head={[t('competence.dimension'), t('competence.region.min'), t('competence.region.q1'), t('competence.region.median'), t('competence.region.q3'), t('competence.region.max'), t('competence.region.mean')]}
              rows={DIMENSIONS.map((d) => {
                const dist = view.dimensionDistributions[d];
                return [t(`competence.dimension.${d}`), fmtScore(dist.min, lang), fmtScore(dist.q1, lang), fmtScore(dist.median, lang), fmtScore(dist.q3, lang), fmtScore(dist.max, lang), fmtScore(dist.mean, lang)];
              })}
            />
          </section>
          <section aria-labelledby="strengths">
            <H2 id="strengths">{t('competence.region.strengthsWeaknesses')}</H2>
            <Table
              caption={t('competence.region.strengths')}
              head={[t('competence.criterion'), t('competence.region.mean')]}
              rows={view.strengths.map((s) => [<Text value={titleOf(s.key)} />, fmtScore(s.mean, lang)])}
            />
            <Table
              caption={t('competence.region.weaknesses')}
              head={[t('competence.criterion'), t('competence.region.mean')]}
              rows={view.weaknesses.map((s) => [<Text value={titleOf(s.key)} />, fmtScore(s.mean, lang)])}
            />
          </section>
          <section aria-labelledby="criteria">
            <H2 id="criteria">{t('competence.region.byCriterion')}</H2>
            <Table
              caption={t('competence.region.criterionTable')}
              head={[t('competence.criterion'), t('competence.dimension'), t('competence.region.q1'), t('competence.region.median'), t('competence.region.q3'), t('competence.region.mean'), t('competence.region.below50')]}
              rows={view.criterionDistributions.map(({ criterion, distribution, below50 }) => [
                <Text value={criterion.title} />,
                t(`competence.dimension.${criterion.dimension}`),
                fmtScore(distribution.q1, lang),
                fmtScore(distribution.median, lang),
                fmtScore(distribution.q3, lang),
                fmtScore(distribution.mean, lang),
                formatNumber(below50, lang),
              ])}
            />
          </section>
          <section aria-labelledby="peers">
            <H2 id="peers">{t('competence.region.peers')}</H2>
            {!view.measuredAvailable && <Alert type="info">{t('competence.measured.notAvailable')}</Alert>}
            {view.groups.map((group) => (
              <Table
                caption={t('competence.region.groupCaption', { group: t(`competence.peerGroup.${group.group}`), count: group.members.length })}
                head={[
                  t('competence.organisation'),
                  t('competence.results.overallRow'),
                  ...dimLabels,
                  ...SIDE_BY_SIDE_INDICATORS.map((key) => t(`competence.indicator.${key}`)),
                ]}
                rows={[
                  ...group.members.map((m) => [
                    <Link href={`/${lang}/competence/campaigns/${view.campaign.code}/results/${m.organisation.code}`}>
                      <Text value={m.organisation.name} />
                    </Link>,
                    fmtScore(m.scores.overall, lang),
                    ...DIMENSIONS.map((d) => fmtScore(m.scores.dimensions[d], lang)),
                    ...SIDE_BY_SIDE_INDICATORS.map((key) => (m.measured ? fmtIndicator(key, m.measured[key]?.value, lang, t) : t('competence.noData'))),
                  ]),
                  [
                    t('competence.region.groupMedian'),
                    fmtScore(group.overallMedian, lang),
                    ...DIMENSIONS.map((d) => fmtScore(group.median[d], lang)),
                    ...SIDE_BY_SIDE_INDICATORS.map(() => ''),
                  ],
                ]}
              />
            ))}
          </section>
        </>
      )}
    </Page>
  );
}

// ---- Good practices

export function PracticesPage(props: { practices: Practice[]; filter: { dimension?: string | undefined; place?: string | undefined }; errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { t, lang, actor } = usePage();
  return (
    <Page title={t('competence.practices.title')}>
      <Paragraph lead>{t('competence.practices.intro')}</Paragraph>
      <form method="get" action={`/${lang}/competence/practices`} class="utrecht-form">
        <PlainSelect
          id="filter-dimension"
          name="dimension"
          label={t('competence.dimension')}
          value={props.filter.dimension ?? ''}
          options={[{ value: '', label: t('competence.all') }, ...DIMENSIONS.map((d) => ({ value: d, label: t(`competence.dimension.${d}`) }))]}
        />
        <PlainSelect
          id="filter-place"
          name="place"
          label={t('competence.field.place')}
          value={props.filter.place ?? ''}
          options={[{ value: '', label: t('competence.all') }, ...PRACTICE_PLACES.map((p) => ({ value: p, label: t(`competence.place.${p}`) }))]}
        />
        <SubmitButton variant="secondary">{t('competence.filter')}</SubmitButton>
      </form>
      <Paragraph>{t('competence.practices.count', { count: props.practices.length })}</Paragraph>
      {props.practices.map((practice) => (
        <article class="irisdesk-card" aria-labelledby={`practice-${practice.id}`}>
          <h2 class="utrecht-heading-3" id={`practice-${practice.id}`}>
            <Text value={practice.title} />
          </h2>
          <Paragraph>
            {t(`competence.place.${practice.place}`)} · {t(`competence.dimension.${practice.dimension}`)}
          </Paragraph>
          <dl>
            <dt>{t('competence.field.description')}</dt>
            <dd>
              <Text value={practice.description} />
            </dd>
            <dt>{t('competence.field.outcome')}</dt>
            <dd>
              <Text value={practice.outcome} />
            </dd>
            <dt>{t('competence.field.source')}</dt>
            <dd>{practice.sourceUrl ? <Link href={practice.sourceUrl}>{practice.sourceLabel}</Link> : practice.sourceLabel}</dd>
          </dl>
          {isCompetenceCenter(actor) && (
            <p class="utrecht-paragraph">
              <Link href={`/${lang}/competence/practices/${practice.id}`}>{t('competence.practices.edit', { title: pickText(practice.title, lang).text })}</Link> ·{' '}
              {t('competence.translations')}: {translationSummary(t, [practice.title, practice.description, practice.outcome])}
            </p>
          )}
        </article>
      ))}
      {isCompetenceCenter(actor) && (
        <section aria-labelledby="new-practice">
          <H2 id="new-practice">{t('competence.practices.new')}</H2>
          <PracticeForm action={`/${lang}/competence/practices`} errors={props.errors} values={props.values} />
        </section>
      )}
    </Page>
  );
}

function PracticeForm({ action, practice, errors, values }: { action: string; practice?: Practice; errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { t } = usePage();
  return (
    <>
      <CompetenceErrorSummary errors={errors} />
      <Paragraph>{t('competence.editAllLanguages')}</Paragraph>
      <Form action={action}>
        {practice && <Hidden name="version" value={String(practice.version)} />}
        <LangTextFields name="title" label={t('competence.field.title')} stored={practice?.title} values={values} errors={errors} maxLength={300} />
        <SelectField name="place" label={t('competence.field.place')} value={one(values, 'place') ?? practice?.place} options={PRACTICE_PLACES.map((p) => ({ value: p, label: t(`competence.place.${p}`) }))} errors={errors} />
        <SelectField name="dimension" label={t('competence.dimension')} value={one(values, 'dimension') ?? practice?.dimension} options={DIMENSIONS.map((d) => ({ value: d, label: t(`competence.dimension.${d}`) }))} errors={errors} />
        <LangTextFields name="description" label={t('competence.field.description')} stored={practice?.description} values={values} errors={errors} maxLength={4000} multiline />
        <LangTextFields name="outcome" label={t('competence.field.outcome')} stored={practice?.outcome} values={values} errors={errors} maxLength={4000} multiline rows={3} />
        <TextField name="sourceLabel" label={t('competence.field.source')} value={one(values, 'sourceLabel') ?? practice?.sourceLabel} required maxLength={300} errors={errors} />
        <TextField name="sourceUrl" label={t('competence.field.sourceUrl')} value={one(values, 'sourceUrl') ?? practice?.sourceUrl ?? undefined} maxLength={500} errors={errors} />
        <SubmitButton>{practice ? t('competence.save') : t('competence.practices.create')}</SubmitButton>
      </Form>
    </>
  );
}

export function PracticePage(props: { practice: Practice; errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { lang } = usePage();
  return (
    <Page title={pickText(props.practice.title, lang).text}>
      <TranslationStatus texts={[props.practice.title, props.practice.description, props.practice.outcome]} />
      <PracticeForm action={`/${lang}/competence/practices/${props.practice.id}`} practice={props.practice} errors={props.errors} values={props.values} />
    </Page>
  );
}

// ---- Action plans

function actionRows(actions: Action[], lang: Language, t: Translate, withOrganisation: boolean, editable: boolean) {
  return actions.map((a) => [
    editable ? (
      <Link href={`/${lang}/competence/actions/${a.id}`}>
        <Text value={a.title} />
      </Link>
    ) : (
      <Text value={a.title} />
    ),
    ...(withOrganisation ? [<Text value={a.organisationName} />] : []),
    a.owner || '–',
    a.dueOn ? formatDate(new Date(`${a.dueOn}T12:00:00Z`), lang) : '–',
    t(`competence.actionStatus.${a.status}`),
    `${t(`competence.indicator.${a.indicator}`)}${a.targetValue !== null ? ` → ${fmtIndicator(a.indicator, a.targetValue, lang, t)}` : ''}`,
    `${t(`competence.horizon.${a.horizon}`)} · ${t(`competence.scope.${a.scope}`)}`,
  ]);
}

const actionHead = (t: Translate, withOrganisation: boolean) => [
  t('competence.action'),
  ...(withOrganisation ? [t('competence.organisation')] : []),
  t('competence.field.owner'),
  t('competence.field.dueOn'),
  t('competence.field.status'),
  t('competence.field.indicator'),
  t('competence.action.kind'),
];

export function ActionPlanPage(props: { plan: Awaited2<ReturnType<CompetenceService['actionPlan']>>; errors?: FieldError[] | undefined; values?: FormValues | undefined; notice?: string | undefined }) {
  const { t, lang } = usePage();
  const { organisation, actions, canEdit } = props.plan;
  return (
    <Page title={t('competence.actionPlan.title', { organisation: pickText(organisation.name, lang).text })}>
      <Paragraph lead>{t('competence.actionPlan.intro')}</Paragraph>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      {HORIZONS.map((horizon) => (
        <Table
          caption={t('competence.actionPlan.caption', { horizon: t(`competence.horizon.${horizon}`), count: actions.filter((a) => a.horizon === horizon).length })}
          head={actionHead(t, false)}
          rows={actionRows(actions.filter((a) => a.horizon === horizon), lang, t, false, canEdit)}
        />
      ))}
      {canEdit && (
        <section aria-labelledby="new-action">
          <H2 id="new-action">{t('competence.actionPlan.new')}</H2>
          <CompetenceErrorSummary errors={props.errors} labels={{ title: t('competence.action') }} />
          <Form action={`/${lang}/competence/action-plans/${organisation.code}`}>
            <ActionFields values={props.values} errors={props.errors} />
            <SelectField name="scope" label={t('competence.action.kind')} value={one(props.values, 'scope')} options={SCOPES.map((s) => ({ value: s, label: t(`competence.scope.${s}`) }))} errors={props.errors} />
            <SubmitButton>{t('competence.actionPlan.add')}</SubmitButton>
          </Form>
        </section>
      )}
    </Page>
  );
}

function ActionFields({ action, values, errors }: { action?: Action; values?: FormValues | undefined; errors?: FieldError[] | undefined }) {
  const { t } = usePage();
  return (
    <>
      <LangTextFields name="title" label={t('competence.action')} stored={action?.title} values={values} errors={errors} maxLength={300} />
      <TextField name="owner" label={t('competence.field.owner')} description={t('competence.field.ownerHint')} value={one(values, 'owner') ?? action?.owner} maxLength={200} errors={errors} />
      <DateField name="dueOn" label={t('competence.field.dueOn')} value={one(values, 'dueOn') ?? action?.dueOn} errors={errors} />
      <SelectField
        name="indicator"
        label={t('competence.field.indicator')}
        value={one(values, 'indicator') ?? action?.indicator}
        options={INDICATORS.map((i) => ({ value: i.key, label: t(`competence.indicator.${i.key}`) }))}
        errors={errors}
      />
      <NumberField name="targetValue" label={t('competence.field.targetValue')} value={one(values, 'targetValue') ?? action?.targetValue} errors={errors} />
      <SelectField name="horizon" label={t('competence.field.horizon')} value={one(values, 'horizon') ?? action?.horizon} options={HORIZONS.map((h) => ({ value: h, label: t(`competence.horizon.${h}`) }))} errors={errors} />
    </>
  );
}

export function ActionPage(props: { action: Action; errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { t, lang } = usePage();
  const { action } = props;
  return (
    <Page title={t('competence.action.edit')}>
      <Paragraph>
        <Text value={action.organisationName} /> · {t(`competence.scope.${action.scope}`)}
        {action.projectTitle && (
          <>
            {' · '}
            {t('competence.portfolio.project')}: <Text value={action.projectTitle} />
          </>
        )}
      </Paragraph>
      <TranslationStatus texts={[action.title]} />
      <CompetenceErrorSummary errors={props.errors} labels={{ title: t('competence.action') }} />
      <Form action={`/${lang}/competence/actions/${action.id}`}>
        <Hidden name="version" value={String(action.version)} />
        <ActionFields action={action} values={props.values} errors={props.errors} />
        <SelectField name="status" label={t('competence.field.status')} value={one(props.values, 'status') ?? action.status} options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`competence.actionStatus.${s}`) }))} errors={props.errors} />
        <SubmitButton>{t('competence.save')}</SubmitButton>
      </Form>
      <Paragraph>
        <Link href={`/${lang}/competence/action-plans/${action.organisationCode}`}>{t('competence.actionPlan.back')}</Link>
      </Paragraph>
    </Page>
  );
}

// ---- Portfolio

export function PortfolioPage(props: { portfolio: Awaited2<ReturnType<CompetenceService['portfolio']>>; errors?: FieldError[] | undefined; notice?: string | undefined }) {
  const { t, lang } = usePage();
  const { actions, projects, collective } = props.portfolio;
  const byStatus = ACTION_STATUSES.map((s) => [t(`competence.actionStatus.${s}`), formatNumber(actions.filter((a) => a.status === s).length, lang)]);
  return (
    <Page title={t('competence.portfolio.title')}>
      <Paragraph lead>{t('competence.portfolio.intro')}</Paragraph>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      <Table caption={t('competence.portfolio.byStatus', { count: actions.length })} head={[t('competence.field.status'), t('competence.portfolio.actions')]} rows={byStatus} />
      <section aria-labelledby="projects">
        <H2 id="projects">{t('competence.portfolio.projects')}</H2>
        <Table
          caption={t('competence.portfolio.projectsCaption', { count: projects.length })}
          head={[t('competence.portfolio.project'), t('competence.field.status'), t('competence.portfolio.organisations'), t('competence.portfolio.actions')]}
          rows={projects.map((p) => [<Text value={p.title} />, t(`competence.actionStatus.${p.status}`), formatNumber(p.organisationCount, lang), formatNumber(p.actionCount, lang)])}
        />
      </section>
      <section aria-labelledby="collective">
        <H2 id="collective">{t('competence.portfolio.collective')}</H2>
        <CompetenceErrorSummary errors={props.errors} />
        <Table
          caption={t('competence.portfolio.collectiveCaption', { count: collective.length })}
          head={[t('competence.action'), t('competence.portfolio.organisations'), t('competence.portfolio.ungrouped'), t('competence.portfolio.group')]}
          rows={collective.map((c) => [
            <Text value={c.title} />,
            formatNumber(c.organisations, lang),
            formatNumber(c.ungrouped, lang),
            c.ungrouped > 0 ? (
              <Form action={`/${lang}/competence/portfolio/projects`} class="irisdesk-inline-form">
                <Hidden name="criterionKey" value={c.criterionKey} />
                <label class="utrecht-form-label" for={`project-${c.criterionKey.replace('.', '-')}`}>
                  {t('competence.portfolio.projectName')}
                </label>
                <input id={`project-${c.criterionKey.replace('.', '-')}`} class="utrecht-textbox utrecht-textbox--html-input" name="title" required maxLength={300} value={pickText(c.title, lang).text} />
                <SubmitButton variant="secondary">{t('competence.portfolio.groupButton')}</SubmitButton>
              </Form>
            ) : (
              t('competence.portfolio.allGrouped')
            ),
          ])}
        />
      </section>
      <section aria-labelledby="all-actions">
        <H2 id="all-actions">{t('competence.portfolio.all')}</H2>
        <Table caption={t('competence.portfolio.allCaption', { count: actions.length })} head={actionHead(t, true)} rows={actionRows(actions, lang, t, true, true)} />
      </section>
    </Page>
  );
}

// ---- Expertise requests

export function ExpertisePage(props: { requests: ExpertiseRequest[]; errors?: FieldError[] | undefined; values?: FormValues | undefined; notice?: string | undefined }) {
  const { t, lang, actor } = usePage();
  const center = isCompetenceCenter(actor);
  return (
    <Page title={t('competence.expertise.title')}>
      <Paragraph lead>{t('competence.expertise.intro')}</Paragraph>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      <CompetenceErrorSummary errors={props.errors} />
      <Table
        caption={t('competence.expertise.caption', { count: props.requests.length })}
        head={[t('competence.field.subject'), t('competence.organisation'), t('competence.dimension'), t('competence.field.status'), t('competence.field.response')]}
        rows={props.requests.map((r) => [
          <>
            <strong>{r.subject}</strong>
            {r.details && <p class="utrecht-paragraph">{r.details}</p>}
          </>,
          <Text value={r.organisationName} />,
          r.dimension ? t(`competence.dimension.${r.dimension}`) : '–',
          t(`competence.requestStatus.${r.status}`),
          center ? (
            <Form action={`/${lang}/competence/expertise/${r.id}`}>
              <Hidden name="version" value={String(r.version)} />
              <PlainSelect id={`status-${r.id}`} name="status" label={t('competence.field.status')} value={r.status} options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`competence.requestStatus.${s}`) }))} />
              <div class="utrecht-form-field utrecht-form-field--text">
                <div class="utrecht-form-field__label">
                  <label class="utrecht-form-label" for={`response-${r.id}`}>
                    {t('competence.field.response')}
                  </label>
                </div>
                <div class="utrecht-form-field__input">
                  <textarea id={`response-${r.id}`} class="utrecht-textarea utrecht-textarea--html-textarea" name="response" maxLength={4000} rows={2}>
                    {r.response}
                  </textarea>
                </div>
              </div>
              <SubmitButton variant="secondary">{t('competence.expertise.answer')}</SubmitButton>
            </Form>
          ) : (
            r.response || '–'
          ),
        ])}
      />
      <section aria-labelledby="new-request">
          <H2 id="new-request">{t('competence.expertise.new')}</H2>
          <Form action={`/${lang}/competence/expertise`}>
            <TextField name="subject" label={t('competence.field.subject')} value={one(props.values, 'subject')} required maxLength={200} errors={props.errors} />
            <TextArea name="details" label={t('competence.field.details')} value={one(props.values, 'details')} maxLength={4000} errors={props.errors} />
            <SelectField
              name="dimension"
              label={t('competence.dimension')}
              value={one(props.values, 'dimension') ?? ''}
              options={[{ value: '', label: t('competence.none') }, ...DIMENSIONS.map((d) => ({ value: d, label: t(`competence.dimension.${d}`) }))]}
              errors={props.errors}
            />
            <SubmitButton>{t('competence.expertise.send')}</SubmitButton>
          </Form>
      </section>
    </Page>
  );
}

// ---- Regional strategy

export function StrategyPage(props: {
  progress: Awaited2<ReturnType<CompetenceService['strategyProgress']>>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const { t, lang, actor } = usePage();
  const { current, versions, objectives, campaign } = props.progress;
  return (
    <Page title={t('competence.strategy.title')}>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      {!current ? (
        <Alert type="info">{t('competence.strategy.none')}</Alert>
      ) : (
        <>
          <Paragraph lead>
            {t('competence.strategy.version', { number: current.number, date: formatDate(new Date(current.createdAt), lang) })} {current.note}
          </Paragraph>
          <Paragraph>{campaign ? t('competence.strategy.basis', { campaign: pickText(campaign.title, lang).text, count: props.progress.organisations }) : t('competence.strategy.noResults')}</Paragraph>
          <Table
            caption={t('competence.strategy.progressCaption')}
            head={[t('competence.strategy.objective'), t('competence.field.indicator'), t('competence.field.baseline'), t('competence.strategy.now'), t('competence.field.targetValue'), t('competence.field.targetOn'), t('competence.strategy.state')]}
            rows={objectives.map((o) => [
              <Text value={o.objective.title} />,
              t(`competence.indicator.${o.objective.indicator}`),
              o.objective.baseline === null ? '–' : fmtIndicator(o.objective.indicator, o.objective.baseline, lang, t),
              o.value === null
                ? t(o.source === 'competence' ? 'competence.noData' : o.source === 'not_measured' || !o.measuredAvailable ? 'competence.measured.notYet' : 'competence.noData')
                : fmtIndicator(o.objective.indicator, o.value, lang, t),
              fmtIndicator(o.objective.indicator, o.objective.targetValue, lang, t),
              o.objective.targetOn ? formatDate(new Date(`${o.objective.targetOn}T12:00:00Z`), lang) : '–',
              o.reached === null ? t('competence.strategy.unknown') : o.reached ? t('competence.strategy.reached') : o.progress !== null ? t('competence.strategy.progress', { percent: o.progress }) : t('competence.strategy.notReached'),
            ])}
          />
        </>
      )}
      {versions.length > 1 && (
        <section aria-labelledby="history">
          <H2 id="history">{t('competence.strategy.history')}</H2>
          <Table
            caption={t('competence.strategy.historyCaption', { count: versions.length })}
            head={[t('competence.strategy.versionNumber'), t('competence.field.date'), t('competence.field.note'), t('competence.strategy.objectives')]}
            rows={versions.map((v: StrategyVersion) => [String(v.number), formatDate(new Date(v.createdAt), lang), v.note || '–', formatNumber(v.objectives.length, lang)])}
          />
        </section>
      )}
      {isCompetenceCenter(actor) && <StrategyForm current={current} errors={props.errors} values={props.values} />}
    </Page>
  );
}

function StrategyForm({ current, errors, values }: { current: StrategyVersion | null; errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { t, lang } = usePage();
  const rows = [...(current?.objectives ?? []), null, null];
  return (
    <section aria-labelledby="new-version">
      <H2 id="new-version">{t('competence.strategy.newVersion')}</H2>
      <Paragraph>{t('competence.strategy.newVersionHint')}</Paragraph>
      <Paragraph>{t('competence.editAllLanguages')}</Paragraph>
      <CompetenceErrorSummary errors={errors} />
      <Form action={`/${lang}/competence/strategy`}>
        <Hidden name="basedOn" value={String(current?.number ?? 0)} />
        <TextArea name="note" label={t('competence.field.note')} value={one(values, 'note')} maxLength={2000} rows={2} errors={errors} />
        {rows.map((objective, index) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('competence.strategy.objectiveN', { n: index + 1 })}</legend>
            {objective && <Hidden name={`objectives.${index}.id`} value={objective.id} />}
            {objective && <TranslationStatus texts={[objective.title]} />}
            <LangTextFields name={`objectives.${index}.title`} label={t('competence.strategy.objective')} stored={objective?.title} values={values} errors={errors} maxLength={300} required={!!objective} />
            <SelectField
              name={`objectives.${index}.indicator`}
              label={t('competence.field.indicator')}
              value={one(values, `objectives.${index}.indicator`) ?? objective?.indicator}
              options={INDICATORS.map((i) => ({ value: i.key, label: t(`competence.indicator.${i.key}`) }))}
              errors={errors}
            />
            <NumberField name={`objectives.${index}.baseline`} label={t('competence.field.baseline')} value={one(values, `objectives.${index}.baseline`) ?? objective?.baseline} errors={errors} />
            <NumberField name={`objectives.${index}.targetValue`} label={t('competence.field.targetValue')} value={one(values, `objectives.${index}.targetValue`) ?? objective?.targetValue} errors={errors} />
            <DateField name={`objectives.${index}.targetOn`} label={t('competence.field.targetOn')} value={one(values, `objectives.${index}.targetOn`) ?? objective?.targetOn} errors={errors} />
          </fieldset>
        ))}
        <SubmitButton>{t('competence.strategy.save')}</SubmitButton>
      </Form>
    </section>
  );
}

export type { Dimension };
