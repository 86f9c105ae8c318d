// Screens of the competence center's expertise. Every text comes from the catalogue (competence.*).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Alert, Form, Paragraph, SelectField, SubmitButton, Table, Text, TextArea, TextField } from '../../platform/views/components.tsx';
import { isCompetenceCenter } from '../authorisation.ts';
import { DIMENSIONS } from '../scoring.ts';
import { CompetenceErrorSummary, type FormValues, H2, Hidden, Page, one } from '../components.tsx';
import { type ExpertiseRequest } from './repository.ts';
import { REQUEST_STATUSES } from '../repository.ts';

// ---- Expertise requests

export function ExpertisePage(props: {
  requests: ExpertiseRequest[];
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const { t, lang, actor } = usePage();
  const center = isCompetenceCenter(actor);
  return (
    <Page title={t('competence.expertise.title')}>
      <Paragraph lead>{t('competence.expertise.intro')}</Paragraph>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      <CompetenceErrorSummary errors={props.errors} />
      <Table
        caption={t('competence.expertise.caption', { count: props.requests.length })}
        head={[
          t('competence.field.subject'),
          t('competence.organisation'),
          t('competence.dimension'),
          t('competence.field.status'),
          t('competence.field.response'),
        ]}
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
              <SelectField
                idSuffix={r.id}
                name="status"
                label={t('competence.field.status')}
                value={r.status}
                options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`competence.requestStatus.${s}`) }))}
              />
              <TextArea name="response" idSuffix={r.id} label={t('competence.field.response')} value={r.response ?? ''} maxLength={4000} rows={2} />
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
