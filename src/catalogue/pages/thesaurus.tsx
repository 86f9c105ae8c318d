// Back-office screens of the orientation thesaurus (issue 16): the list of concepts and the concept form (labels in
// French, Dutch and English, related concepts, the services a concept leads to, draft or published).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import {
  Alert,
  ChoiceGroup,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SubmitButton,
  Table,
  TextArea,
  TextField,
} from '../../platform/views/components.tsx';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { LANGUAGES, type Language } from '../../platform/i18n/languages.ts';
import type { Concept } from '../thesaurus/repository.ts';
import { languageInText } from './shared.tsx';

export type ConceptNotice = 'created' | 'saved' | 'deleted';
type FormValues = Record<string, string | string[] | undefined>;
const suffix = (l: Language) => `${l[0]!.toUpperCase()}${l[1]}`;
const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

export function ThesaurusPage({ concepts, notice }: { concepts: Concept[]; notice?: ConceptNotice | undefined }) {
  const { t, lang } = usePage();
  const base = `/${lang}/admin/catalogue/thesaurus`;
  return (
    <Layout title={t('catalogue.thesaurus.title')} backOffice section="catalogue">
      <Heading1>{t('catalogue.thesaurus.title')}</Heading1>
      {notice && <Alert type="ok">{t(`catalogue.thesaurus.notice.${notice}`)}</Alert>}
      <Paragraph>{t('catalogue.thesaurus.lead')}</Paragraph>
      <ul class="irisdesk-inline-list">
        <li>
          <Link href={`${base}/new`}>{t('catalogue.thesaurus.new')}</Link>
        </li>
        <li>
          <Link href="/api/v1/catalogue/thesaurus.ttl">{t('catalogue.thesaurus.export')}</Link> · <Link href="/api/v1/catalogue/thesaurus.jsonld">JSON-LD</Link>
        </li>
        <li>
          <Link href={`/${lang}/admin/catalogue`}>{t('catalogue.admin.title')}</Link>
        </li>
      </ul>
      <Table
        caption={t('catalogue.thesaurus.caption', { count: concepts.length })}
        head={[
          t('catalogue.thesaurus.concept'),
          ...LANGUAGES.map((l) => capitalise(languageInText(l, lang))),
          t('catalogue.field.status'),
          t('catalogue.thesaurus.services'),
        ]}
        rows={concepts.map((concept) => [
          <Link href={`${base}/${concept.code}`}>{concept.code}</Link>,
          ...LANGUAGES.map((l) => <span lang={l}>{concept.labels[l]?.pref ?? '–'}</span>),
          t(`catalogue.thesaurus.status.${concept.status}`),
          String(concept.services.length),
        ])}
      />
    </Layout>
  );
}

/** The label of a concept form's field (error summary). */
function useConceptLabel() {
  const { t, lang } = usePage();
  return (field: string): string => {
    const localized = /^(pref|alt)(Fr|Nl|En)$/.exec(field);
    if (localized) return t(`catalogue.thesaurus.field.${localized[1]}`, { language: languageInText(localized[2]!.toLowerCase() as Language, lang) });
    if (field === 'code') return t('field.code');
    return t(`catalogue.thesaurus.field.${field}`);
  };
}

export function ConceptPage(props: {
  concept?: Concept | undefined;
  values?: FormValues | undefined;
  errors?: FieldError[] | undefined;
  notice?: ConceptNotice | undefined;
}) {
  const { t, lang } = usePage();
  const label = useConceptLabel();
  const concept = props.concept;
  const v = (name: string, fallback: string) => {
    const raw = props.values?.[name];
    return typeof raw === 'string' ? raw : fallback;
  };
  const base = `/${lang}/admin/catalogue/thesaurus`;
  const title = concept ? t('catalogue.thesaurus.editTitle', { code: concept.code }) : t('catalogue.thesaurus.new');
  return (
    <Layout title={title} backOffice section="catalogue">
      <ErrorSummary errors={props.errors} labelOf={label} />
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t(`catalogue.thesaurus.notice.${props.notice}`)}</Alert>}
      <Paragraph>
        <Link href={base}>{t('catalogue.thesaurus.back')}</Link>
      </Paragraph>
      {concept && (
        <Paragraph>{t('catalogue.thesaurus.lastChanged', { date: formatDateTime(new Date(concept.updatedAt), lang), version: concept.version })}</Paragraph>
      )}
      <Form action={concept ? `${base}/${concept.code}` : base}>
        {concept ? (
          <input type="hidden" name="version" value={String(concept.version)} />
        ) : (
          <TextField
            name="code"
            label={t('field.code')}
            description={t('catalogue.thesaurus.codeHint')}
            value={v('code', '')}
            maxLength={80}
            required
            errors={props.errors}
          />
        )}
        {LANGUAGES.map((l) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{capitalise(languageInText(l, lang))}</legend>
            <TextField
              name={`pref${suffix(l)}`}
              label={label(`pref${suffix(l)}`)}
              value={v(`pref${suffix(l)}`, concept?.labels[l]?.pref ?? '')}
              maxLength={80}
              errors={props.errors}
            />
            <TextArea
              name={`alt${suffix(l)}`}
              label={label(`alt${suffix(l)}`)}
              description={t('catalogue.thesaurus.altHint')}
              value={v(`alt${suffix(l)}`, (concept?.labels[l]?.alt ?? []).join('\n'))}
              maxLength={4000}
              rows={4}
              errors={props.errors}
            />
          </fieldset>
        ))}
        <TextField
          name="related"
          label={label('related')}
          description={t('catalogue.thesaurus.relatedHint')}
          value={v('related', (concept?.related ?? []).join(', '))}
          maxLength={2000}
          errors={props.errors}
        />
        <TextField
          name="services"
          label={label('services')}
          description={t('catalogue.thesaurus.servicesHint')}
          value={v('services', (concept?.services ?? []).join(', '))}
          maxLength={2000}
          errors={props.errors}
        />
        <ChoiceGroup
          type="radio"
          class="irisdesk-radio-group"
          name="status"
          legend={label('status')}
          hint={t('catalogue.thesaurus.statusHint')}
          options={(['draft', 'published'] as const).map((status) => ({ value: status, label: t(`catalogue.thesaurus.status.${status}`) }))}
          checked={v('status', concept?.status ?? 'draft')}
          errors={props.errors}
        />
        <SubmitButton>{concept ? t('catalogue.thesaurus.save') : t('catalogue.thesaurus.create')}</SubmitButton>
      </Form>
      {concept && (
        <Form action={`${base}/${concept.code}/delete`}>
          <input type="hidden" name="version" value={String(concept.version)} />
          <SubmitButton variant="secondary">{t('catalogue.thesaurus.delete')}</SubmitButton>
        </Form>
      )}
    </Layout>
  );
}
