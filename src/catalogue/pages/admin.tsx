// Back-office screens of the catalogue: the editors' list of services, the content gaps and the service form
// (creation, editing with drafts and publication, history).
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import {
  Alert,
  CheckboxGroup,
  ChoiceGroup,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  Table,
  Text,
  TextArea,
  TextField,
} from '../../platform/views/components.tsx';
import { formatDate, formatDateTime } from '../../platform/i18n/format.ts';
import { LANGUAGES, LANGUAGE_NAMES, pickText, type Language, type LocalizedText } from '../../platform/i18n/languages.ts';
import { languageInText } from './shared.tsx';
import {
  CHANNELS,
  LOCAL_FIELDS,
  type ContentGapSummary,
  type LifeEvent,
  type LocalContent,
  type LocalPartRecord,
  type ServiceContent,
  type ServiceRecord,
  type ServiceVersion,
  type Theme,
} from '../repository.ts';

export function CatalogueAdminPage({
  entries,
  staleOnly,
  local = [],
}: {
  entries: Array<{ service: ServiceRecord; completeness: Record<Language, boolean>; stale: boolean }>;
  staleOnly: boolean;
  /** Services every commune (or CPAS) provides, with the actor's organisation's local part (decision 0058). */
  local?: Array<{ service: ServiceRecord; part: LocalPartRecord | null }>;
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('catalogue.admin.title')} backOffice section="catalogue">
      <Heading1>{staleOnly ? t('catalogue.admin.staleTitle') : t('catalogue.admin.title')}</Heading1>
      <ul class="irisdesk-inline-list">
        <li>
          {staleOnly ? (
            <Link href={`/${lang}/admin/catalogue`}>{t('catalogue.admin.all')}</Link>
          ) : (
            <Link href={`/${lang}/admin/catalogue?stale=1`}>{t('catalogue.admin.staleLink')}</Link>
          )}
        </li>
        <li>
          <Link href={`/${lang}/admin/catalogue/gaps`}>{t('catalogue.admin.gapsLink')}</Link>
        </li>
        <li>
          <Link href={`/${lang}/admin/catalogue/proposals`}>{t('catalogue.admin.proposalsLink')}</Link>
        </li>
        <li>
          <Link href={`/${lang}/admin/catalogue/thesaurus`}>{t('catalogue.admin.thesaurusLink')}</Link>
        </li>
        <li>
          <Link href={`/${lang}/admin/catalogue/services/new`}>{t('catalogue.new.title')}</Link>
        </li>
      </ul>
      {(entries.length > 0 || local.length === 0) && (
        <Table
          caption={t('catalogue.admin.caption', { count: entries.length })}
          head={[t('catalogue.field.name'), t('catalogue.field.status'), t('catalogue.admin.translations'), t('catalogue.field.lastReviewed')]}
          rows={entries.map(({ service, completeness, stale }) => [
            <Link href={`/${lang}/admin/catalogue/services/${service.code}`}>
              <Text value={(service.draft ?? service).name} />
            </Link>,
            <>
              {t(`catalogue.status.${service.status}`)}
              {service.draft && <strong> ({t('catalogue.draft.marker')})</strong>}
            </>,
            LANGUAGES.map((l) => `${l.toUpperCase()} ${completeness[l] ? '✓' : t('catalogue.admin.missing')}`).join(' · '),
            <>
              {service.lastReviewedAt ? formatDate(new Date(service.lastReviewedAt), lang) : t('catalogue.admin.neverReviewed')}
              {stale && <strong> ({t('catalogue.admin.stale')})</strong>}
            </>,
          ])}
        />
      )}
      {local.length > 0 && (
        <section aria-labelledby="local-parts">
          <h2 class="utrecht-heading-2" id="local-parts">
            {t('catalogue.localAdmin.listTitle')}
          </h2>
          <Paragraph>{t('catalogue.localAdmin.listLead')}</Paragraph>
          <Table
            caption={t('catalogue.localAdmin.caption', { count: local.length })}
            head={[t('catalogue.field.name'), t('catalogue.localAdmin.state')]}
            rows={local.map(({ service, part }) => [
              <Link href={`/${lang}/admin/catalogue/services/${service.code}/local`}>
                <Text value={service.name} />
              </Link>,
              <>
                {part?.content ? t('catalogue.localAdmin.published', { date: formatDate(new Date(part.publishedAt!), lang) }) : t('catalogue.localAdmin.none')}
                {part?.draft && <strong> ({t('catalogue.draft.marker')})</strong>}
              </>,
            ])}
          />
        </section>
      )}
    </Layout>
  );
}

export function ContentGapsPage({ gaps }: { gaps: ContentGapSummary[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('catalogue.gaps.title')} backOffice section="catalogue">
      <Heading1>{t('catalogue.gaps.title')}</Heading1>
      <Paragraph>{t('catalogue.gaps.lead')}</Paragraph>
      <Table
        caption={t('catalogue.gaps.caption', { count: gaps.length })}
        head={[t('catalogue.gaps.query'), t('catalogue.gaps.language'), t('catalogue.gaps.count'), t('catalogue.gaps.results'), t('catalogue.gaps.last')]}
        rows={gaps.map((gap) => [
          <span lang={gap.lang}>{gap.query}</span>,
          LANGUAGE_NAMES[gap.lang],
          String(gap.count),
          String(gap.maxResults),
          formatDateTime(new Date(gap.lastAt), lang),
        ])}
      />
    </Layout>
  );
}

type FormValues = Record<string, string | string[] | undefined>;
const suffix = (l: Language) => `${l[0]!.toUpperCase()}${l[1]}`;
const TEXT_FIELDS = ['summary', 'description', 'evidence', 'cost', 'processingTime'] as const;

export interface ServiceFormReference {
  themes: Theme[];
  lifeEvents: LifeEvent[];
  organisations: Array<{ id: string; code: string; kind: string; name: LocalizedText }>;
}

/** The label of a form field as the user sees it (error summary, changed-fields list). */
function useFieldLabel() {
  const { t, lang } = usePage();
  return (field: string): string => {
    const terms = /^searchTerms(?:\.)?(fr|nl|en|Fr|Nl|En)$/.exec(field);
    if (terms) return t('catalogue.edit.searchTermsLabel', { language: languageInText(terms[1]!.toLowerCase() as Language, lang) });
    const legal = /^legalBasis(?:\.)?(fr|nl|en|Fr|Nl|En)$/.exec(field);
    if (legal) return t('catalogue.edit.legalBasisLabel', { language: languageInText(legal[1]!.toLowerCase() as Language, lang) });
    const localized =
      /^(name|summary|description|evidence|cost|processingTime|keywords)(Fr|Nl|En)$/.exec(field) ??
      /^(name|summary|description|evidence|cost|processingTime|keywords)\.(fr|nl|en)$/.exec(field);
    if (localized) return t(`field.${localized[1]}${suffix(localized[2]!.toLowerCase() as Language)}`);
    const known: Record<string, string> = {
      code: t('field.code'),
      theme: t('catalogue.field.theme'),
      audience: t('catalogue.field.audience'),
      lifeEvents: t('catalogue.field.lifeEvents'),
      competent: t('catalogue.field.provider'),
      competentKind: t('catalogue.field.provider'),
      competentOrganisation: t('catalogue.edit.competentOrganisation'),
      channels: t('catalogue.field.channels'),
      appointment: t('catalogue.field.appointment'),
      legalBasisUrl: t('catalogue.edit.legalBasisUrl'),
    };
    return known[field] ?? t(`field.${field}`);
  };
}

/** Every editable field of a service on one form, the three languages together. */
function ServiceFields({
  content,
  values,
  errors,
  reference,
}: {
  content: ServiceContent | undefined;
  values?: FormValues | undefined;
  errors?: FieldError[] | undefined;
  reference: ServiceFormReference;
}) {
  const { t, lang } = usePage();
  const label = useFieldLabel();
  const v = (name: string, fallback: string) => {
    const raw = values?.[name];
    return typeof raw === 'string' ? raw : fallback;
  };
  const list = (name: string, fallback: string[]) => {
    if (!values) return fallback;
    const raw = values[name];
    return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  };
  const kind = v('competentKind', content?.competentKind ?? 'organisation');
  return (
    <>
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('catalogue.edit.textsLegend')}</legend>
        {LANGUAGES.map((l) => (
          <TextField
            name={`name${suffix(l)}`}
            label={label(`name${suffix(l)}`)}
            value={v(`name${suffix(l)}`, content?.name[l] ?? '')}
            maxLength={200}
            errors={errors}
          />
        ))}
        {TEXT_FIELDS.map((field) =>
          LANGUAGES.map((l) => (
            <TextArea
              name={`${field}${suffix(l)}`}
              label={label(`${field}${suffix(l)}`)}
              value={v(`${field}${suffix(l)}`, content?.[field][l] ?? '')}
              maxLength={4000}
              rows={field === 'description' ? 6 : 3}
              errors={errors}
            />
          )),
        )}
        {LANGUAGES.map((l) => (
          <TextArea
            name={`legalBasis${suffix(l)}`}
            label={label(`legalBasis${suffix(l)}`)}
            description={l === 'fr' ? t('catalogue.edit.legalBasisHint') : undefined}
            value={v(`legalBasis${suffix(l)}`, content?.legalBasis?.[l] ?? '')}
            maxLength={4000}
            rows={2}
            errors={errors}
          />
        ))}
        <TextField
          name="legalBasisUrl"
          type="url"
          label={label('legalBasisUrl')}
          description={t('catalogue.edit.legalBasisUrlHint')}
          value={v('legalBasisUrl', content?.legalBasisUrl ?? '')}
          maxLength={500}
          errors={errors}
        />
        {LANGUAGES.map((l) => (
          <TextField
            name={`keywords${suffix(l)}`}
            label={label(`keywords${suffix(l)}`)}
            description={t('catalogue.edit.keywordsHint')}
            value={v(`keywords${suffix(l)}`, (content?.keywords[l] ?? []).join(', '))}
            maxLength={4000}
            errors={errors}
          />
        ))}
      </fieldset>
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('catalogue.edit.searchTermsLegend')}</legend>
        <Paragraph>{t('catalogue.edit.searchTermsHint')}</Paragraph>
        {LANGUAGES.map((l) => (
          <TextArea
            name={`searchTerms${suffix(l)}`}
            label={label(`searchTerms${suffix(l)}`)}
            value={v(`searchTerms${suffix(l)}`, (content?.searchTerms?.[l] ?? []).join('\n'))}
            maxLength={4000}
            rows={4}
            errors={errors}
          />
        ))}
      </fieldset>
      <CheckboxGroup
        name="audience"
        legend={label('audience')}
        options={['citizen', 'business', 'association'].map((a) => ({ value: a, label: t(`catalogue.audience.${a}`) }))}
        checked={list('audience', content?.audience ?? ['citizen'])}
        errors={errors}
      />
      <SelectField
        name="theme"
        label={label('theme')}
        value={v('theme', content?.theme ?? '')}
        options={[
          { value: '', label: t('catalogue.edit.choose') },
          ...reference.themes.map((theme) => ({ value: theme.code, label: pickText(theme.name, lang).text })),
        ]}
        errors={errors}
      />
      <CheckboxGroup
        name="lifeEvents"
        legend={label('lifeEvents')}
        options={reference.lifeEvents.map((event) => ({ value: event.code, label: pickText(event.name, lang).text }))}
        checked={list('lifeEvents', content?.lifeEvents ?? [])}
        errors={errors}
      />
      <ChoiceGroup
        type="radio"
        class="irisdesk-radio-group"
        name="competentKind"
        legend={label('competentKind')}
        options={[
          { value: 'organisation', label: t('catalogue.edit.competentOne') },
          { value: 'commune', label: t('catalogue.edit.competentEveryCommune') },
          { value: 'cpas', label: t('catalogue.edit.competentEveryCpas') },
        ]}
        checked={kind}
        errors={errors}
      />
      <SelectField
        name="competentOrganisation"
        label={label('competentOrganisation')}
        description={t('catalogue.edit.competentOrganisationHint')}
        value={v('competentOrganisation', content?.competentOrganisation ?? (reference.organisations.length === 1 ? reference.organisations[0]!.code : ''))}
        options={[
          { value: '', label: t('catalogue.edit.choose') },
          ...reference.organisations.map((org) => ({ value: org.code, label: pickText(org.name, lang).text })),
        ]}
        errors={errors}
      />
      <CheckboxGroup
        name="channels"
        legend={label('channels')}
        options={CHANNELS.map((c) => ({ value: c, label: t(`catalogue.channel.${c}`) }))}
        checked={list('channels', content?.channels ?? [])}
        errors={errors}
      />
      <CheckboxGroup
        name="appointment"
        legend={label('appointment')}
        options={[{ value: 'true', label: t('catalogue.appointment.yes') }]}
        checked={list('appointment', content?.appointment ? ['true'] : [])}
        errors={errors}
      />
    </>
  );
}

function IntentButton({
  intent,
  children,
  variant = 'primary',
}: {
  intent: 'save' | 'publish';
  children: ComponentChildren;
  variant?: 'primary' | 'secondary';
}) {
  return (
    <button type="submit" name="intent" value={intent} class={`utrecht-button utrecht-button--${variant}-action`}>
      {children}
    </button>
  );
}

export function ServiceNewPage(props: { reference: ServiceFormReference; errors?: FieldError[]; values?: FormValues }) {
  const { t, lang } = usePage();
  const label = useFieldLabel();
  return (
    <Layout title={t('catalogue.new.title')} backOffice section="catalogue">
      <ErrorSummary errors={props.errors} labelOf={label} />
      <Heading1>{t('catalogue.new.title')}</Heading1>
      <Paragraph>{t('catalogue.new.lead')}</Paragraph>
      <Form action={`/${lang}/admin/catalogue/services`}>
        <TextField
          name="code"
          label={t('field.code')}
          description={t('catalogue.new.codeHint')}
          value={typeof props.values?.code === 'string' ? props.values.code : ''}
          maxLength={64}
          required
          errors={props.errors}
        />
        <ServiceFields content={undefined} values={props.values} errors={props.errors} reference={props.reference} />
        <SubmitButton>{t('catalogue.new.create')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export type EditNotice = 'saved' | 'published' | 'discarded' | 'created' | 'withdrawn';

export function ServiceEditPage(props: {
  service: ServiceRecord;
  content: ServiceContent;
  changedFields: string[];
  completeness: Record<Language, boolean>;
  versions: ServiceVersion[];
  reference: ServiceFormReference;
  errors?: FieldError[];
  values?: FormValues;
  notice?: EditNotice | undefined;
}) {
  const { t, lang } = usePage();
  const label = useFieldLabel();
  const s = props.service;
  const name = pickText(props.content.name, lang).text;
  const published = s.status === 'published';
  const base = `/${lang}/admin/catalogue/services/${s.code}`;
  return (
    <Layout title={t('catalogue.edit.title', { name })} backOffice section="catalogue">
      <ErrorSummary errors={props.errors} labelOf={label} />
      <Heading1>{t('catalogue.edit.title', { name })}</Heading1>
      {props.notice && <Alert type="ok">{t(props.notice === 'saved' ? 'catalogue.edit.saved' : `catalogue.edit.notice.${props.notice}`)}</Alert>}
      <Paragraph>
        {t('catalogue.field.status')}: <strong>{t(`catalogue.status.${s.status}`)}</strong>
        {published && (
          <>
            {' · '}
            <Link href={`/${lang}/services/${s.code}`}>{t('catalogue.edit.publicPage')}</Link>
          </>
        )}
      </Paragraph>
      {s.draft && (
        <section class="utrecht-alert utrecht-alert--warning irisdesk-draft" aria-labelledby="draft-heading">
          <h2 class="utrecht-heading-2" id="draft-heading">
            {t('catalogue.draft.title')}
          </h2>
          <Paragraph>{t('catalogue.draft.lead', { date: s.draftSavedAt ? formatDateTime(new Date(s.draftSavedAt), lang) : '–' })}</Paragraph>
          {props.changedFields.length > 0 ? (
            <>
              <Paragraph>{t('catalogue.draft.changed', { count: props.changedFields.length })}</Paragraph>
              <ul class="utrecht-unordered-list" data-changed-fields>
                {props.changedFields.map((field) => (
                  <li class="utrecht-unordered-list__item">{label(field)}</li>
                ))}
              </ul>
            </>
          ) : (
            <Paragraph>{t('catalogue.draft.noDifference')}</Paragraph>
          )}
          <Form action={`${base}/discard`}>
            <input type="hidden" name="version" value={String(s.version)} />
            <SubmitButton variant="secondary">{t('catalogue.draft.discard')}</SubmitButton>
          </Form>
        </section>
      )}
      <Paragraph>
        {t('catalogue.admin.translations')}:{' '}
        {LANGUAGES.map((l) => `${LANGUAGE_NAMES[l]} ${props.completeness[l] ? '✓' : t('catalogue.admin.missing')}`).join(' · ')}
      </Paragraph>
      {published && <Paragraph>{t('catalogue.draft.howItWorks')}</Paragraph>}
      <Form action={base}>
        <input type="hidden" name="version" value={String(s.version)} />
        <ServiceFields content={props.content} values={props.values} errors={props.errors} reference={props.reference} />
        <CheckboxGroup
          name="reviewed"
          legend={t('catalogue.field.lastReviewed')}
          options={[{ value: 'true', label: t('catalogue.edit.markReviewed') }]}
          checked={[]}
        />
        <div class="irisdesk-actions">
          <IntentButton intent="save">{published ? t('catalogue.edit.saveDraft') : t('catalogue.edit.save')}</IntentButton>{' '}
          <IntentButton intent="publish" variant="secondary">
            {published ? t('catalogue.edit.publishChanges') : t('catalogue.edit.publish')}
          </IntentButton>
        </div>
      </Form>
      {published && (
        <Form action={`${base}/withdraw`}>
          <input type="hidden" name="version" value={String(s.version)} />
          <SubmitButton variant="secondary">{t('catalogue.edit.withdraw')}</SubmitButton>
        </Form>
      )}
      <section aria-labelledby="history">
        <h2 class="utrecht-heading-2" id="history">
          {t('catalogue.edit.history')}
        </h2>
        <Table
          caption={t('catalogue.edit.historyCaption', { count: props.versions.length })}
          head={[t('catalogue.edit.version'), t('catalogue.field.status'), t('catalogue.edit.changedAt'), t('catalogue.edit.changedBy')]}
          rows={props.versions.map((version) => [
            String(version.version),
            t(`catalogue.status.${version.status}`),
            formatDateTime(new Date(version.changedAt), lang),
            version.changedBy ?? (version.note === 'initial' ? t('catalogue.edit.initial') : '–'),
          ])}
        />
      </section>
    </Layout>
  );
}

// ---- local part of a shared service (decision 0058)

export function LocalPartPage(props: {
  service: ServiceRecord;
  organisation: { code: string; name: LocalizedText };
  part: LocalPartRecord | null;
  errors?: FieldError[];
  values?: FormValues;
  notice?: 'saved' | 'published' | 'discarded' | undefined;
}) {
  const { t, lang } = usePage();
  const name = pickText(props.service.name, lang).text;
  const organisation = pickText(props.organisation.name, lang).text;
  const base = `/${lang}/admin/catalogue/services/${props.service.code}/local`;
  const content: LocalContent | null = props.part?.draft ?? props.part?.content ?? null;
  const fieldLabel = (field: string) => {
    const match = /^(fees|documents|offices|notes)(Fr|Nl|En)$/.exec(field);
    return match
      ? t('catalogue.localAdmin.fieldIn', {
          field: t(`catalogue.local.field.${match[1]}`),
          language: languageInText(match[2]!.toLowerCase() as Language, lang),
        })
      : t(`field.${field}`);
  };
  const value = (input: string, fallback: string) => {
    const raw = props.values?.[input];
    return typeof raw === 'string' ? raw : fallback;
  };
  return (
    <Layout title={t('catalogue.localAdmin.title', { name })} backOffice section="catalogue">
      <ErrorSummary errors={props.errors} labelOf={fieldLabel} />
      <Heading1>{t('catalogue.localAdmin.title', { name })}</Heading1>
      {props.notice && <Alert type="ok">{t(`catalogue.localAdmin.notice.${props.notice}`)}</Alert>}
      <Paragraph>{t('catalogue.localAdmin.lead', { organisation })}</Paragraph>
      <Paragraph>
        {props.part?.content
          ? t('catalogue.localAdmin.published', { date: formatDate(new Date(props.part.publishedAt!), lang) })
          : t('catalogue.localAdmin.none')}
        {' · '}
        <Link href={`/${lang}/services/${props.service.code}`}>{t('catalogue.edit.publicPage')}</Link>
      </Paragraph>
      {props.part?.draft && (
        <section class="utrecht-alert utrecht-alert--warning irisdesk-draft" aria-labelledby="draft-heading">
          <h2 class="utrecht-heading-2" id="draft-heading">
            {t('catalogue.draft.title')}
          </h2>
          <Paragraph>{t('catalogue.draft.lead', { date: props.part.draftSavedAt ? formatDateTime(new Date(props.part.draftSavedAt), lang) : '–' })}</Paragraph>
          <Form action={`${base}/discard`}>
            <input type="hidden" name="version" value={String(props.part.version)} />
            <SubmitButton variant="secondary">{t('catalogue.draft.discard')}</SubmitButton>
          </Form>
        </section>
      )}
      <Form action={base}>
        <input type="hidden" name="version" value={String(props.part?.version ?? 0)} />
        {LOCAL_FIELDS.map((field) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t(`catalogue.local.field.${field}`)}</legend>
            {field === 'offices' && <Paragraph>{t('catalogue.localAdmin.officesHint')}</Paragraph>}
            {LANGUAGES.map((l) => (
              <TextArea
                name={`${field}${suffix(l)}`}
                label={fieldLabel(`${field}${suffix(l)}`)}
                value={value(`${field}${suffix(l)}`, content?.[field]?.[l] ?? '')}
                maxLength={4000}
                rows={3}
                errors={props.errors}
              />
            ))}
          </fieldset>
        ))}
        <div class="irisdesk-actions">
          <IntentButton intent="save">{t('catalogue.edit.saveDraft')}</IntentButton>{' '}
          <IntentButton intent="publish" variant="secondary">
            {t('catalogue.localAdmin.publish')}
          </IntentButton>
        </div>
      </Form>
    </Layout>
  );
}
