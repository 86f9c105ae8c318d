// Back-office screens for organisations, units and staff accounts.
import type { FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import {
  Alert,
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  Table,
  Text,
  TextField,
} from '../platform/views/components.tsx';
import { formatDateTime } from '../platform/i18n/format.ts';
import { LANGUAGES, LANGUAGE_NAMES, pickText } from '../platform/i18n/languages.ts';
import { hasRole, ROLES } from '../identity/actor.ts';
import { canChangeAccount, grantableRoles, ORGANISATION_ROLES } from './authorisation.ts';
import { ORGANISATION_KINDS, type Account, type Organisation, type Unit } from './repository.ts';

type FormValues = Record<string, string | string[] | undefined>;
const value = (values: FormValues | undefined, name: string) => {
  const raw = values?.[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

function NameFields({ errors, values }: { errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { t } = usePage();
  return (
    <>
      <TextField name="nameFr" label={t('field.nameFr')} value={value(values, 'nameFr')} required maxLength={200} errors={errors} />
      <TextField name="nameNl" label={t('field.nameNl')} value={value(values, 'nameNl')} required maxLength={200} errors={errors} />
      <TextField name="nameEn" label={t('field.nameEn')} value={value(values, 'nameEn')} required maxLength={200} errors={errors} />
    </>
  );
}

export function OrganisationsPage(props: { organisations: Organisation[]; errors?: FieldError[]; values?: FormValues }) {
  const { t, lang, actor } = usePage();
  return (
    <Layout title={t('organisations.title')} backOffice section="organisations">
      <Heading1>{t('organisations.title')}</Heading1>
      <Table
        caption={t('organisations.tableCaption', { count: props.organisations.length })}
        head={[t('field.name'), t('field.code'), t('field.kind')]}
        rows={props.organisations.map((org) => [
          <Link href={`/${lang}/admin/organisations/${org.code}`}>
            <Text value={org.name} />
          </Link>,
          <code>{org.code}</code>,
          t(`organisationKind.${org.kind}`),
        ])}
      />
      {hasRole(actor, 'platform_admin') && (
        <section aria-labelledby="new-organisation">
          <h2 class="utrecht-heading-2" id="new-organisation">
            {t('organisations.new')}
          </h2>
          <ErrorSummary errors={props.errors} />
          <Form action={`/${lang}/admin/organisations`}>
            <TextField
              name="code"
              label={t('field.code')}
              description={t('field.codeHint')}
              value={value(props.values, 'code')}
              required
              errors={props.errors}
            />
            <SelectField
              name="kind"
              label={t('field.kind')}
              value={value(props.values, 'kind')}
              options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`organisationKind.${kind}`) }))}
              errors={props.errors}
            />
            <NameFields errors={props.errors} values={props.values} />
            <SubmitButton>{t('organisations.create')}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function OrganisationPage(props: { organisation: Organisation; units: Unit[]; errors?: FieldError[]; values?: FormValues; twoFactorSaved?: boolean }) {
  const { t, lang } = usePage();
  const { organisation } = props;
  const name = pickText(organisation.name, lang);
  return (
    <Layout title={name.text} backOffice section="organisations">
      <Heading1>
        <Text value={organisation.name} />
      </Heading1>
      <Paragraph>
        {t(`organisationKind.${organisation.kind}`)} · <code>{organisation.code}</code>
      </Paragraph>
      {organisation.mission && (
        <Paragraph>
          <Text value={organisation.mission} />
        </Paragraph>
      )}
      <Table
        caption={t('units.tableCaption', { count: props.units.length })}
        head={[t('field.name'), t('field.code')]}
        rows={props.units.map((unit) => [<Text value={unit.name} />, <code>{unit.code}</code>])}
      />
      <section aria-labelledby="two-factor">
        <h2 class="utrecht-heading-2" id="two-factor">
          {t('organisation.twoFactorTitle')}
        </h2>
        {props.twoFactorSaved && <Alert type="ok">{t('organisation.twoFactorSaved')}</Alert>}
        <Form action={`/${lang}/admin/organisations/${organisation.code}/two-factor`}>
          <CheckboxField
            name="twoFactorRequired"
            label={t('organisation.twoFactorRequired')}
            description={t('organisation.twoFactorHint')}
            checked={organisation.twoFactorRequired}
          />
          <SubmitButton variant="secondary">{t('organisation.twoFactorSubmit')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="new-unit">
        <h2 class="utrecht-heading-2" id="new-unit">
          {t('units.new')}
        </h2>
        <ErrorSummary errors={props.errors} />
        <Form action={`/${lang}/admin/organisations/${organisation.code}/units`}>
          <TextField name="code" label={t('field.code')} description={t('field.codeHint')} value={value(props.values, 'code')} required errors={props.errors} />
          <NameFields errors={props.errors} values={props.values} />
          <SubmitButton>{t('units.create')}</SubmitButton>
        </Form>
      </section>
    </Layout>
  );
}

export function AccountsPage({ accounts }: { accounts: Account[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('accounts.title')} backOffice section="accounts">
      <Heading1>{t('accounts.title')}</Heading1>
      <div class="irisdesk-actions">
        <a class="utrecht-button-link utrecht-button-link--primary-action utrecht-button utrecht-button--primary-action" href={`/${lang}/admin/accounts/new`}>
          {t('accounts.new')}
        </a>
      </div>
      <Table
        caption={t('accounts.tableCaption', { count: accounts.length })}
        head={[t('field.displayName'), t('field.organisation'), t('field.roles'), t('field.status')]}
        rows={accounts.map((account) => [
          <Link href={`/${lang}/admin/accounts/${account.id}`}>{account.displayName}</Link>,
          <code>{account.organisationCode}</code>,
          account.roles.map((role) => t(`role.${role}`)).join(', '),
          account.active ? t('accounts.active') : t('accounts.inactive'),
        ])}
      />
    </Layout>
  );
}

export function AccountFormPage(props: {
  choices: Array<{ organisation: Organisation; units: Unit[] }>;
  account?: Account;
  errors?: FieldError[] | undefined;
  values?: FormValues;
  notice?: 'created' | 'saved' | undefined;
}) {
  const { t, lang, actor } = usePage();
  const { account } = props;
  const title = account ? account.displayName : t('accounts.new');
  // Only the roles the actor may grant are offered; one's own roles are shown, never offered.
  const roles = account ? grantableRoles(actor, account) : hasRole(actor, 'platform_admin') ? [...ROLES] : [...ORGANISATION_ROLES];
  const ownAccount = !!account && account.id === actor?.accountId;
  const checkedRoles = (props.values?.roles as string[] | undefined) ?? account?.roles ?? [];
  const checkedUnits = (props.values?.unitIds as string[] | undefined) ?? account?.unitIds ?? [];
  const allUnits = props.choices.flatMap((choice) =>
    choice.units.map((unit) => ({ value: unit.id, label: `${pickText(unit.name, lang).text} (${choice.organisation.code})` })),
  );
  return (
    <Layout title={title} backOffice section="accounts">
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t(`accounts.${props.notice}`)}</Alert>}
      {account?.lockedUntil && account.lockedUntil > new Date() && (
        <Alert type="warning">{t('accounts.lockedUntil', { time: formatDateTime(account.lockedUntil, lang) })}</Alert>
      )}
      <ErrorSummary errors={props.errors} />
      {account && !canChangeAccount(actor, account) ? (
        <>
          <Paragraph>
            {t('field.email')}: <strong>{account.email}</strong> · {t('field.organisation')}: <code>{account.organisationCode}</code> · {t('field.roles')}:{' '}
            {account.roles.map((role) => t(`role.${role}`)).join(', ')}
          </Paragraph>
          <Alert type="info">{t('accounts.notChangeable')}</Alert>
        </>
      ) : (
        <Form action={account ? `/${lang}/admin/accounts/${account.id}` : `/${lang}/admin/accounts`}>
          {account ? (
            <>
              <input type="hidden" name="version" value={String(account.version)} />
              <Paragraph>
                {t('field.email')}: <strong>{account.email}</strong> · {t('field.organisation')}: <code>{account.organisationCode}</code>
              </Paragraph>
            </>
          ) : (
            <>
              <SelectField
                name="organisationCode"
                label={t('field.organisation')}
                value={value(props.values, 'organisationCode')}
                options={props.choices.map((choice) => ({
                  value: choice.organisation.code,
                  label: pickText(choice.organisation.name, lang).text,
                }))}
                errors={props.errors}
              />
              <TextField
                name="email"
                type="email"
                label={t('field.email')}
                value={value(props.values, 'email')}
                autocomplete="off"
                required
                errors={props.errors}
              />
            </>
          )}
          <TextField
            name="displayName"
            label={t('field.displayName')}
            value={value(props.values, 'displayName') ?? account?.displayName}
            required
            maxLength={120}
            errors={props.errors}
          />
          {!account && (
            <TextField
              name="password"
              type="password"
              label={t('field.initialPassword')}
              description={t('password.rule', { min: 12 })}
              autocomplete="new-password"
              required
              errors={props.errors}
            />
          )}
          <SelectField
            name="preferredLanguage"
            label={t('field.preferredLanguage')}
            value={value(props.values, 'preferredLanguage') ?? account?.preferredLanguage ?? lang}
            options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
            errors={props.errors}
          />
          {ownAccount ? (
            <>
              <Paragraph>
                {t('field.roles')}: {account.roles.map((role) => t(`role.${role}`)).join(', ')} — {t('accounts.ownRolesHint')}
              </Paragraph>
              {account.roles.map((role) => (
                <input type="hidden" name="roles" value={role} />
              ))}
            </>
          ) : (
            <CheckboxGroup
              name="roles"
              legend={t('field.roles')}
              options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
              checked={checkedRoles}
              errors={props.errors}
            />
          )}
          {allUnits.length > 0 && <CheckboxGroup name="unitIds" legend={t('field.units')} options={allUnits} checked={checkedUnits} errors={props.errors} />}
          {account && (
            <CheckboxGroup
              name="active"
              legend={t('field.status')}
              options={[{ value: 'true', label: t('accounts.active') }]}
              checked={account.active ? ['true'] : []}
            />
          )}
          <SubmitButton>{account ? t('accounts.save') : t('accounts.create')}</SubmitButton>
        </Form>
      )}
      {account && !ownAccount && canChangeAccount(actor, account) && (
        <Paragraph>
          <Link href={`/${lang}/admin/accounts/${account.id}/two-factor`}>{t('identity.twoFactorReset.link', { name: account.displayName })}</Link>
        </Paragraph>
      )}
    </Layout>
  );
}
