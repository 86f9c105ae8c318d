// The settings page of the region's citizen identity provider (decision 0060): where the settings come from, the
// addresses to register at the provider, the form, the discovery check's outcome, and going back to the
// CITIZEN_OIDC_* settings.
import type { AppError, FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, CheckboxField, ErrorSummary, Form, Heading1, Paragraph, SubmitButton, TextField } from '../platform/views/components.tsx';
import { formatDateTime } from '../platform/i18n/format.ts';
import type { DiscoveryOutcome, ProviderForm } from './provider-settings.ts';

export interface ProviderSettingsView {
  values: ProviderForm;
  source: 'settings' | 'environment' | 'none';
  updatedAt: Date | null;
  /** whether a secret is stored or given by the environment (the field may then stay empty) */
  hasSecret: boolean;
  redirectUri: string;
  signedOutUri: string;
  errors?: FieldError[] | undefined;
  error?: AppError | undefined;
  outcome?: { saved: boolean; discovery: DiscoveryOutcome | undefined } | undefined;
  reset?: boolean | undefined;
}

function Outcome({ outcome }: { outcome: NonNullable<ProviderSettingsView['outcome']> }) {
  const { t } = usePage();
  const { discovery, saved } = outcome;
  const prefix = saved ? `${t('citizens.provider.saved')} ` : '';
  if (!discovery) return <Alert type="warning">{t('citizens.provider.nothingToTest')}</Alert>;
  if (discovery.reached)
    return (
      <Alert type="ok">
        {prefix}
        {t(discovery.endSession ? 'citizens.provider.reached' : 'citizens.provider.reachedNoEndSession', { issuer: discovery.issuer })}
      </Alert>
    );
  return (
    <Alert type={saved ? 'warning' : 'error'}>
      {prefix}
      {t(`citizens.provider.${discovery.reason}`)} <code>{discovery.detail}</code>
    </Alert>
  );
}

export function CitizenProviderSettingsPage(props: ProviderSettingsView) {
  const { t, lang } = usePage();
  const { values, errors } = props;
  return (
    <Layout title={t('citizens.provider.title')} backOffice section="citizen-sign-in">
      <Heading1>{t('citizens.provider.title')}</Heading1>
      <Paragraph>{t('citizens.provider.intro')}</Paragraph>
      {props.outcome && <Outcome outcome={props.outcome} />}
      {props.reset && <Alert type="ok">{t('citizens.provider.resetDone')}</Alert>}
      <ErrorSummary errors={errors} />
      {props.error && !errors?.length && <Alert type="error">{t(`errors.${props.error.code}`, props.error.options.values)}</Alert>}
      <Paragraph>
        {props.source === 'settings'
          ? t('citizens.provider.fromSettings', { when: props.updatedAt ? formatDateTime(props.updatedAt, lang) : '' })
          : t(props.source === 'environment' ? 'citizens.provider.fromEnvironment' : 'citizens.provider.fromNowhere')}
      </Paragraph>
      <h2 class="utrecht-heading-2">{t('citizens.provider.registerTitle')}</h2>
      <Paragraph>{t('citizens.provider.registerIntro')}</Paragraph>
      <dl class="utrecht-data-list">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t('citizens.provider.redirectUri')}</dt>
          <dd class="utrecht-data-list__item-value">
            <code>{props.redirectUri}</code>
          </dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t('citizens.provider.signedOutUri')}</dt>
          <dd class="utrecht-data-list__item-value">
            <code>{props.signedOutUri}</code>
          </dd>
        </div>
      </dl>
      <h2 class="utrecht-heading-2">{t('citizens.provider.formTitle')}</h2>
      <Form action={`/${lang}/admin/citizen-sign-in`}>
        {values.version !== null && <input type="hidden" name="version" value={String(values.version)} />}
        <CheckboxField name="enabled" label={t('citizens.provider.enabled')} description={t('citizens.provider.enabledHint')} checked={values.enabled} />
        <TextField
          name="issuer"
          type="url"
          label={t('citizens.provider.issuer')}
          description={t('citizens.provider.issuerHint')}
          value={values.issuer}
          required
          maxLength={500}
          errors={errors}
        />
        <TextField name="clientId" label={t('citizens.provider.clientId')} value={values.clientId} required maxLength={200} errors={errors} />
        <TextField
          name="clientSecret"
          type="password"
          label={t('citizens.provider.clientSecret')}
          description={t(props.hasSecret ? 'citizens.provider.clientSecretKept' : 'citizens.provider.clientSecretHint')}
          autocomplete="off"
          required={!props.hasSecret}
          maxLength={500}
          errors={errors}
        />
        <TextField
          name="scopes"
          label={t('citizens.provider.scopes')}
          description={t('citizens.provider.scopesHint')}
          value={values.scopes}
          maxLength={500}
          errors={errors}
        />
        <TextField
          name="name"
          label={t('citizens.provider.name')}
          description={t('citizens.provider.nameHint')}
          value={values.name}
          required
          maxLength={60}
          errors={errors}
        />
        <TextField
          name="emailClaim"
          label={t('citizens.provider.emailClaim')}
          description={t('citizens.provider.emailClaimHint')}
          value={values.emailClaim}
          maxLength={60}
          errors={errors}
        />
        <CheckboxField
          name="emailVerifiedRequired"
          label={t('citizens.provider.emailVerifiedRequired')}
          description={t('citizens.provider.emailVerifiedRequiredHint')}
          checked={values.emailVerifiedRequired}
        />
        <TextField
          name="nameClaim"
          label={t('citizens.provider.nameClaim')}
          description={t('citizens.provider.nameClaimHint')}
          value={values.nameClaim}
          maxLength={200}
          errors={errors}
        />
        <SubmitButton>{t('citizens.provider.save')}</SubmitButton>
      </Form>
      <h2 class="utrecht-heading-2">{t('citizens.provider.testTitle')}</h2>
      <Paragraph>{t('citizens.provider.testIntro')}</Paragraph>
      <Form action={`/${lang}/admin/citizen-sign-in/test`}>
        <SubmitButton variant="secondary">{t('citizens.provider.test')}</SubmitButton>
      </Form>
      {props.source === 'settings' && (
        <>
          <h2 class="utrecht-heading-2">{t('citizens.provider.resetTitle')}</h2>
          <Paragraph>{t('citizens.provider.resetIntro')}</Paragraph>
          <Form action={`/${lang}/admin/citizen-sign-in/reset`}>
            <SubmitButton variant="secondary">{t('citizens.provider.reset')}</SubmitButton>
          </Form>
        </>
      )}
    </Layout>
  );
}
