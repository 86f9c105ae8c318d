// Public pages of the contact-center intake: the contact form (FR/NL/EN, no JavaScript needed), the
// confirmation with the reference, and the status page (reference + e-mail, or the receipt's link).
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, ErrorSummary, FileField, Form, Heading1, Link, Paragraph, SubmitButton, TextArea, TextField } from '../../platform/views/components.tsx';
import type { FieldError } from '../../platform/http/errors.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import type { PublicStatus } from './service.ts';
import { MESSAGE_MAX, NAME_MAX } from './service.ts';

export interface ContactFormValues {
  serviceCode?: string | undefined;
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  postalCode?: string | undefined;
  message?: string | undefined;
}

const LABELS: Record<string, string> = {
  name: 'contact.form.name',
  email: 'contact.form.email',
  phone: 'contact.form.phone',
  postalCode: 'contact.form.postalCode',
  message: 'contact.form.message',
  serviceCode: 'contact.status.service',
  language: 'contact.form.message',
  reference: 'contact.status.reference',
  website: 'contact.form.website',
  attachments: 'contact.form.attachments',
};

export function ContactFormPage(props: {
  values: ContactFormValues;
  service: { code: string; name: string } | null;
  idempotencyKey: string;
  errors?: FieldError[] | undefined;
  /** The limits of the file field; null when uploads are off (no scanner configured). */
  uploads: { maxFiles: number; maxFileBytes: number } | null;
}) {
  const { t, lang } = usePage();
  const labelOf = (field: string) => t(LABELS[field] ?? 'contact.form.message');
  return (
    <Layout title={t('contact.form.title')}>
      <Heading1>{t('contact.form.title')}</Heading1>
      <Paragraph lead>{t('contact.form.intro')}</Paragraph>
      <Paragraph>
        <Link href={`/${lang}/chat${props.service ? `?service=${encodeURIComponent(props.service.code)}` : ''}`}>{t('chat.page.linkFromContact')}</Link>
      </Paragraph>
      <ErrorSummary errors={props.errors} labelOf={labelOf} />
      <Form action={`/${lang}/contact`} multipart={props.uploads !== null}>
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        {props.service ? (
          <>
            <input type="hidden" name="serviceCode" value={props.service.code} />
            <Paragraph>
              {t('contact.form.service', { service: props.service.name })} (<Link href={`/${lang}/contact`}>{t('contact.form.otherService')}</Link>)
            </Paragraph>
          </>
        ) : null}
        <TextField
          name="name"
          label={t('contact.form.name')}
          value={props.values.name}
          autocomplete="name"
          required
          maxLength={NAME_MAX}
          errors={props.errors}
        />
        <TextField name="email" type="email" label={t('contact.form.email')} value={props.values.email} autocomplete="email" required errors={props.errors} />
        <TextField
          name="phone"
          type="tel"
          label={t('contact.form.phone')}
          description={t('contact.form.phoneHelp')}
          value={props.values.phone}
          autocomplete="tel"
          maxLength={40}
          errors={props.errors}
        />
        <TextField
          name="postalCode"
          label={t('contact.form.postalCode')}
          description={t('contact.form.postalCodeHelp')}
          value={props.values.postalCode}
          autocomplete="postal-code"
          maxLength={4}
          errors={props.errors}
        />
        <TextArea
          name="message"
          label={t('contact.form.message')}
          description={t('contact.form.messageHelp')}
          value={props.values.message}
          required
          maxLength={MESSAGE_MAX}
          rows={8}
          errors={props.errors}
        />
        {props.uploads ? (
          <FileField
            name="attachments"
            label={t('contact.form.attachments')}
            description={t('contact.form.attachmentsHelp', { files: props.uploads.maxFiles, megabytes: props.uploads.maxFileBytes / 1024 / 1024 })}
            multiple
            errors={props.errors}
          />
        ) : (
          <Paragraph>{t('contact.form.attachmentsOff')}</Paragraph>
        )}
        {/* A field people never see: robots that fill in every input give themselves away. */}
        <div hidden>
          <label for="field-website">{t('contact.form.website')}</label>
          <input id="field-website" type="text" name="website" value="" autocomplete="off" tabIndex={-1} />
        </div>
        <Paragraph>{t('contact.form.privacy')}</Paragraph>
        <SubmitButton>{t('contact.form.submit')}</SubmitButton>
      </Form>
      <Paragraph>
        <Link href={`/${lang}/contact/status`}>{t('contact.form.statusLink')}</Link>
      </Paragraph>
    </Layout>
  );
}

export function ContactSentPage({ reference }: { reference: string }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('contact.sent.title')}>
      <Heading1>{t('contact.sent.title')}</Heading1>
      <Alert type="ok">
        <Paragraph>
          {t('contact.sent.reference')} <strong class="irisdesk-reference">{reference}</strong>
        </Paragraph>
      </Alert>
      <Paragraph>{t('contact.sent.receipt')}</Paragraph>
      <Paragraph>
        <Link href={`/${lang}/contact/status`}>{t('contact.form.statusLink')}</Link>
      </Paragraph>
    </Layout>
  );
}

export function StatusFormPage(props: { values: { reference?: string | undefined; email?: string | undefined }; errors?: FieldError[] | undefined }) {
  const { t, lang } = usePage();
  const labelOf = (field: string) => t(field === 'email' ? 'contact.status.email' : 'contact.status.reference');
  return (
    <Layout title={t('contact.status.title')}>
      <Heading1>{t('contact.status.title')}</Heading1>
      <Paragraph>{t('contact.status.intro')}</Paragraph>
      <ErrorSummary errors={props.errors} labelOf={labelOf} />
      <Form action={`/${lang}/contact/status`}>
        <TextField name="reference" label={t('contact.status.reference')} value={props.values.reference} required maxLength={40} errors={props.errors} />
        <TextField name="email" type="email" label={t('contact.status.email')} value={props.values.email} autocomplete="email" required errors={props.errors} />
        <SubmitButton>{t('contact.status.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function StatusPage({ status }: { status: PublicStatus }) {
  const { t, lang } = usePage();
  const title = t('contact.status.resultTitle', { reference: status.reference });
  return (
    <Layout title={title}>
      <Heading1>{title}</Heading1>
      <dl class="irisdesk-facts">
        <dt>{t('contact.status.status')}</dt>
        <dd>
          <strong>{t(`contact.status.value.${status.status}`)}</strong>
        </dd>
        <dt>{t('contact.status.service')}</dt>
        <dd>{status.service ? status.service.name : t('contact.status.none')}</dd>
        <dt>{t('contact.status.organisation')}</dt>
        <dd>{status.organisation}</dd>
        <dt>{t('contact.status.created')}</dt>
        <dd>
          <time dateTime={status.createdAt}>{formatDateTime(new Date(status.createdAt), lang)}</time>
        </dd>
        <dt>{t('contact.status.updated')}</dt>
        <dd>
          <time dateTime={status.updatedAt}>{formatDateTime(new Date(status.updatedAt), lang)}</time>
        </dd>
      </dl>
      <h2 class="utrecht-heading-2">{t('contact.status.lastUpdate')}</h2>
      {status.lastPublicUpdate ? (
        <>
          <Paragraph>
            <time dateTime={status.lastPublicUpdate.at}>{formatDateTime(new Date(status.lastPublicUpdate.at), lang)}</time>
          </Paragraph>
          <blockquote class="irisdesk-quote">
            {status.lastPublicUpdate.message.split('\n').map((line) => (
              <p class="utrecht-paragraph">{line}</p>
            ))}
          </blockquote>
        </>
      ) : (
        <Paragraph>{t('contact.status.noUpdate')}</Paragraph>
      )}
      <Paragraph>
        <Link href={`/${lang}/contact/status`}>{t('contact.status.another')}</Link>
      </Paragraph>
    </Layout>
  );
}
