// The booking steps around the week view: the service (and postal code), the place, the person's details and
// "Check your answers" (GOV.UK's pattern) before the booking is made. Every page works without JavaScript.
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import {
  ChoiceGroup,
  CsrfField,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  Text,
  TextField,
} from '../../platform/views/components.tsx';
import { formatTime } from '../../platform/i18n/format.ts';
import { LANGUAGES, LANGUAGE_NAMES, pickText, type Language, type LocalizedText } from '../../platform/i18n/languages.ts';
import { brusselsDate, toBrusselsIso } from '../../platform/calendar/brussels-time.ts';
import type { Slot } from '../slots.ts';
import type { SettingsRecord } from '../repository.ts';
import type { PublicSlot } from './slot-finder.ts';
import type { AppointmentMode } from '../modes.ts';
import { AppointmentLayout, CarriedInputs, CarryForm, formatDay, PersonFields, PointAddress, qs, Steps, SummaryList, type Values } from '../page-parts.tsx';

export function BookingStartPage({
  services,
  errors,
  values = {},
  carry,
}: {
  services: Array<{ code: string; name: LocalizedText; competentKind: string }>;
  errors?: FieldError[];
  values?: Values;
  /** The person's answers, when "Change" of "check your answers" led here: the form posts them along. */
  carry?: Values | undefined;
}) {
  const { t, lang } = usePage();
  const fields = (
    <>
      <SelectField
        name="service"
        label={t('appointments.field.service')}
        errors={errors}
        value={values.service}
        options={[{ value: '', label: t('appointments.start.chooseService') }, ...services.map((s) => ({ value: s.code, label: pickText(s.name, lang).text }))]}
      />
      <TextField
        name="postalCode"
        label={t('appointments.field.postalCode')}
        description={t('appointments.start.postalCodeHelp')}
        errors={errors}
        value={values.postalCode}
        autocomplete="postal-code"
        maxLength={4}
      />
      <SubmitButton>{t('appointments.next')}</SubmitButton>
    </>
  );
  return (
    <AppointmentLayout title={t('appointments.start.title')}>
      <Heading1>{t('appointments.start.title')}</Heading1>
      <Steps current="service" />
      <Paragraph lead>{t('appointments.start.intro')}</Paragraph>
      <ErrorSummary errors={errors} labelOf={(field) => t(`appointments.field.${field}`)} />
      {carry ? (
        <Form action={`/${lang}/appointments/change/point`}>
          <CarriedInputs carry={carry} />
          {fields}
        </Form>
      ) : (
        <form method="get" action={`/${lang}/appointments/points`} class="utrecht-form" noValidate>
          {fields}
        </form>
      )}
      <Paragraph>{t('appointments.start.manageHint')}</Paragraph>
    </AppointmentLayout>
  );
}

export function BookingPointsPage({
  service,
  points,
  postalCode,
  carry,
}: {
  service: { code: string; name: LocalizedText };
  points: Array<{ settings: SettingsRecord; soonest: Slot | null }>;
  postalCode?: string | undefined;
  /** The person's answers, when "Change" led here: each choice is a button that posts them along. */
  carry?: Values | undefined;
}) {
  const { t, lang } = usePage();
  const changeStart = `/${lang}/appointments/change/service`;
  return (
    <AppointmentLayout title={t('appointments.points.title')}>
      <Heading1>{t('appointments.points.title')}</Heading1>
      <Steps current="point" />
      {carry && <CarryForm action={`/${lang}/appointments/change/slot`} carry={carry} fields={{ service: service.code, postalCode }} />}
      <Paragraph>
        {t('appointments.labelled', { label: t('appointments.field.service') })}{' '}
        <strong>
          <Text value={service.name} />
        </strong>
        {postalCode && (
          <>
            {' '}
            – {t('appointments.labelled', { label: t('appointments.field.postalCode') })} {postalCode}{' '}
            {carry ? (
              <button type="submit" class="irisdesk-link-button" form="carry" formAction={changeStart}>
                {t('appointments.check.change')}
                <span class="visually-hidden"> {t('appointments.field.postalCode').toLocaleLowerCase()}</span>
              </button>
            ) : (
              <Link href={`/${lang}/appointments?${qs({ service: service.code, postalCode })}`}>
                {t('appointments.check.change')}
                <span class="visually-hidden"> {t('appointments.field.postalCode').toLocaleLowerCase()}</span>
              </Link>
            )}
          </>
        )}
      </Paragraph>
      <ul class="irisdesk-card-grid">
        {points.map(({ settings, soonest }) => (
          <li class="irisdesk-card">
            <h2 class="utrecht-heading-3">
              <Text value={settings.pointName} />
            </h2>
            <p class="utrecht-paragraph">
              <PointAddress settings={settings} />
            </p>
            <p class="utrecht-paragraph">
              {soonest
                ? t('appointments.points.soonest', { date: formatDay(soonest.start, lang), time: formatTime(soonest.start, lang) })
                : t('appointments.points.noneSoon')}
            </p>
            {carry ? (
              <button type="submit" class="irisdesk-link-button" form="carry" name="point" value={settings.contactPointId}>
                {t('appointments.points.choose')}
                <span class="visually-hidden"> – {pickText(settings.pointName, lang).text}</span>
              </button>
            ) : (
              <Link
                href={`/${lang}/appointments/slots?${qs({ service: service.code, point: settings.contactPointId, postalCode, from: soonest ? brusselsDate(soonest.start) : undefined })}`}
              >
                {t('appointments.points.choose')}
                <span class="visually-hidden"> – {pickText(settings.pointName, lang).text}</span>
              </Link>
            )}
          </li>
        ))}
      </ul>
      <Paragraph>
        {carry ? (
          <button type="submit" class="irisdesk-link-button" form="carry" formAction={changeStart}>
            {t('appointments.back')}
          </button>
        ) : (
          <Link href={`/${lang}/appointments?${qs({ service: service.code, postalCode })}`}>{t('appointments.back')}</Link>
        )}
      </Paragraph>
    </AppointmentLayout>
  );
}

/** The hidden fields that carry the chosen service, place and time from step to step. */
function ChoiceFields({ settings, start, postalCode }: { settings: SettingsRecord; start: Date; postalCode?: string | undefined }) {
  return (
    <>
      <input type="hidden" name="service" value={settings.serviceCode} />
      <input type="hidden" name="point" value={settings.contactPointId} />
      <input type="hidden" name="start" value={toBrusselsIso(start)} />
      {postalCode && <input type="hidden" name="postalCode" value={postalCode} />}
    </>
  );
}

export function BookingDetailsPage({
  settings,
  slot,
  errors,
  values = {},
  alternatives,
}: {
  settings: SettingsRecord;
  slot: { start: Date; end: Date };
  errors?: FieldError[];
  values?: Values;
  alternatives?: PublicSlot[];
}) {
  const { t, lang } = usePage();
  return (
    <AppointmentLayout title={t('appointments.details.title')}>
      <Heading1>{t('appointments.details.title')}</Heading1>
      <Steps current="details" />
      <ErrorSummary errors={errors} labelOf={(field) => t(`appointments.field.${field}`)} />
      {alternatives && (
        <section aria-labelledby="alternatives-title">
          <h2 class="utrecht-heading-2" id="alternatives-title">
            {t('appointments.alternatives.title')}
          </h2>
          {alternatives.length === 0 ? (
            <Paragraph>{t('appointments.slots.none')}</Paragraph>
          ) : (
            <ul class="utrecht-unordered-list">
              {alternatives.map((alt) => (
                <li class="utrecht-unordered-list__item">
                  <Link
                    href={`/${lang}/appointments/details?${qs({ service: settings.serviceCode, point: settings.contactPointId, postalCode: values.postalCode, start: alt.start })}`}
                  >
                    {t('appointments.slots.at', { date: formatDay(new Date(alt.start), lang), time: formatTime(new Date(alt.start), lang) })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <SummaryList
        rows={[
          { key: t('appointments.field.service'), value: <Text value={settings.serviceName} /> },
          {
            key: t('appointments.field.point'),
            value: (
              <>
                <Text value={settings.pointName} />, <PointAddress settings={settings} />
              </>
            ),
          },
          {
            key: t('appointments.field.start'),
            value: t('appointments.slots.at', { date: formatDay(slot.start, lang, true), time: formatTime(slot.start, lang) }),
            // A button of the details form: what was typed below goes along to the week and comes back.
            change: { form: 'details', name: 'from', value: brusselsDate(slot.start), formAction: `/${lang}/appointments/change/slot` },
          },
        ]}
      />
      <form method="post" action={`/${lang}/appointments/check`} class="utrecht-form" id="details" noValidate>
        <CsrfField />
        <ChoiceFields settings={settings} start={slot.start} postalCode={values.postalCode} />
        <ModeChoice settings={settings} errors={errors} value={values.mode} />
        <PersonFields errors={errors} values={values} />
        <SelectField
          name="language"
          label={t('appointments.field.language')}
          errors={errors}
          value={values.language ?? lang}
          options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l }))}
        />
        <SubmitButton>{t('appointments.next')}</SubmitButton>
      </form>
    </AppointmentLayout>
  );
}

/** How the appointment takes place, when the service offers more than one way here (decision 0056). */
function ModeChoice({ settings, errors, value }: { settings: SettingsRecord; errors?: FieldError[] | undefined; value?: string | undefined }) {
  const { t } = usePage();
  if (settings.modes.length === 1) return <input type="hidden" name="mode" value={settings.modes[0]} />;
  return (
    <ChoiceGroup
      type="radio"
      name="mode"
      legend={t('appointments.mode.legend')}
      label={t('appointments.field.mode')}
      checked={value && (settings.modes as string[]).includes(value) ? value : settings.modes[0]}
      errors={errors}
      required
      options={settings.modes.map((mode) => ({ value: mode, label: t(`appointments.mode.${mode}`), hint: t(`appointments.mode.${mode}Hint`) }))}
    />
  );
}

/** "Check your answers": everything the booking will hold, each with its "Change", then the one button that books. */
export function CheckAnswersPage({
  settings,
  slot,
  values,
  postalCode,
}: {
  settings: SettingsRecord;
  slot: { start: Date; end: Date };
  values: {
    name: string;
    contactBy: 'email' | 'phone';
    email?: string | undefined;
    phone?: string | undefined;
    language: Language;
    mode: AppointmentMode;
  };
  postalCode?: string | undefined;
}) {
  const { t, lang } = usePage();
  const person = (
    <>
      <input type="hidden" name="name" value={values.name} />
      <input type="hidden" name="contactBy" value={values.contactBy} />
      {values.email !== undefined && <input type="hidden" name="email" value={values.email} />}
      {values.phone !== undefined && <input type="hidden" name="phone" value={values.phone} />}
      <input type="hidden" name="language" value={values.language} />
      <input type="hidden" name="mode" value={values.mode} />
    </>
  );
  const changePerson = (field: string) => ({ form: 'change-details', name: 'focus', value: field });
  // The service, place and time: the same hidden form, to the step that changes them (the answers go along).
  const changeChoice = (step: 'service' | 'point' | 'slot') => ({
    form: 'change-details',
    name: 'focus',
    value: step,
    formAction: `/${lang}/appointments/change/${step}`,
  });
  return (
    <AppointmentLayout title={t('appointments.check.title')}>
      <Heading1>{t('appointments.check.title')}</Heading1>
      <Steps current="check" />
      <h2 class="utrecht-heading-2">{t('appointments.check.appointment')}</h2>
      <SummaryList
        rows={[
          {
            key: t('appointments.field.service'),
            value: <Text value={settings.serviceName} />,
            change: changeChoice('service'),
          },
          {
            key: t('appointments.field.point'),
            value: (
              <>
                <Text value={settings.pointName} />, <PointAddress settings={settings} />
              </>
            ),
            change: changeChoice('point'),
          },
          {
            key: t('appointments.field.start'),
            value: t('appointments.slots.at', { date: formatDay(slot.start, lang, true), time: formatTime(slot.start, lang) }),
            change: { ...changeChoice('slot'), name: 'from', value: brusselsDate(slot.start) },
          },
          {
            key: t('appointments.field.mode'),
            value: t(`appointments.mode.${values.mode}`),
            ...(settings.modes.length > 1 ? { change: changePerson('mode') } : {}),
          },
        ]}
      />
      <h2 class="utrecht-heading-2">{t('appointments.check.you')}</h2>
      <SummaryList
        rows={[
          { key: t('appointments.field.name'), value: values.name, change: changePerson('name') },
          {
            key: values.contactBy === 'email' ? t('appointments.field.email') : t('appointments.field.phone'),
            value: values.contactBy === 'email' ? values.email : values.phone,
            change: changePerson('contactBy'),
          },
          {
            key: t('appointments.field.language'),
            value: <span lang={values.language}>{LANGUAGE_NAMES[values.language]}</span>,
            change: changePerson('language'),
          },
        ]}
      />
      {/* The "Change" buttons above post the answers back to the details step (no session keeps them). */}
      <form method="post" action={`/${lang}/appointments/details`} id="change-details" hidden>
        <CsrfField />
        <ChoiceFields settings={settings} start={slot.start} postalCode={postalCode} />
        {person}
      </form>
      <h2 class="utrecht-heading-2">{t('appointments.check.sendTitle')}</h2>
      <Paragraph>{t('appointments.check.sendText')}</Paragraph>
      <Form action={`/${lang}/appointments`}>
        <ChoiceFields settings={settings} start={slot.start} />
        {person}
        <SubmitButton>{t('appointments.details.submit')}</SubmitButton>
      </Form>
    </AppointmentLayout>
  );
}
