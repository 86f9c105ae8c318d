// Pieces shared by the competence center's screens: the sub-navigation and page frame, multilingual text
// fields, the scale table, formatting of scores and indicators. Each section's screens are in its pages.tsx.
import { useId } from 'preact/hooks';
import { ChartStyles, DataTable } from '../platform/views/charts/charts.tsx';
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { ErrorSummary, fieldId, FieldShell, Heading1, Link, Paragraph, Table } from '../platform/views/components.tsx';
import { formatNumber } from '../platform/i18n/format.ts';
import { LANGUAGE_NAMES, LANGUAGES, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import type { Translate } from '../platform/i18n/messages.ts';
import { isCompetenceCenter } from './authorisation.ts';
import { CAF_SOURCE, PDCA_BANDS } from './scoring.ts';
import { REQUIRED_LANGUAGES, translationCompleteness } from './texts.ts';
import { indicatorDefinition } from './indicators.ts';

export type FormValues = Record<string, string | string[] | undefined>;
export const one = (values: FormValues | undefined, name: string) => {
  const raw = values?.[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

// ---- shared bits

export function fmtScore(value: number | null | undefined, lang: Language): string {
  return value === null || value === undefined ? '–' : formatNumber(value, lang, 1);
}

export function fmtChange(value: number | null | undefined, lang: Language): string {
  if (value === null || value === undefined) return '–';
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatNumber(Math.abs(value), lang, 1)}`;
}

export function fmtIndicator(key: string, value: number | null | undefined, lang: Language, t: Translate): string {
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
          const label = t(optional ? 'competence.field.inLanguageOptional' : 'competence.field.inLanguage', {
            field: props.label,
            language: t(`competence.language.${l}`),
          });
          const field = { name, label, errors: props.errors };
          return props.multiline ? (
            <FieldShell {...field} control="textarea" attributes={{ lang: l, required, maxLength: props.maxLength, rows: props.rows ?? 4 }}>
              {value}
            </FieldShell>
          ) : (
            <FieldShell {...field} control="input" attributes={{ lang: l, type: 'text', value, required, maxLength: props.maxLength }} />
          );
        })}
      </div>
    </fieldset>
  );
}

/** "FR ✓ · NL ✓ · EN missing", like the catalogue's list of services. */
export function translationSummary(t: Translate, texts: Array<LocalizedText | null | undefined>): string {
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

export function SubNav() {
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

/** A table that may be wide (the regional benchmark, the portfolio): it scrolls in its own box, never widening the page. */
export function WideTable(props: { caption: string; head: string[]; rows: Array<Array<ComponentChildren>> }) {
  return <DataTable id={`table${useId()}`} caption={props.caption} head={props.head} rows={props.rows} />;
}

/** A competence page: its sub-navigation and heading; the charts' stylesheet for its figures, radars and tables. */
export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <Layout title={title} backOffice section="competence" head={<ChartStyles />}>
      <SubNav />
      <Heading1>{title}</Heading1>
      {children}
    </Layout>
  );
}

export function H2({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <h2 class="utrecht-heading-2" id={id}>
      {children}
    </h2>
  );
}

export function H3({ children }: { children: ComponentChildren }) {
  return <h3 class="utrecht-heading-3">{children}</h3>;
}

export function Hidden({ name, value }: { name: string; value: string }) {
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

export function statusText(t: Translate, status: string) {
  return t(`competence.status.${status}`);
}

export function NumberField(props: {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  min?: number;
  max?: number;
  step?: string;
  description?: string;
  errors?: FieldError[] | undefined;
  required?: boolean;
}) {
  return (
    <FieldShell
      name={props.name}
      label={props.label}
      errors={props.errors}
      description={props.description}
      control="input"
      attributes={{
        type: 'number',
        inputMode: 'decimal',
        value: props.value === null || props.value === undefined ? '' : String(props.value),
        min: props.min,
        max: props.max,
        step: props.step ?? 'any',
        required: props.required,
      }}
    />
  );
}
