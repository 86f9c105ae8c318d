// Pages of the subject requests a person files themselves (decision 0060): the public form, "check your
// mailbox", the link's confirmation, the person's status page (with their export once answered), and the DPO's
// panel on the request page (the person's words, the deadline, run, answer).
import type { FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import {
  Alert,
  ChoiceGroup,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../platform/views/components.tsx';
import { formatDate, formatDateTime } from '../platform/i18n/format.ts';
import { DueDate, ExportTables } from './pages.tsx';
import type { SubjectRequestRow } from './repository.ts';
import type { SubjectExport } from './service.ts';
import { PERSON_KINDS } from './self-service.ts';

export interface PersonRequestFormProps {
  organisations: Array<{ code: string; name: string }>;
  values: { kind?: string | undefined; email?: string | undefined; organisation?: string | undefined; details?: string | undefined };
  /** the signed-in citizen's verified address: a request for it needs no link */
  provenEmail?: string | null | undefined;
  errors?: FieldError[] | undefined;
}

export function PersonRequestFormPage({ organisations, values, provenEmail, errors }: PersonRequestFormProps) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('privacy.selfService.title')} description={t('privacy.selfService.lead')}>
      <Heading1>{t('privacy.selfService.title')}</Heading1>
      <Paragraph lead>{t('privacy.selfService.lead')}</Paragraph>
      <Paragraph>{t('privacy.selfService.how')}</Paragraph>
      <ErrorSummary errors={errors} />
      <Form action={`/${lang}/privacy/requests`}>
        <ChoiceGroup
          type="radio"
          name="kind"
          legend={t('privacy.selfService.kind')}
          required
          checked={values.kind}
          errors={errors}
          options={PERSON_KINDS.map((kind) => ({ value: kind, label: t(`privacy.kind.${kind}`), hint: t(`privacy.selfService.kindHint.${kind}`) }))}
        />
        <TextField
          name="email"
          type="email"
          label={t('privacy.selfService.email')}
          description={t(provenEmail ? 'privacy.selfService.emailHintSignedIn' : 'privacy.selfService.emailHint')}
          value={values.email ?? provenEmail ?? undefined}
          autocomplete="email"
          required
          maxLength={254}
          errors={errors}
        />
        <SelectField
          name="organisation"
          label={t('privacy.selfService.organisation')}
          description={t('privacy.selfService.organisationHint')}
          value={values.organisation ?? ''}
          options={[
            { value: '', label: t('privacy.selfService.organisationUnknown') },
            ...organisations.map((item) => ({ value: item.code, label: item.name })),
          ]}
          errors={errors}
        />
        <TextArea
          name="details"
          label={t('privacy.selfService.details')}
          description={t('privacy.selfService.detailsHint')}
          value={values.details}
          maxLength={2000}
          rows={5}
          errors={errors}
        />
        <SubmitButton>{t('privacy.selfService.submit')}</SubmitButton>
      </Form>
      <Paragraph>
        <Link href={`/${lang}/privacy`}>{t('privacy.selfService.backToNotice')}</Link>
      </Paragraph>
    </Layout>
  );
}

/** The same page whether or not a link was sent: it tells nobody whether the address is known or was held back. */
export function ProofSentPage() {
  const { t } = usePage();
  return (
    <Layout title={t('privacy.selfService.sentTitle')}>
      <Heading1>{t('privacy.selfService.sentTitle')}</Heading1>
      <Alert type="ok">{t('privacy.selfService.sent')}</Alert>
      <Paragraph>{t('privacy.selfService.sentHint')}</Paragraph>
    </Layout>
  );
}

/** The link opens a page with a button (a POST), so that a mail scanner fetching it does not use it up. */
export function ConfirmProofPage({ token, live }: { token: string; live: boolean }) {
  const { t, lang } = usePage();
  if (!live)
    return (
      <Layout title={t('privacy.selfService.expiredTitle')}>
        <Heading1>{t('privacy.selfService.expiredTitle')}</Heading1>
        <Paragraph>{t('privacy.selfService.expired')}</Paragraph>
        <Paragraph>
          <Link href={`/${lang}/privacy/requests`}>{t('privacy.selfService.startAgain')}</Link>
        </Paragraph>
      </Layout>
    );
  return (
    <Layout title={t('privacy.selfService.confirmTitle')}>
      <Heading1>{t('privacy.selfService.confirmTitle')}</Heading1>
      <Paragraph>{t('privacy.selfService.confirmIntro')}</Paragraph>
      <Form action={`/${lang}/privacy/requests/confirm/${token}`}>
        <SubmitButton>{t('privacy.selfService.confirm')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The person's page of their request: where it stands, the deadline, the answer, and their data once answered. */
export function PersonRequestStatusPage({ request, exportPath }: { request: SubjectRequestRow; exportPath: string }) {
  const { t, lang } = usePage();
  const title = t('privacy.selfService.statusTitle', { reference: request.reference! });
  const data = request.status === 'answered' ? (request.export as SubjectExport | null) : null;
  const open = !['answered', 'refused'].includes(request.status);
  return (
    <Layout title={title}>
      <Heading1>{title}</Heading1>
      <dl class="irisdesk-facts">
        <dt>{t('privacy.selfService.kind')}</dt>
        <dd>{t(`privacy.kind.${request.kind}`)}</dd>
        <dt>{t('privacy.selfService.statusLabel')}</dt>
        <dd>
          <strong>{t(`privacy.selfService.status.${open ? 'open' : request.status}`)}</strong>
        </dd>
        <dt>{t('privacy.selfService.received')}</dt>
        <dd>{request.receivedAt && <time dateTime={request.receivedAt.toISOString()}>{formatDateTime(request.receivedAt, lang)}</time>}</dd>
        {open && (
          <>
            <dt>{t('privacy.selfService.dueLabel')}</dt>
            <dd>{request.dueAt && <time dateTime={request.dueAt.toISOString()}>{formatDate(request.dueAt, lang)}</time>}</dd>
          </>
        )}
      </dl>
      {open && <Paragraph>{t('privacy.selfService.openHint')}</Paragraph>}
      {request.answer && (
        <>
          <h2 class="utrecht-heading-2">{t('privacy.selfService.answerTitle')}</h2>
          {request.answeredAt && (
            <Paragraph>
              <time dateTime={request.answeredAt.toISOString()}>{formatDateTime(request.answeredAt, lang)}</time>
            </Paragraph>
          )}
          <blockquote class="irisdesk-quote">
            <p class="utrecht-paragraph">{request.answer}</p>
          </blockquote>
        </>
      )}
      {request.status === 'refused' && <Paragraph>{t('privacy.selfService.refusedHint')}</Paragraph>}
      {data && (
        <>
          <h2 class="utrecht-heading-2">{t('privacy.selfService.dataTitle')}</h2>
          <Paragraph>
            <Link href={exportPath}>{t('privacy.selfService.download')}</Link>
          </Paragraph>
          <ExportTables data={data} />
        </>
      )}
    </Layout>
  );
}

/** On the DPO's request page: what the person asked and wrote, the deadline, and what to do next. */
export function PersonRequestPanel({
  request,
  errors,
  values,
}: {
  request: SubjectRequestRow;
  errors?: FieldError[] | undefined;
  values?: Record<string, string> | undefined;
}) {
  const { t, lang } = usePage();
  const base = `/${lang}/admin/privacy/requests/${request.id}`;
  const runnable = request.status === 'received' && request.kind !== 'rectification';
  const answerable = request.kind === 'rectification' ? request.status === 'received' : request.status === 'done';
  const refusable = ['received', 'done', 'failed'].includes(request.status);
  return (
    <section aria-labelledby="person-request">
      <h2 class="utrecht-heading-2" id="person-request">
        {t('privacy.selfService.panelTitle', { reference: request.reference ?? '' })}
      </h2>
      <dl class="irisdesk-facts">
        <dt>{t('privacy.selfService.email')}</dt>
        <dd>{request.email ?? t('privacy.selfService.forgotten')}</dd>
        <dt>{t('privacy.selfService.dueLabel')}</dt>
        <dd>
          <DueDate request={request} />
        </dd>
        <dt>{t('privacy.selfService.details')}</dt>
        <dd>{request.details ?? '—'}</dd>
      </dl>
      <ErrorSummary errors={errors} />
      {runnable && (
        <>
          <Paragraph>{t(`privacy.selfService.runHint.${request.kind}`)}</Paragraph>
          <Form action={`${base}/run`}>
            <SubmitButton>{t(`privacy.selfService.run.${request.kind}`)}</SubmitButton>
          </Form>
        </>
      )}
      {request.kind === 'rectification' && request.status === 'received' && <Paragraph>{t('privacy.selfService.rectifyHint')}</Paragraph>}
      {request.answer ? (
        <>
          <h3 class="utrecht-heading-3">{t('privacy.selfService.answerTitle')}</h3>
          <blockquote class="irisdesk-quote">
            <p class="utrecht-paragraph">{request.answer}</p>
          </blockquote>
        </>
      ) : (
        refusable && (
          <>
            <h3 class="utrecht-heading-3">{t('privacy.selfService.answerTitle')}</h3>
            <Form action={`${base}/answer`}>
              <ChoiceGroup
                type="radio"
                name="outcome"
                legend={t('privacy.selfService.outcome')}
                required
                checked={values?.outcome ?? (answerable ? 'answered' : 'refused')}
                errors={errors}
                options={[
                  ...(answerable ? [{ value: 'answered', label: t('privacy.selfService.outcomeAnswered') }] : []),
                  { value: 'refused', label: t('privacy.selfService.outcomeRefused') },
                ]}
              />
              <TextArea
                name="answer"
                label={t('privacy.selfService.answerText')}
                description={t('privacy.selfService.answerHint')}
                value={values?.answer}
                required
                maxLength={4000}
                rows={6}
                errors={errors}
              />
              <SubmitButton>{t('privacy.selfService.send')}</SubmitButton>
            </Form>
          </>
        )
      )}
    </section>
  );
}
