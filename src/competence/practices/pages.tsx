// Screens of the competence center's practices. Every text comes from the catalogue (competence.*).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Form, Link, Paragraph, SelectField, SubmitButton, Text, TextField } from '../../platform/views/components.tsx';
import { pickText } from '../../platform/i18n/languages.ts';
import { isCompetenceCenter } from '../authorisation.ts';
import { DIMENSIONS } from '../scoring.ts';
import { CompetenceErrorSummary, type FormValues, H2, Hidden, LangTextFields, Page, TranslationStatus, one, translationSummary } from '../components.tsx';
import { type Practice } from './repository.ts';
import { PRACTICE_PLACES } from '../repository.ts';

// ---- Good practices

export function PracticesPage(props: {
  practices: Practice[];
  filter: { dimension?: string | undefined; place?: string | undefined };
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
}) {
  const { t, lang, actor } = usePage();
  return (
    <Page title={t('competence.practices.title')}>
      <Paragraph lead>{t('competence.practices.intro')}</Paragraph>
      <form method="get" action={`/${lang}/competence/practices`} class="utrecht-form">
        <SelectField
          idSuffix="filter"
          name="dimension"
          label={t('competence.dimension')}
          value={props.filter.dimension ?? ''}
          options={[{ value: '', label: t('competence.all') }, ...DIMENSIONS.map((d) => ({ value: d, label: t(`competence.dimension.${d}`) }))]}
        />
        <SelectField
          idSuffix="filter"
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
              <Link href={`/${lang}/competence/practices/${practice.id}`}>
                {t('competence.practices.edit', { title: pickText(practice.title, lang).text })}
              </Link>{' '}
              · {t('competence.translations')}: {translationSummary(t, [practice.title, practice.description, practice.outcome])}
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

function PracticeForm({
  action,
  practice,
  errors,
  values,
}: {
  action: string;
  practice?: Practice;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
}) {
  const { t } = usePage();
  return (
    <>
      <CompetenceErrorSummary errors={errors} />
      <Paragraph>{t('competence.editAllLanguages')}</Paragraph>
      <Form action={action}>
        {practice && <Hidden name="version" value={String(practice.version)} />}
        <LangTextFields name="title" label={t('competence.field.title')} stored={practice?.title} values={values} errors={errors} maxLength={300} />
        <SelectField
          name="place"
          label={t('competence.field.place')}
          value={one(values, 'place') ?? practice?.place}
          options={PRACTICE_PLACES.map((p) => ({ value: p, label: t(`competence.place.${p}`) }))}
          errors={errors}
        />
        <SelectField
          name="dimension"
          label={t('competence.dimension')}
          value={one(values, 'dimension') ?? practice?.dimension}
          options={DIMENSIONS.map((d) => ({ value: d, label: t(`competence.dimension.${d}`) }))}
          errors={errors}
        />
        <LangTextFields
          name="description"
          label={t('competence.field.description')}
          stored={practice?.description}
          values={values}
          errors={errors}
          maxLength={4000}
          multiline
        />
        <LangTextFields
          name="outcome"
          label={t('competence.field.outcome')}
          stored={practice?.outcome}
          values={values}
          errors={errors}
          maxLength={4000}
          multiline
          rows={3}
        />
        <TextField
          name="sourceLabel"
          label={t('competence.field.source')}
          value={one(values, 'sourceLabel') ?? practice?.sourceLabel}
          required
          maxLength={300}
          errors={errors}
        />
        <TextField
          name="sourceUrl"
          label={t('competence.field.sourceUrl')}
          value={one(values, 'sourceUrl') ?? practice?.sourceUrl ?? undefined}
          maxLength={500}
          errors={errors}
        />
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
