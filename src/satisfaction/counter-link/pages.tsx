// Staff screen "QR code at a counter": the agent makes a feedback invitation for the visitor in front of
// them and shows the QR code (the visitor scans it with their phone) with the link written out beside it.
import { Layout } from '../../platform/views/Layout.tsx';
import { ErrorSummary, Form, Heading1, Link, Paragraph, SelectField, SubmitButton } from '../../platform/views/components.tsx';
import { usePage } from '../../platform/views/context.ts';
import { QrCode } from '../../platform/views/QrCode.tsx';
import { LANGUAGE_NAMES, LANGUAGES, pickText, type Language, type LocalizedText } from '../../platform/i18n/languages.ts';
import type { FieldError } from '../../platform/http/errors.ts';

export interface CounterLinkChoices {
  services: Array<{ code: string; name: LocalizedText }>;
  contactPoints: Array<{ id: string; name: LocalizedText }>;
}

export interface CounterLinkValues {
  language?: string | undefined;
  serviceCode?: string | undefined;
  contactPointId?: string | undefined;
}

export function CounterLinkFormPage({
  choices,
  values,
  errors,
}: {
  choices: CounterLinkChoices;
  values?: CounterLinkValues;
  errors?: FieldError[] | undefined;
}) {
  const { t, lang } = usePage();
  const label = (field: string) => t(`satisfaction.counterLink.field.${field}`);
  return (
    <Layout title={t('satisfaction.counterLink.title')}>
      <ErrorSummary errors={errors} labelOf={label} />
      <Heading1>{t('satisfaction.counterLink.title')}</Heading1>
      <Paragraph>{t('satisfaction.counterLink.intro')}</Paragraph>
      <Form action={`/${lang}/satisfaction/counter-link`}>
        <SelectField
          name="language"
          label={label('language')}
          value={values?.language ?? lang}
          errors={errors}
          options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
        />
        <SelectField
          name="serviceCode"
          label={label('serviceCode')}
          value={values?.serviceCode ?? ''}
          errors={errors}
          options={[
            { value: '', label: t('satisfaction.counterLink.none') },
            ...choices.services.map((s) => ({ value: s.code, label: pickText(s.name, lang).text })),
          ]}
        />
        <SelectField
          name="contactPointId"
          label={label('contactPointId')}
          value={values?.contactPointId ?? ''}
          errors={errors}
          options={[
            { value: '', label: t('satisfaction.counterLink.none') },
            ...choices.contactPoints.map((p) => ({ value: p.id, label: pickText(p.name, lang).text })),
          ]}
        />
        <SubmitButton>{t('satisfaction.counterLink.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function CounterLinkResultPage({ url, language }: { url: string; language: Language }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('satisfaction.counterLink.resultTitle')}>
      <Heading1>{t('satisfaction.counterLink.resultTitle')}</Heading1>
      <Paragraph>{t('satisfaction.counterLink.resultHelp')}</Paragraph>
      <Paragraph>
        {t('satisfaction.counterLink.resultLanguage')} <span lang={language}>{LANGUAGE_NAMES[language]}</span>
      </Paragraph>
      <QrCode value={url} label={t('satisfaction.counterLink.qrLabel')} size={256} />
      <Paragraph>
        <Link href={`/${lang}/satisfaction/counter-link`}>{t('satisfaction.counterLink.another')}</Link>
      </Paragraph>
    </Layout>
  );
}
