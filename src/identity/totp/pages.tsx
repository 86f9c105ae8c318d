// Pages of two-factor sign-in: the code after the password, enrolment (at sign-in or from the account page),
// the recovery codes shown once, and the account page that turns it on or off.
import type { AppError, FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, ErrorSummary, Form, Heading1, Paragraph, SubmitButton, TextField } from '../../platform/views/components.tsx';
import { QrCode } from '../../platform/views/QrCode.tsx';

type Problems = { errors?: FieldError[] | undefined; error?: AppError | undefined };

function Problem({ errors, error }: Problems) {
  const { t } = usePage();
  return (
    <>
      <ErrorSummary errors={errors} />
      {error && !errors && <Alert type="error">{t(`errors.${error.code}`, error.options.values)}</Alert>}
    </>
  );
}

function CodeField({ errors, labelKey = 'twoFactor.code' }: { errors?: FieldError[] | undefined; labelKey?: string }) {
  const { t } = usePage();
  return (
    <TextField name="code" label={t(labelKey)} description={t('twoFactor.codeHint')} autocomplete="one-time-code" required maxLength={40} errors={errors} />
  );
}

/** The second step of signing in: a code of the app, or a recovery code. */
export function TwoFactorPage(props: Problems & { next?: string | undefined }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('twoFactor.verifyTitle')}>
      <Heading1>{t('twoFactor.verifyTitle')}</Heading1>
      <Paragraph>{t('twoFactor.verifyIntro')}</Paragraph>
      <Problem {...props} />
      <Form action={`/${lang}/login/two-factor`}>
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <TextField
          name="code"
          label={t('twoFactor.codeOrRecovery')}
          description={t('twoFactor.recoveryHint')}
          autocomplete="one-time-code"
          required
          maxLength={40}
          errors={props.errors}
        />
        <SubmitButton>{t('twoFactor.verifySubmit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** Scan (or type) the secret, then confirm with a first code. */
function Enrolment(props: Problems & { action: string; uri: string; secret: string; next?: string | undefined }) {
  const { t } = usePage();
  return (
    <>
      <Paragraph>{t('twoFactor.enrolIntro')}</Paragraph>
      <Problem {...props} />
      <QrCode value={props.uri} label={t('twoFactor.qrLabel')} linkText={t('twoFactor.qrLink')} />
      <p class="utrecht-paragraph">
        {t('twoFactor.secretText')} <code class="irisdesk-secret">{props.secret}</code>
      </p>
      <Form action={props.action}>
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <CodeField errors={props.errors} labelKey="twoFactor.firstCode" />
        <SubmitButton>{t('twoFactor.enrolSubmit')}</SubmitButton>
      </Form>
    </>
  );
}

/** At sign-in, for an account that must have a second factor and has none yet. */
export function EnrolAtSignInPage(props: Problems & { uri: string; secret: string; next?: string | undefined }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('twoFactor.enrolTitle')}>
      <Heading1>{t('twoFactor.enrolTitle')}</Heading1>
      <Alert type="info">{t('twoFactor.enrolRequired')}</Alert>
      <Enrolment {...props} action={`/${lang}/login/two-factor/enrol`} />
    </Layout>
  );
}

/** The recovery codes, shown this once. */
export function RecoveryCodesPage(props: { codes: string[]; continueTo: string; backOffice?: boolean }) {
  const { t } = usePage();
  return (
    <Layout title={t('twoFactor.recoveryTitle')} backOffice={props.backOffice} section="two-factor">
      <Heading1>{t('twoFactor.recoveryTitle')}</Heading1>
      <Alert type="ok">{t('twoFactor.enabled')}</Alert>
      <Paragraph>{t('twoFactor.recoveryIntro', { count: props.codes.length })}</Paragraph>
      <ul class="irisdesk-recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={props.continueTo}>
          {t('twoFactor.continue')}
        </a>
      </p>
    </Layout>
  );
}

/** The account page: turn the second factor on, or off when it is not required. */
export function AccountTwoFactorPage(
  props: Problems & {
    enabled: boolean;
    required: boolean;
    recoveryCodesLeft: number;
    enrolment?: { uri: string; secret: string } | undefined;
    turnedOff?: boolean;
  },
) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('twoFactor.accountTitle')} backOffice section="two-factor">
      <Heading1>{t('twoFactor.accountTitle')}</Heading1>
      {props.turnedOff && <Alert type="ok">{t('twoFactor.disabled')}</Alert>}
      {props.required && <Paragraph>{t('twoFactor.requiredForYou')}</Paragraph>}
      {props.enabled ? (
        <>
          <Paragraph>{t('twoFactor.isOn', { count: props.recoveryCodesLeft })}</Paragraph>
          {!props.required && (
            <>
              <h2 class="utrecht-heading-2">{t('twoFactor.disableTitle')}</h2>
              <Problem {...props} />
              <Form action={`/${lang}/account/two-factor/disable`}>
                <CodeField errors={props.errors} />
                <SubmitButton variant="secondary">{t('twoFactor.disableSubmit')}</SubmitButton>
              </Form>
            </>
          )}
        </>
      ) : (
        props.enrolment && <Enrolment {...props} {...props.enrolment} action={`/${lang}/account/two-factor`} />
      )}
    </Layout>
  );
}
