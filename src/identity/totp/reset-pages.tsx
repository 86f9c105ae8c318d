// The page where an administrator resets a colleague's two-step sign-in (decision 0059): the person, the state of
// their second factor, and the form with the reason (required, told to the person and kept in the audit log).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, ErrorSummary, Form, Heading1, Link, Paragraph, SubmitButton, TextArea } from '../../platform/views/components.tsx';
import { RESET_REASON_MAX } from './reset.ts';

export interface ResetStatus {
  account: { id: string; displayName: string; email: string };
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
  allowed: boolean;
}

export function TwoFactorResetPage(
  props: ResetStatus & { errors?: FieldError[] | undefined; reason?: string | undefined; done?: 'required' | 'optional' | undefined },
) {
  const { t, lang } = usePage();
  const { account } = props;
  const title = t('identity.twoFactorReset.title', { name: account.displayName });
  const label = (field: string) => (field === 'reason' ? t('identity.twoFactorReset.reason') : t(`field.${field}`));
  return (
    <Layout title={title} backOffice section="accounts">
      <Heading1>{title}</Heading1>
      {props.done && <Alert type="ok">{t(`identity.twoFactorReset.done.${props.done}`, { name: account.displayName, email: account.email })}</Alert>}
      <Paragraph>
        {props.enabled
          ? t('identity.twoFactorReset.stateOn', { codes: props.recoveryCodesLeft })
          : t(props.required ? 'identity.twoFactorReset.stateOffRequired' : 'identity.twoFactorReset.stateOff')}
      </Paragraph>
      {props.enabled && props.allowed && (
        <>
          <Paragraph>{t(props.required ? 'identity.twoFactorReset.introRequired' : 'identity.twoFactorReset.introOptional')}</Paragraph>
          <ErrorSummary errors={props.errors} labelOf={label} />
          <Form action={`/${lang}/admin/accounts/${account.id}/two-factor/reset`}>
            <TextArea
              name="reason"
              label={t('identity.twoFactorReset.reason')}
              description={t('identity.twoFactorReset.reasonHint')}
              value={props.reason}
              required
              maxLength={RESET_REASON_MAX}
              rows={3}
              errors={props.errors}
            />
            <SubmitButton>{t('identity.twoFactorReset.submit')}</SubmitButton>
          </Form>
        </>
      )}
      {props.enabled && !props.allowed && <Alert type="info">{t('identity.twoFactorReset.notYours')}</Alert>}
      <Paragraph>
        <Link href={`/${lang}/admin/accounts/${account.id}`}>{t('identity.twoFactorReset.back', { name: account.displayName })}</Link>
      </Paragraph>
    </Layout>
  );
}
