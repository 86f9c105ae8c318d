// Screens of contact points: the public page (address, accessibility, languages, channels, weekly hours,
// open now / next change, holiday closures) and the back-office list and form. Components used by other
// modules: <OpeningStatusText status={…} /> and <ContactPointCard contactPoint={…} /> (the one card of a contact point).
import type { FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import {
  Alert,
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
  TextArea,
  TextField,
} from '../platform/views/components.tsx';
import { formatDate, formatDateTime, formatTime } from '../platform/i18n/format.ts';
import { LOCALES, pickText, type Language } from '../platform/i18n/languages.ts';
import { brusselsDate, addDays } from '../platform/calendar/brussels-time.ts';
import { HOLIDAY_CALENDARS } from '../platform/calendar/holidays.ts';
import type { Organisation } from '../organisations/service.ts';
import {
  ACCESSIBILITY_FEATURES,
  CHANNELS,
  CONTACT_LANGUAGES,
  type ContactPointDetail,
  type ContactPointSummary,
  type DayHours,
  type OpeningStatus,
} from './service.ts';
import { ContactPointWaitSection, WaitText } from '../queues/pages.tsx';
import type { WaitEstimate } from '../queues/wait-estimate.ts';
import { hoursInWords, openingHoursInWords } from '../platform/calendar/opening-hours.ts';
import { jsonForScript } from '../platform/views/render.tsx';
import { contactPointJsonLd } from './jsonld.ts';
import type { WaitReport } from '../queues/service.ts';

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

export function languageName(code: string, lang: Language): string {
  try {
    return capitalise(new Intl.DisplayNames([LOCALES[lang]], { type: 'language' }).of(code) ?? code);
  } catch {
    return code;
  }
}

/** "Open now – closes at 12:30" / "Closed now – opens tomorrow at 09:00", in the page language. */
export function OpeningStatusText({ status, now = new Date() }: { status: OpeningStatus; now?: Date }) {
  const { t, lang } = usePage();
  let next = '';
  if (status.nextChange) {
    const at = new Date(status.nextChange.at);
    const time = formatTime(at, lang);
    const day = brusselsDate(at);
    const today = brusselsDate(now);
    const dayName = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', timeZone: 'Europe/Brussels' }).format(at);
    if (status.nextChange.kind === 'closes') {
      next = day === today ? t('contactPoints.status.closesToday', { time }) : t('contactPoints.status.closesOn', { day: dayName, time });
    } else if (day === today) next = t('contactPoints.status.opensToday', { time });
    else if (day === addDays(today, 1)) next = t('contactPoints.status.opensTomorrow', { time });
    else next = t('contactPoints.status.opensOn', { day: dayName, time });
  } else if (!status.openNow) {
    next = t('contactPoints.status.notSoon');
  }
  return (
    <span class={`irisdesk-opening-status irisdesk-opening-status--${status.openNow ? 'open' : 'closed'}`}>
      <strong>{status.openNow ? t('contactPoints.status.open') : t('contactPoints.status.closed')}</strong>
      {next && <> – {next}</>}
    </span>
  );
}

function AddressLines({ contactPoint }: { contactPoint: ContactPointSummary }) {
  const { lang } = usePage();
  // Brussels addresses are bilingual; the page language picks French or Dutch (English readers get French).
  const side: 'fr' | 'nl' = lang === 'nl' ? 'nl' : 'fr';
  const { address } = contactPoint;
  return (
    <address>
      <span lang={side}>
        {address.street[side]} {address.number}
      </span>
      <br />
      <span lang={side}>
        {address.postalCode} {address.municipality[side]}
      </span>
    </address>
  );
}

/**
 * The one card of a contact point in lists (a service's "where do I go?", an organisation's page): its name,
 * whether it is open now, its address, how to reach it and its languages; what the caller knows is added
 * (today's queue wait, whether the service needs an appointment).
 */
export function ContactPointCard({
  contactPoint,
  headingLevel = 3,
  now,
  wait,
  remoteTicketUrl,
  appointment,
}: {
  contactPoint: ContactPointSummary;
  headingLevel?: 2 | 3 | 4;
  now?: Date;
  /** Today's queue wait (the one estimate of queues/wait-estimate.ts). */
  wait?: WaitEstimate | undefined;
  /** The page that gives a queue ticket online here (queues, decision 0061), when the point does. */
  remoteTicketUrl?: string | undefined;
  /** Whether the service the card is shown for needs an appointment. */
  appointment?: boolean | undefined;
}) {
  const { t, lang } = usePage();
  const Heading = `h${headingLevel}` as const;
  return (
    <div class="irisdesk-card irisdesk-contact-point-card">
      <Heading class={`utrecht-heading-${headingLevel}`}>
        <Link href={`/${lang}/contact-points/${contactPoint.id}`}>
          <Text value={contactPoint.name} />
        </Link>
        {contactPoint.demo && <> ({t('contactPoints.demoBadge')})</>}
      </Heading>
      <Paragraph>
        <OpeningStatusText status={contactPoint.status} now={now} />
      </Paragraph>
      <dl class="irisdesk-facts">
        <dt>{t('contactPoints.address')}</dt>
        <dd>
          <AddressLines contactPoint={contactPoint} />
        </dd>
        {contactPoint.channels.length > 0 && (
          <>
            <dt>{t('catalogue.cp.channels')}</dt>
            <dd>{contactPoint.channels.map((c) => t(`catalogue.cpChannel.${c}`)).join(', ')}</dd>
          </>
        )}
        {wait !== undefined && (
          <>
            <dt>{t('queues.wait.title')}</dt>
            <dd>
              <WaitText estimate={wait} />
              {remoteTicketUrl && (
                <>
                  {' – '}
                  <a class="utrecht-link" href={remoteTicketUrl}>
                    {t('queues.remote.link')}
                  </a>
                </>
              )}
            </dd>
          </>
        )}
        {appointment !== undefined && (
          <>
            <dt>{t('catalogue.field.appointment')}</dt>
            <dd>{appointment ? t('catalogue.appointment.yes') : t('catalogue.appointment.no')}</dd>
          </>
        )}
        {contactPoint.phone && (
          <>
            <dt>{t('contactPoints.phone')}</dt>
            <dd>
              <a class="utrecht-link" href={`tel:${contactPoint.phone.replace(/[^+\d]/g, '')}`}>
                {contactPoint.phone}
              </a>
            </dd>
          </>
        )}
        {contactPoint.email && (
          <>
            <dt>{t('contactPoints.email')}</dt>
            <dd>
              <a class="utrecht-link" href={`mailto:${contactPoint.email}`}>
                {contactPoint.email}
              </a>
            </dd>
          </>
        )}
        {contactPoint.accessibility.length > 0 && (
          <>
            <dt>{t('contactPoints.accessibility')}</dt>
            <dd>{contactPoint.accessibility.map((a) => t(`catalogue.cpAccess.${a}`)).join(', ')}</dd>
          </>
        )}
        {contactPoint.languages.length > 0 && (
          <>
            <dt>{t('contactPoints.languages')}</dt>
            <dd>{contactPoint.languages.map((code) => languageName(code, lang)).join(', ')}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

/** The regular week in words, consecutive days with the same hours together ("Tuesday to Friday, 9:00–13:00"). */
function WeeklyHours({ days }: { days: DayHours[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <Paragraph>{t('contactPoints.hoursRegular')}</Paragraph>
      <ul class="utrecht-unordered-list irisdesk-opening-hours">
        {openingHoursInWords(days, lang).map((line) => (
          <li class="utrecht-unordered-list__item">
            <strong>{line.days}</strong>, {line.hours}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The address as a link to a map: at the point's coordinates when known, else a search for the address. */
function mapUrl(contactPoint: ContactPointSummary): string {
  const { coordinates, address } = contactPoint;
  if (coordinates) {
    const { latitude, longitude } = coordinates;
    return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=18/${latitude}/${longitude}`;
  }
  const query = `${address.street.fr} ${address.number}, ${address.postalCode} ${address.municipality.fr}`;
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}

export function ContactPointPage({
  contactPoint,
  now = new Date(),
  queueWait,
  publicUrl = '',
}: {
  contactPoint: ContactPointDetail;
  now?: Date;
  queueWait?: WaitReport | undefined;
  publicUrl?: string;
}) {
  const { t, lang } = usePage();
  const name = pickText(contactPoint.name, lang);
  const jsonLd = contactPointJsonLd(contactPoint, lang, {
    publicUrl,
    featureName: (feature) => t(`contactPoints.feature.${feature}`),
    accessibilityLabel: t('contactPoints.accessibility'),
  });
  return (
    <Layout
      title={name.text}
      description={`${name.text}, ${jsonLd.address.streetAddress}, ${jsonLd.address.postalCode} ${jsonLd.address.addressLocality} – ${jsonLd.parentOrganization.name}`}
      head={<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }} />}
    >
      <Heading1>
        <Text value={contactPoint.name} />
      </Heading1>
      <Paragraph lead>{t('contactPoints.organisation', { organisation: pickText(contactPoint.organisation.name, lang).text })}</Paragraph>
      {contactPoint.demo && <Alert type="warning">{t('contactPoints.demoNotice')}</Alert>}
      <Paragraph>
        <OpeningStatusText status={contactPoint.status} now={now} />
      </Paragraph>
      {contactPoint.status.holidayToday && (
        <Paragraph>{t('contactPoints.status.holidayToday', { holiday: pickText(contactPoint.status.holidayToday.name, lang).text })}</Paragraph>
      )}
      <ContactPointWaitSection report={queueWait} title={t('contactPoints.waitToday')} />

      <h2 class="utrecht-heading-2">{t('contactPoints.address')}</h2>
      <AddressLines contactPoint={contactPoint} />
      <Paragraph>
        <a class="utrecht-link" href={mapUrl(contactPoint)}>
          {t('contactPoints.mapLinkAddress')}
        </a>
      </Paragraph>

      <h2 class="utrecht-heading-2">{t('contactPoints.hours')}</h2>
      <WeeklyHours days={contactPoint.weeklyHours} />

      <h2 class="utrecht-heading-2">{t('contactPoints.holidays')}</h2>
      {contactPoint.upcomingHolidays.length === 0 ? (
        <Paragraph>{t('contactPoints.holidaysNone')}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {contactPoint.upcomingHolidays.map((closure) => (
            <li class="utrecht-unordered-list__item">
              <strong>
                {formatDate(new Date(`${closure.holiday.date}T12:00:00Z`), lang)} ({pickText(closure.holiday.name, lang).text})
              </strong>
              , {hoursInWords(closure.intervals, lang)}
            </li>
          ))}
        </ul>
      )}

      {(contactPoint.channels.length > 0 || contactPoint.phone || contactPoint.email) && <h2 class="utrecht-heading-2">{t('contactPoints.channels')}</h2>}
      <ul class="utrecht-unordered-list">
        {contactPoint.channels.map((channel) => (
          <li class="utrecht-unordered-list__item">{t(`contactPoints.channel.${channel}`)}</li>
        ))}
        {contactPoint.phone && (
          <li class="utrecht-unordered-list__item">
            {t('contactPoints.phoneLabel')}{' '}
            <a class="utrecht-link" href={`tel:${contactPoint.phone.replaceAll(' ', '')}`}>
              {contactPoint.phone}
            </a>
          </li>
        )}
        {contactPoint.email && (
          <li class="utrecht-unordered-list__item">
            {t('contactPoints.emailLabel')}{' '}
            <a class="utrecht-link" href={`mailto:${contactPoint.email}`}>
              {contactPoint.email}
            </a>
          </li>
        )}
      </ul>

      {contactPoint.languages.length > 0 && <h2 class="utrecht-heading-2">{t('contactPoints.languages')}</h2>}
      <ul class="utrecht-unordered-list">
        {contactPoint.languages.map((code) => (
          <li class="utrecht-unordered-list__item">{languageName(code, lang)}</li>
        ))}
      </ul>

      <h2 class="utrecht-heading-2">{t('contactPoints.accessibility')}</h2>
      {contactPoint.accessibility.length === 0 ? (
        <Paragraph>{t('contactPoints.accessibilityNone')}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {contactPoint.accessibility.map((feature) => (
            <li class="utrecht-unordered-list__item">{t(`contactPoints.feature.${feature}`)}</li>
          ))}
        </ul>
      )}
      {contactPoint.accessibilityNote && pickText(contactPoint.accessibilityNote, lang).text && (
        <Paragraph>
          <Text value={contactPoint.accessibilityNote} />
        </Paragraph>
      )}
    </Layout>
  );
}

// ---- back office

export function ContactPointsAdminPage({ contactPoints, now = new Date() }: { contactPoints: ContactPointDetail[]; now?: Date }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('contactPoints.title')} backOffice section="contact-points">
      <Heading1>{t('contactPoints.title')}</Heading1>
      <div class="irisdesk-actions">
        <a
          class="utrecht-button-link utrecht-button-link--primary-action utrecht-button utrecht-button--primary-action"
          href={`/${lang}/admin/contact-points/new`}
        >
          {t('contactPoints.new')}
        </a>
      </div>
      <Table
        caption={t('contactPoints.tableCaption', { count: contactPoints.length })}
        head={[t('field.name'), t('field.organisation'), t('field.postalCode'), t('contactPoints.statusColumn')]}
        rows={contactPoints.map((cp) => [
          <Link href={`/${lang}/admin/contact-points/${cp.id}`}>
            <Text value={cp.name} />
          </Link>,
          <code>{cp.organisation.code}</code>,
          cp.address.postalCode,
          cp.active ? <OpeningStatusText status={cp.status} now={now} /> : t('contactPoints.inactive'),
        ])}
      />
    </Layout>
  );
}

export type FormValues = Record<string, string | string[] | undefined>;
const one = (values: FormValues | undefined, name: string) => {
  const raw = values?.[name];
  return Array.isArray(raw) ? raw[0] : raw;
};
const many = (values: FormValues | undefined, name: string): string[] | undefined => {
  const raw = values?.[name];
  return raw === undefined ? undefined : Array.isArray(raw) ? raw : [raw];
};

/** The form's fields as a contact point shows them (to prefill the edit form). */
export function formValuesOf(cp: ContactPointDetail): FormValues {
  return {
    code: cp.code,
    nameFr: cp.name.fr,
    nameNl: cp.name.nl,
    nameEn: cp.name.en,
    streetFr: cp.address.street.fr,
    streetNl: cp.address.street.nl,
    houseNumber: cp.address.number,
    postalCode: cp.address.postalCode,
    municipalityFr: cp.address.municipality.fr,
    municipalityNl: cp.address.municipality.nl,
    latitude: cp.coordinates ? String(cp.coordinates.latitude) : '',
    longitude: cp.coordinates ? String(cp.coordinates.longitude) : '',
    accessibility: cp.accessibility,
    accessibilityNoteFr: cp.accessibilityNote?.fr ?? '',
    accessibilityNoteNl: cp.accessibilityNote?.nl ?? '',
    accessibilityNoteEn: cp.accessibilityNote?.en ?? '',
    languages: cp.languages,
    channels: cp.channels,
    phone: cp.phone ?? '',
    email: cp.email ?? '',
    openingHours: cp.openingHours,
    holidayCalendar: cp.holidayCalendar,
    demo: cp.demo ? ['true'] : [],
    active: cp.active ? ['true'] : [],
  };
}

export function ContactPointFormPage(props: {
  contactPoint?: ContactPointDetail;
  organisations: Organisation[];
  values?: FormValues;
  errors?: FieldError[] | undefined;
  notice?: 'created' | 'saved' | undefined;
}) {
  const { t, lang } = usePage();
  const { contactPoint, errors } = props;
  const values = props.values ?? (contactPoint ? formValuesOf(contactPoint) : { active: ['true'], holidayCalendar: 'brussels', languages: ['fr', 'nl'] });
  const title = contactPoint ? pickText(contactPoint.name, lang).text : t('contactPoints.new');
  const field = (
    name: string,
    label: string,
    extra: { required?: boolean; maxLength?: number; type?: 'text' | 'email' | 'tel'; description?: string } = {},
  ) => <TextField name={name} label={label} value={one(values, name)} errors={errors} {...extra} />;
  return (
    <Layout title={title} backOffice section="contact-points">
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t(`contactPoints.${props.notice}`)}</Alert>}
      {contactPoint && (
        <Paragraph>
          <code>{contactPoint.organisation.code}</code> · {t('contactPoints.lastChanged', { date: formatDateTime(new Date(contactPoint.updatedAt), lang) })}
          {contactPoint.active && (
            <>
              {' · '}
              <Link href={`/${lang}/contact-points/${contactPoint.id}`}>{t('contactPoints.publicPage')}</Link>
            </>
          )}
        </Paragraph>
      )}
      <ErrorSummary errors={errors} />
      <Form action={contactPoint ? `/${lang}/admin/contact-points/${contactPoint.id}` : `/${lang}/admin/contact-points`}>
        {contactPoint ? (
          <input type="hidden" name="version" value={String(contactPoint.version)} />
        ) : (
          <SelectField
            name="organisationCode"
            label={t('field.organisation')}
            value={one(values, 'organisationCode')}
            options={props.organisations.map((org) => ({ value: org.code, label: pickText(org.name, lang).text }))}
            errors={errors}
          />
        )}
        {field('code', t('field.code'), { required: true, maxLength: 64, description: t('field.contactPointCodeHint') })}
        {field('nameFr', t('field.nameFr'), { required: true, maxLength: 200 })}
        {field('nameNl', t('field.nameNl'), { required: true, maxLength: 200 })}
        {field('nameEn', t('field.nameEn'), { required: true, maxLength: 200 })}
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('contactPoints.addressSection')}</legend>
          {field('streetFr', t('field.streetFr'), { required: true, maxLength: 200 })}
          {field('streetNl', t('field.streetNl'), { required: true, maxLength: 200 })}
          {field('houseNumber', t('field.houseNumber'), { required: true, maxLength: 20 })}
          {field('postalCode', t('field.postalCode'), { required: true, maxLength: 4 })}
          {field('municipalityFr', t('field.municipalityFr'), { required: true, maxLength: 200 })}
          {field('municipalityNl', t('field.municipalityNl'), { required: true, maxLength: 200 })}
          {field('latitude', t('field.latitude'), { maxLength: 20, description: t('field.coordinatesHint') })}
          {field('longitude', t('field.longitude'), { maxLength: 20 })}
        </fieldset>
        <TextArea
          name="openingHours"
          label={t('field.openingHours')}
          description={t('contactPoints.openingHoursHint')}
          value={one(values, 'openingHours')}
          required
          maxLength={1000}
          rows={3}
          errors={errors}
        />
        <SelectField
          name="holidayCalendar"
          label={t('field.holidayCalendar')}
          value={one(values, 'holidayCalendar')}
          options={HOLIDAY_CALENDARS.map((id) => ({ value: id, label: t(`contactPoints.calendar.${id}`) }))}
          errors={errors}
        />
        {field('phone', t('field.phone'), { type: 'tel', maxLength: 40 })}
        {field('email', t('field.email'), { type: 'email', maxLength: 254 })}
        <CheckboxGroup
          name="channels"
          legend={t('field.channels')}
          options={CHANNELS.map((channel) => ({ value: channel, label: t(`contactPoints.channel.${channel}`) }))}
          checked={many(values, 'channels') ?? []}
          errors={errors}
        />
        <CheckboxGroup
          name="languages"
          legend={t('field.languages')}
          options={CONTACT_LANGUAGES.map((code) => ({ value: code, label: languageName(code, lang) }))}
          checked={many(values, 'languages') ?? []}
          errors={errors}
        />
        <CheckboxGroup
          name="accessibility"
          legend={t('field.accessibility')}
          options={ACCESSIBILITY_FEATURES.map((feature) => ({ value: feature, label: t(`contactPoints.feature.${feature}`) }))}
          checked={many(values, 'accessibility') ?? []}
          errors={errors}
        />
        {(['Fr', 'Nl', 'En'] as const).map((suffix) => (
          <TextArea
            name={`accessibilityNote${suffix}`}
            label={t(`field.accessibilityNote${suffix}`)}
            description={suffix === 'Fr' ? t('contactPoints.accessibilityNoteHint') : undefined}
            value={one(values, `accessibilityNote${suffix}`)}
            maxLength={1000}
            rows={2}
            errors={errors}
          />
        ))}
        <CheckboxGroup
          name="demo"
          legend={t('field.demo')}
          options={[{ value: 'true', label: t('contactPoints.demoLabel') }]}
          checked={many(values, 'demo') ?? []}
        />
        <CheckboxGroup
          name="active"
          legend={t('field.active')}
          options={[{ value: 'true', label: t('contactPoints.activeLabel') }]}
          checked={many(values, 'active') ?? []}
        />
        <SubmitButton>{contactPoint ? t('contactPoints.save') : t('contactPoints.create')}</SubmitButton>
      </Form>
    </Layout>
  );
}
