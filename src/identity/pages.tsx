import type { AppError, FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, ErrorSummary, Form, Heading1, Link, Paragraph, SubmitButton, TextField } from '../platform/views/components.tsx';
import { backOfficeNavigation } from '../platform/views/navigation.ts';
import { PASSWORD_MIN_LENGTH } from './passwords.ts';

export function LoginPage(props: { next?: string | undefined; email?: string | undefined; errors?: FieldError[]; error?: AppError }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('login.title')}>
      <Heading1>{t('login.title')}</Heading1>
      <Paragraph>{t('login.intro')}</Paragraph>
      <ErrorSummary errors={props.errors} />
      {props.error && <Alert type="error">{t(`errors.${props.error.code}`, props.error.options.values)}</Alert>}
      <Form action={`/${lang}/login`}>
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <TextField name="email" type="email" label={t('field.email')} value={props.email} autocomplete="username" required errors={props.errors} />
        <TextField name="password" type="password" label={t('field.password')} autocomplete="current-password" required errors={props.errors} />
        <SubmitButton>{t('login.submit')}</SubmitButton>
      </Form>
      <Paragraph>
        <Link href={`/${lang}/login/sso${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`}>{t('oidc.signIn.link')}</Link>
      </Paragraph>
    </Layout>
  );
}

export function BackOfficeHomePage() {
  const { t, lang, actor } = usePage();
  if (!actor) return null;
  return (
    <Layout title={t('backOffice.title')} backOffice section="home">
      <Heading1>{t('backOffice.welcome', { name: actor.displayName })}</Heading1>
      <Paragraph>{t('backOffice.roles', { roles: actor.roles.map((role) => t(`role.${role}`)).join(', ') })}</Paragraph>
      <h2 class="utrecht-heading-2">{t('backOffice.tasks')}</h2>
      <ul class="utrecht-link-list">
        {backOfficeNavigation(actor)
          .filter((item) => item.section !== 'home')
          .map((item) => (
            <li class="utrecht-link-list__item">
              <a class="utrecht-link" href={`/${lang}${item.path}`}>
                {t(item.label)}
              </a>
            </li>
          ))}
      </ul>
    </Layout>
  );
}

export function PasswordPage(props: { errors?: FieldError[] | undefined; changed?: boolean }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('password.title')} backOffice section="password">
      <Heading1>{t('password.title')}</Heading1>
      {props.changed && <Alert type="ok">{t('password.changed')}</Alert>}
      <ErrorSummary errors={props.errors} />
      <Form action={`/${lang}/account/password`}>
        <TextField name="currentPassword" type="password" label={t('field.currentPassword')} autocomplete="current-password" required errors={props.errors} />
        <TextField
          name="newPassword"
          type="password"
          label={t('field.newPassword')}
          description={t('password.rule', { min: PASSWORD_MIN_LENGTH })}
          autocomplete="new-password"
          required
          errors={props.errors}
        />
        <TextField name="confirmPassword" type="password" label={t('field.confirmPassword')} autocomplete="new-password" required errors={props.errors} />
        <SubmitButton>{t('password.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
