// Pages of citizen sign-in and "my space" (decision 0054): sign in (a link by e-mail, or the region's provider),
// the link's confirmation, and my space with the requests, appointments, tickets and invitations linked to the
// citizen, what is linked and why, and signing out.
import type { FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, ErrorSummary, Form, Heading1, Link, Paragraph, SubmitButton, Table, Text, TextField } from '../platform/views/components.tsx';
import { formatDate, formatDateTime } from '../platform/i18n/format.ts';
import type { CitizenIdentity, CitizenService } from './service.ts';

type Space = Awaited<ReturnType<CitizenService['space']>>;

function EmailForm(props: { next?: string | undefined; email?: string | undefined; errors?: FieldError[] | undefined; submit: string }) {
  const { t, lang } = usePage();
  return (
    <Form action={`/${lang}/my/sign-in`}>
      {props.next && <input type="hidden" name="next" value={props.next} />}
      <TextField
        name="email"
        type="email"
        label={t('citizens.signIn.email')}
        description={t('citizens.signIn.emailHint')}
        value={props.email}
        autocomplete="email"
        required
        errors={props.errors}
      />
      <SubmitButton>{props.submit}</SubmitButton>
    </Form>
  );
}

export function CitizenSignInPage(props: {
  providerName: string | undefined;
  next?: string | undefined;
  email?: string | undefined;
  errors?: FieldError[] | undefined;
  error?: string | undefined;
}) {
  const { t, lang } = usePage();
  const next = props.next ? `?next=${encodeURIComponent(props.next)}` : '';
  return (
    <Layout title={t('citizens.signIn.title')}>
      <Heading1>{t('citizens.signIn.title')}</Heading1>
      <Paragraph lead>{t('citizens.signIn.intro')}</Paragraph>
      <Paragraph>{t('citizens.signIn.optional')}</Paragraph>
      <ErrorSummary errors={props.errors} />
      {props.error && <Alert type="error">{t(props.error)}</Alert>}
      {props.providerName && (
        <section aria-labelledby="citizen-provider">
          <h2 class="utrecht-heading-2" id="citizen-provider">
            {t('citizens.signIn.providerTitle')}
          </h2>
          <p class="utrecht-paragraph">
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`/${lang}/my/provider${next}`}>
              {t('citizens.signIn.provider', { name: props.providerName })}
            </a>
          </p>
        </section>
      )}
      <section aria-labelledby="citizen-email">
        <h2 class="utrecht-heading-2" id="citizen-email">
          {t('citizens.signIn.emailTitle')}
        </h2>
        <Paragraph>{t('citizens.signIn.emailIntro')}</Paragraph>
        <EmailForm next={props.next} email={props.email} errors={props.errors} submit={t('citizens.signIn.send')} />
      </section>
    </Layout>
  );
}

export function LinkSentPage(props: { email: string }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('citizens.sent.title')}>
      <Heading1>{t('citizens.sent.title')}</Heading1>
      <Paragraph lead>{t('citizens.sent.intro', { email: props.email })}</Paragraph>
      <Paragraph>{t('citizens.sent.next')}</Paragraph>
      <Paragraph>
        <Link href={`/${lang}/my`}>{t('citizens.sent.again')}</Link>
      </Paragraph>
    </Layout>
  );
}

export function ConfirmLinkPage(props: { token: string; live: boolean }) {
  const { t, lang } = usePage();
  if (!props.live) {
    return (
      <Layout title={t('citizens.confirm.expiredTitle')}>
        <Heading1>{t('citizens.confirm.expiredTitle')}</Heading1>
        <Paragraph>{t('errors.citizens.linkExpired')}</Paragraph>
        <Paragraph>
          <Link href={`/${lang}/my`}>{t('citizens.sent.again')}</Link>
        </Paragraph>
      </Layout>
    );
  }
  return (
    <Layout title={t('citizens.confirm.title')}>
      <Heading1>{t('citizens.confirm.title')}</Heading1>
      <Paragraph>{t('citizens.confirm.intro')}</Paragraph>
      <Form action={`/${lang}/my/sign-in/${props.token}`}>
        <SubmitButton>{t('citizens.confirm.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

const orgName = (name: Record<string, string> | null, lang: 'fr' | 'nl' | 'en', fallback: string) => (name ? (name[lang] ?? name.fr ?? fallback) : fallback);

function invitationState(invitation: { answeredAt: Date | null; expiresAt: Date }, now: Date): 'answered' | 'expired' | 'open' {
  if (invitation.answeredAt) return 'answered';
  return new Date(invitation.expiresAt) < now ? 'expired' : 'open';
}

export function MySpacePage(props: { citizen: CitizenIdentity; space: Space; providerName: string | undefined; signedOutOfProvider?: boolean }) {
  const { t, lang } = usePage();
  const { citizen, space } = props;
  const now = new Date();
  const who = citizen.displayName ?? citizen.email ?? '';
  return (
    <Layout title={t('citizens.space.title')}>
      <Heading1>{t('citizens.space.title')}</Heading1>
      <Paragraph lead>{t('citizens.space.signedInAs', { name: who })}</Paragraph>
      <Form action={`/${lang}/my/sign-out`}>
        <SubmitButton variant="secondary">{t('citizens.space.signOut')}</SubmitButton>
      </Form>

      {!citizen.email && (
        <section aria-labelledby="space-address">
          <h2 class="utrecht-heading-2" id="space-address">
            {t('citizens.space.addressTitle')}
          </h2>
          <Paragraph>{t('citizens.space.addressIntro')}</Paragraph>
          <EmailForm submit={t('citizens.signIn.send')} />
        </section>
      )}

      <section aria-labelledby="space-requests">
        <h2 class="utrecht-heading-2" id="space-requests">
          {t('citizens.space.requests')}
        </h2>
        {space.requests.length === 0 ? (
          <Paragraph>{t('citizens.space.noRequests')}</Paragraph>
        ) : (
          <Table
            caption={t('citizens.space.requestsCaption')}
            head={[
              t('citizens.space.reference'),
              t('citizens.space.subject'),
              t('citizens.space.organisation'),
              t('citizens.space.status'),
              t('citizens.space.updated'),
            ]}
            rows={space.requests.map((request) => [
              <Link href={`/${lang}/my/requests/${request.reference}`}>{request.reference}</Link>,
              request.subject,
              orgName(request.organisationName, lang, ''),
              t(`contact.status.value.${request.status}`),
              <time dateTime={new Date(request.updatedAt).toISOString()}>{formatDate(new Date(request.updatedAt), lang)}</time>,
            ])}
          />
        )}
        <Paragraph>
          <Link href={`/${lang}/contact`}>{t('citizens.space.newRequest')}</Link>
        </Paragraph>
      </section>

      <section aria-labelledby="space-appointments">
        <h2 class="utrecht-heading-2" id="space-appointments">
          {t('citizens.space.appointments')}
        </h2>
        {space.appointments.length === 0 ? (
          <Paragraph>{t('citizens.space.noAppointments')}</Paragraph>
        ) : (
          <Table
            caption={t('citizens.space.appointmentsCaption')}
            head={[t('citizens.space.when'), t('citizens.space.service'), t('citizens.space.place'), t('citizens.space.status'), t('citizens.space.actions')]}
            rows={space.appointments.map((appointment) => [
              <time dateTime={new Date(appointment.startsAt).toISOString()}>{formatDateTime(new Date(appointment.startsAt), lang)}</time>,
              <Text value={appointment.serviceName} />,
              <Text value={appointment.pointName} />,
              t(`appointments.status.${appointment.status}`),
              appointment.status === 'booked' && new Date(appointment.startsAt) > now ? (
                <a class="utrecht-link" href={`/${lang}/my/appointments/${appointment.id}`}>
                  {t('citizens.space.manage')}
                  <span class="visually-hidden"> {appointment.reference}</span>
                </a>
              ) : (
                appointment.reference
              ),
            ])}
          />
        )}
        <Paragraph>
          <Link href={`/${lang}/appointments`}>{t('citizens.space.newAppointment')}</Link>
        </Paragraph>
      </section>

      <section aria-labelledby="space-tickets">
        <h2 class="utrecht-heading-2" id="space-tickets">
          {t('citizens.space.tickets')}
        </h2>
        {space.tickets.length === 0 ? (
          <Paragraph>{t('citizens.space.noTickets')}</Paragraph>
        ) : (
          <Table
            caption={t('citizens.space.ticketsCaption')}
            head={[t('citizens.space.ticket'), t('citizens.space.day'), t('citizens.space.place'), t('citizens.space.status')]}
            rows={space.tickets.map((ticket) => [
              ticket.label,
              <time dateTime={ticket.day}>{formatDate(new Date(`${ticket.day}T12:00:00Z`), lang)}</time>,
              <Text value={ticket.pointName} />,
              t(`citizens.ticket.${ticket.status}`),
            ])}
          />
        )}
      </section>

      <section aria-labelledby="space-invitations">
        <h2 class="utrecht-heading-2" id="space-invitations">
          {t('citizens.space.invitations')}
        </h2>
        {space.invitations.length === 0 ? (
          <Paragraph>{t('citizens.space.noInvitations')}</Paragraph>
        ) : (
          <>
            <Table
              caption={t('citizens.space.invitationsCaption')}
              head={[t('citizens.space.invitation'), t('citizens.space.organisation'), t('citizens.space.about'), t('citizens.space.status')]}
              rows={space.invitations.map((invitation) => [
                invitation.kind === 'survey' && invitation.title ? <Text value={invitation.title} /> : t('citizens.space.questionnaire'),
                orgName(invitation.organisationName, lang, t('citizens.space.region')),
                invitation.about ?? '',
                t(`citizens.invitation.${invitationState(invitation, now)}`),
              ])}
            />
            <Paragraph>{t('citizens.space.invitationsHint')}</Paragraph>
          </>
        )}
      </section>

      <section aria-labelledby="space-linked">
        <h2 class="utrecht-heading-2" id="space-linked">
          {t('citizens.space.linkedTitle')}
        </h2>
        <ul class="utrecht-unordered-list">
          {citizen.email && <li>{t('citizens.space.linkedEmail', { email: citizen.email })}</li>}
          {citizen.viaProvider && <li>{t('citizens.space.linkedProvider', { name: props.providerName ?? '' })}</li>}
          <li>{t('citizens.space.linkedTickets')}</li>
          <li>{t('citizens.space.linkedInvitations')}</li>
          <li>{t('citizens.space.linkedNationalNumber')}</li>
          <li>{t('citizens.space.linkedSession')}</li>
        </ul>
      </section>
    </Layout>
  );
}
