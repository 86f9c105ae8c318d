// The organisation's video meeting link (decision 0062): the template each video appointment's room is built
// from, with an example link before it is saved (preview) and after. Platform administrators choose the
// organisation first (a GET form).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, ErrorSummary, Form, Heading1, Link, Paragraph, SelectField, SubmitButton, TextField } from '../../platform/views/components.tsx';
import { pickText, type LocalizedText } from '../../platform/i18n/languages.ts';

type Organisation = { id: string; code: string; name: LocalizedText; template: string | null };

export function VideoLinkPage(props: {
  organisation: Organisation;
  choices: Organisation[];
  defaultTemplate: string;
  /** The example link of the saved template. */
  example: string;
  /** The template typed, when it was previewed or refused. */
  typed?: string | undefined;
  /** The example link of the typed template (preview). */
  preview?: string | undefined;
  errors?: FieldError[] | undefined;
  saved?: boolean;
}) {
  const { t, lang } = usePage();
  const { organisation } = props;
  const name = pickText(organisation.name, lang).text;
  const base = `/${lang}/admin/appointments/video`;
  return (
    <Layout title={t('appointments.videoTemplate.title')} backOffice section="appointment-settings">
      <Heading1>{t('appointments.videoTemplate.title')}</Heading1>
      <Paragraph>
        <Link href={`/${lang}/admin/appointments`}>{t('appointments.videoTemplate.back')}</Link>
      </Paragraph>
      {props.saved && <Alert type="ok">{t('appointments.videoTemplate.saved')}</Alert>}
      <Paragraph>{t('appointments.videoTemplate.intro')}</Paragraph>
      {props.choices.length > 1 && (
        <form method="get" action={base} class="utrecht-form">
          <SelectField
            name="organisation"
            label={t('appointments.videoTemplate.organisation')}
            value={organisation.code}
            options={props.choices.map((o) => ({ value: o.code, label: pickText(o.name, lang).text }))}
          />
          <SubmitButton variant="secondary">{t('appointments.videoTemplate.choose')}</SubmitButton>
        </form>
      )}
      <h2 class="utrecht-heading-2">{t('appointments.videoTemplate.current', { organisation: name })}</h2>
      <Paragraph>
        {organisation.template ? t('appointments.videoTemplate.custom') : t('appointments.videoTemplate.usingDefault')}{' '}
        <code>{organisation.template ?? props.defaultTemplate}</code>
      </Paragraph>
      <Paragraph>
        {t('appointments.videoTemplate.exampleLead')} <code>{props.example}</code>
      </Paragraph>
      <ErrorSummary errors={props.errors} labelOf={() => t('appointments.videoTemplate.field')} />
      <Form action={base}>
        <input type="hidden" name="organisationId" value={organisation.id} />
        {/* a text field, not type="url": a template holds braces, which a URL value may not (HTML checker) */}
        <TextField
          name="template"
          label={t('appointments.videoTemplate.field')}
          description={t('appointments.videoTemplate.hint', { default: props.defaultTemplate })}
          errors={props.errors}
          value={props.typed ?? organisation.template ?? ''}
          maxLength={500}
          autocomplete="off"
        />
        {props.preview && (
          <div role="status" class="irisdesk-video-preview">
            <Paragraph>
              {t('appointments.videoTemplate.previewLead')} <code>{props.preview}</code>
            </Paragraph>
          </div>
        )}
        <div class="irisdesk-actions">
          <button type="submit" name="intent" value="preview" class="utrecht-button utrecht-button--secondary-action">
            {t('appointments.videoTemplate.preview')}
          </button>{' '}
          <SubmitButton>{t('appointments.videoTemplate.save')}</SubmitButton>
        </div>
      </Form>
    </Layout>
  );
}
