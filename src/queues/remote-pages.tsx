// The public page that gives a queue ticket online (decision 0061), reached from the contact-point page and the
// service page's list of places: the point's queues open to remote tickets with their wait (the one estimate,
// written by <WaitText>), how check-in works and until when, and an optional mobile number and e-mail address.
// Also the managers' form of these settings for one point.
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, CheckboxField, ChoiceGroup, CsrfField, ErrorSummary, Heading1, Paragraph, Text, TextField } from '../platform/views/components.tsx';
import { usePage } from '../platform/views/context.ts';
import { pickText } from '../platform/i18n/languages.ts';
import { formatTime } from '../platform/i18n/format.ts';
import type { FieldError } from '../platform/http/errors.ts';
import type { RemoteOffer } from './remote-tickets.ts';
import type { RemoteSettingsView } from './remote-settings.ts';
import { remoteTicketPath, WaitText } from './pages.tsx';

export function RemoteTicketPage({
  offer,
  selected,
  errors,
  values,
}: {
  offer: RemoteOffer;
  selected?: string | undefined;
  errors?: FieldError[] | undefined;
  values?: { phone?: string | undefined; email?: string | undefined };
}) {
  const { t, lang } = usePage();
  const name = pickText(offer.point.name, lang).text;
  const available = offer.services.filter((s) => s.available);
  const full = offer.services.filter((s) => !s.available);
  const chosen = available.some((s) => s.wait.serviceCode === selected) ? selected : available.length === 1 ? available[0]!.wait.serviceCode : undefined;
  const label = (field: string) => t(`queues.remote.field.${field}`);
  return (
    <Layout title={t('queues.remote.title', { name })}>
      <Heading1>{t('queues.remote.title', { name })}</Heading1>
      <ErrorSummary errors={errors} labelOf={label} />
      <Paragraph lead>{t('queues.remote.intro')}</Paragraph>
      {offer.unavailable ? (
        <Alert type={offer.unavailable === 'not_offered' ? 'info' : 'warning'}>{t(`queues.remote.unavailable.${offer.unavailable}`)}</Alert>
      ) : (
        <>
          <Paragraph>{t('queues.remote.howItWorks', { time: formatTime(offer.checkInBy!, lang) })}</Paragraph>
          <form method="post" action={remoteTicketPath(lang, offer.point.id)} class="utrecht-form" noValidate>
            <CsrfField />
            <ChoiceGroup
              type="radio"
              name="serviceCode"
              legend={label('serviceCode')}
              required
              errors={errors}
              checked={chosen}
              options={available.map(({ wait }) => ({
                value: wait.serviceCode,
                label: <Text value={wait.name} />,
                hint: (
                  <>
                    {t('queues.wait.people', { count: wait.waiting })} · <WaitText estimate={wait.estimate} />
                  </>
                ),
              }))}
            />
            {full.length > 0 && (
              <Paragraph>
                {t('queues.remote.fullServices')}{' '}
                {full.map((s, index) => (
                  <>
                    {index > 0 && ', '}
                    <Text value={s.wait.name} />
                  </>
                ))}
              </Paragraph>
            )}
            <TextField
              name="phone"
              type="tel"
              label={label('phone')}
              description={t('queues.remote.phoneHelp')}
              value={values?.phone}
              errors={errors}
              autocomplete="tel"
              maxLength={40}
            />
            <TextField
              name="email"
              type="email"
              label={label('email')}
              description={t('queues.remote.emailHelp')}
              value={values?.email}
              errors={errors}
              autocomplete="email"
              maxLength={254}
            />
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              {t('queues.remote.submit')}
            </button>
          </form>
        </>
      )}
      <Paragraph>
        <a class="utrecht-link" href={`/${lang}/contact-points/${offer.point.id}`}>
          {t('queues.remote.back', { name })}
        </a>
      </Paragraph>
    </Layout>
  );
}

/**
 * The managers' form for tickets taken online at one contact point (remote-settings.ts). Numbers are text fields
 * (as GOV.UK advises): a wrong entry is shown back as typed, with its message.
 */
export function RemoteSettingsPage({
  view,
  errors,
  form,
  saved = false,
}: {
  view: RemoteSettingsView;
  errors?: FieldError[] | undefined;
  /** What was posted, shown again with the errors. */
  form?: Record<string, string | undefined> | undefined;
  saved?: boolean;
}) {
  const { t, lang } = usePage();
  const name = pickText(view.point.name, lang).text;
  const action = `/${lang}/queues/remote-tickets/${view.point.id}`;
  const checked = (field: string, stored: boolean) => (form ? form[field] === 'true' : stored);
  const value = (field: string, stored: number | null) => (form ? (form[field] ?? '') : stored === null ? '' : String(stored));
  const labelOf = (field: string) => {
    const service = view.services.find((s) => field === `cap-${s.serviceCode}`);
    return service ? `${t('queues.remote.settings.serviceCap')} (${pickText(service.name, lang).text})` : t(`queues.remote.settings.${field}`);
  };
  return (
    <Layout title={t('queues.remote.settings.title', { name })} backOffice section="queues">
      <Heading1>{t('queues.remote.settings.title', { name })}</Heading1>
      <ErrorSummary errors={errors} labelOf={labelOf} />
      {saved && <Alert type="ok">{t('queues.remote.settings.saved')}</Alert>}
      <Paragraph>{t('queues.remote.settings.intro')}</Paragraph>
      <form method="post" action={action} class="utrecht-form" noValidate>
        <CsrfField />
        <CheckboxField name="allowed" label={t('queues.remote.settings.allowed')} checked={checked('allowed', view.settings.allowed)} errors={errors} />
        <TextField
          name="dailyCap"
          label={t('queues.remote.settings.dailyCap')}
          description={t('queues.remote.settings.dailyCapHelp')}
          value={value('dailyCap', view.settings.dailyCap)}
          errors={errors}
          required
        />
        <TextField
          name="graceMinutes"
          label={t('queues.remote.settings.graceMinutes')}
          description={t('queues.remote.settings.graceMinutesHelp')}
          value={value('graceMinutes', view.settings.graceMinutes)}
          errors={errors}
          required
        />
        {view.services.map((service) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">
              {service.prefix} – <Text value={service.name} />
            </legend>
            <CheckboxField
              name={`remote-${service.serviceCode}`}
              label={t('queues.remote.settings.serviceAllowed')}
              checked={checked(`remote-${service.serviceCode}`, service.allowed)}
              errors={errors}
            />
            <TextField
              name={`cap-${service.serviceCode}`}
              label={t('queues.remote.settings.serviceCap')}
              description={t('queues.remote.settings.serviceCapHelp')}
              value={value(`cap-${service.serviceCode}`, service.dailyCap)}
              errors={errors}
            />
          </fieldset>
        ))}
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {t('queues.remote.settings.submit')}
        </button>
      </form>
      <Paragraph>
        <a class="utrecht-link" href={`/${lang}/queues`}>
          {t('queues.remote.settings.back')}
        </a>
      </Paragraph>
    </Layout>
  );
}
