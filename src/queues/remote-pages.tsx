// The public page that gives a queue ticket online (decision 0061), reached from the contact-point page and the
// service page's list of places: the point's queues open to remote tickets with their wait (the one estimate,
// written by <WaitText>), how check-in works and until when, and an optional mobile number and e-mail address.
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, Heading1, Paragraph, Text, TextField } from '../platform/views/components.tsx';
import { usePage } from '../platform/views/context.ts';
import { pickText } from '../platform/i18n/languages.ts';
import { formatTime } from '../platform/i18n/format.ts';
import type { FieldError } from '../platform/http/errors.ts';
import type { RemoteOffer } from './remote-tickets.ts';
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
