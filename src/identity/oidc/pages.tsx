// Pages of organisation sign-in: the e-mail step that finds the organisation's provider, and the settings page
// where managers configure their provider.
import type { AppError, FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import {
  Alert,
  CheckboxField,
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
import type { ProviderSettings } from './service.ts';

export function OrganisationSignInPage(props: { next?: string | undefined; email?: string | undefined; errors?: FieldError[]; error?: AppError | undefined }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('oidc.signIn.title')}>
      <Heading1>{t('oidc.signIn.title')}</Heading1>
      <Paragraph>{t('oidc.signIn.intro')}</Paragraph>
      <ErrorSummary errors={props.errors} />
      {props.error && <Alert type="error">{t(`errors.${props.error.code}`, props.error.options.values)}</Alert>}
      <Form action={`/${lang}/login/sso`}>
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <TextField
          name="email"
          type="email"
          label={t('oidc.signIn.email')}
          description={t('oidc.signIn.emailHint')}
          value={props.email}
          autocomplete="username"
          required
          errors={props.errors}
        />
        <SubmitButton>{t('oidc.signIn.submit')}</SubmitButton>
      </Form>
      <Paragraph>
        <Link href={`/${lang}/login${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`}>{t('oidc.signIn.withPassword')}</Link>
      </Paragraph>
    </Layout>
  );
}

export interface SettingsView {
  organisations: Array<{ code: string; name: string }>;
  organisationCode: string;
  values: ProviderSettings;
  hasSecret: boolean;
  redirectUri: string;
  signedOutUri: string;
  errors?: FieldError[] | undefined;
  error?: AppError | undefined;
  saved?: { reachable: boolean; endSession: boolean } | undefined;
}

export function SignInSettingsPage(props: SettingsView) {
  const { t, lang } = usePage();
  const { values } = props;
  const action = `/${lang}/admin/sign-in?organisation=${encodeURIComponent(props.organisationCode)}`;
  return (
    <Layout title={t('oidc.settings.title')} backOffice section="sign-in">
      <Heading1>{t('oidc.settings.title')}</Heading1>
      <Paragraph>{t('oidc.settings.intro')}</Paragraph>
      {props.saved && (
        <Alert type={props.saved.reachable ? 'ok' : 'warning'}>
          {props.saved.reachable
            ? t(props.saved.endSession ? 'oidc.settings.savedReachable' : 'oidc.settings.savedNoEndSession')
            : t('oidc.settings.savedUnreachable')}
        </Alert>
      )}
      <ErrorSummary errors={props.errors} />
      {props.error && !props.errors?.length && <Alert type="error">{t(`errors.${props.error.code}`, props.error.options.values)}</Alert>}
      {props.organisations.length > 1 && (
        <form method="get" action={`/${lang}/admin/sign-in`} class="utrecht-form">
          <SelectField
            name="organisation"
            label={t('oidc.settings.organisation')}
            value={props.organisationCode}
            options={props.organisations.map((organisation) => ({ value: organisation.code, label: organisation.name }))}
          />
          <SubmitButton variant="secondary">{t('oidc.settings.choose')}</SubmitButton>
        </form>
      )}
      <h2 class="utrecht-heading-2">{t('oidc.settings.registerTitle')}</h2>
      <Paragraph>{t('oidc.settings.registerIntro')}</Paragraph>
      <dl class="utrecht-data-list">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t('oidc.settings.redirectUri')}</dt>
          <dd class="utrecht-data-list__item-value">
            <code>{props.redirectUri}</code>
          </dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t('oidc.settings.signedOutUri')}</dt>
          <dd class="utrecht-data-list__item-value">
            <code>{props.signedOutUri}</code>
          </dd>
        </div>
      </dl>
      <Form action={action}>
        {values.version !== null && <input type="hidden" name="version" value={String(values.version)} />}
        <CheckboxField name="enabled" label={t('oidc.settings.enabled')} checked={values.enabled} errors={props.errors} />
        <TextField
          name="issuer"
          type="url"
          label={t('oidc.settings.issuer')}
          description={t('oidc.settings.issuerHint')}
          value={values.issuer}
          required
          errors={props.errors}
        />
        <TextField name="clientId" label={t('oidc.settings.clientId')} value={values.clientId} required maxLength={200} errors={props.errors} />
        <TextField
          name="clientSecret"
          type="password"
          label={t('oidc.settings.clientSecret')}
          description={t(props.hasSecret ? 'oidc.settings.clientSecretKept' : 'oidc.settings.clientSecretHint')}
          autocomplete="off"
          required={!props.hasSecret}
          maxLength={500}
          errors={props.errors}
        />
        <TextField
          name="scopes"
          label={t('oidc.settings.scopes')}
          description={t('oidc.settings.scopesHint')}
          value={values.scopes}
          maxLength={500}
          errors={props.errors}
        />
        <TextField
          name="domains"
          label={t('oidc.settings.domains')}
          description={t('oidc.settings.domainsHint')}
          value={values.domains}
          maxLength={1000}
          errors={props.errors}
        />
        <CheckboxField
          name="justInTime"
          label={t('oidc.settings.justInTime')}
          description={t('oidc.settings.justInTimeHint')}
          checked={values.justInTime}
          errors={props.errors}
        />
        <TextField
          name="roleClaim"
          label={t('oidc.settings.roleClaim')}
          description={t('oidc.settings.roleClaimHint')}
          value={values.roleClaim}
          maxLength={100}
          errors={props.errors}
        />
        <TextArea
          name="roleMap"
          label={t('oidc.settings.roleMap')}
          description={t('oidc.settings.roleMapHint')}
          value={values.roleMap}
          rows={5}
          maxLength={5000}
          errors={props.errors}
        />
        <SubmitButton>{t('oidc.settings.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}
