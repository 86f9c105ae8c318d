// The console settings page of an organisation manager (/{lang}/console/settings): which units take part in
// the round-robin of new requests, and the organisation's reply templates.
import { usePage } from '../../platform/views/context.ts';
import {
  Alert,
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../platform/views/components.tsx';
import type { FieldError } from '../../platform/http/errors.ts';
import { pickText, LANGUAGES, LANGUAGE_NAMES, type Language } from '../../platform/i18n/languages.ts';
import type { TemplateRow } from './repository.ts';
import type { UnitRow } from '../console/repository.ts';
import { ConsoleLayout } from '../console/pages/layout.tsx';

/** The console settings of an organisation manager: units in the round-robin and reply templates (/{lang}/console/settings). */
export function ConsoleSettingsPage({
  units,
  templates,
  errors,
  values,
  notice,
}: {
  units: UnitRow[];
  templates: TemplateRow[];
  errors?: FieldError[] | undefined;
  values?: Record<string, string> | undefined;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  return (
    <ConsoleLayout title={t('console.settings.title')}>
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/console`}>{t('console.backToInbox')}</Link>
      </p>
      <Heading1>{t('console.settings.title')}</Heading1>
      {notice && <Alert type="ok">{t(`console.notice.${notice}`)}</Alert>}
      <Paragraph>
        <Link href={`/${lang}/admin/contact-center`}>{t('console.settings.moreSettings')}</Link>
      </Paragraph>
      <ErrorSummary errors={errors} labelOf={(field) => t(`console.field.${field}`)} />
      <section aria-labelledby="cc-auto-title">
        <h2 class="utrecht-heading-2" id="cc-auto-title">
          {t('console.settings.autoAssign')}
        </h2>
        <Paragraph>{t('console.settings.autoAssignIntro')}</Paragraph>
        <Form action={`/${lang}/console/settings/units`}>
          <CheckboxGroup
            name="autoAssign"
            legend={t('console.settings.autoAssignLegend')}
            options={units.map((u) => ({ value: u.id, label: pickText(u.name, lang).text }))}
            checked={units.filter((u) => u.autoAssign).map((u) => u.id)}
          />
          <SubmitButton>{t('console.save')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="cc-templates-title">
        <h2 class="utrecht-heading-2" id="cc-templates-title">
          {t('console.settings.templates')}
        </h2>
        <Paragraph>{t('console.settings.templatesIntro')}</Paragraph>
        {templates.length > 0 && (
          <ul class="utrecht-unordered-list">
            {templates.map((tpl) => (
              <li>
                <span lang={tpl.language}>{tpl.title}</span> ({LANGUAGE_NAMES[tpl.language]})
                <form method="post" action={`/${lang}/console/settings/templates/${tpl.id}/delete`} class="irisdesk-inline-form">
                  <CsrfField />
                  <button type="submit" class="utrecht-button utrecht-button--subtle" aria-label={t('console.settings.deleteTemplate', { title: tpl.title })}>
                    {t('console.delete')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <Form action={`/${lang}/console/settings/templates`}>
          <SelectField
            name="language"
            label={t('console.field.language')}
            value={values?.language ?? lang}
            options={LANGUAGES.map((l: Language) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l }))}
          />
          <TextField name="title" label={t('console.field.title')} value={values?.title} maxLength={120} errors={errors} />
          <TextArea
            name="body"
            label={t('console.field.templateBody')}
            value={values?.body}
            rows={6}
            maxLength={10000}
            errors={errors}
            description={t('console.field.templateHint')}
          />
          <SubmitButton variant="secondary">{t('console.settings.addTemplate')}</SubmitButton>
        </Form>
      </section>
    </ConsoleLayout>
  );
}
