// Back-office screens of the contact-center settings: the organisations (administrators), an organisation's
// overview (inbound mailboxes, SLA targets, business calendar), the mailbox and SLA target forms, and the
// calendar form with a preview of the next open periods. Server-rendered forms, no JavaScript needed.
import { Layout } from '../../platform/views/Layout.tsx';
import { usePage } from '../../platform/views/context.ts';
import {
  Alert,
  CheckboxGroup,
  CsrfField,
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
} from '../../platform/views/components.tsx';
import type { FieldError } from '../../platform/http/errors.ts';
import { pickText, LOCALES, type Language } from '../../platform/i18n/languages.ts';
import { formatDate, formatDateTime, formatTime, TIME_ZONE } from '../../platform/i18n/format.ts';
import { HOLIDAY_CALENDARS } from '../../platform/calendar/holidays.ts';
import type { Organisation } from '../../organisations/service.ts';
import { CONTACT_CHANNELS } from '../model.ts';
import type { MailboxRow, OutOfHoursRow, SlaTargetRow } from './repository.ts';
import type { CalendarPreview, CalendarView, PendingConfirmationView } from './service.ts';
import { hasRole } from '../../identity/actor.ts';
import type { SlaTarget } from '../sla.ts';

export const SECTION = 'contact-center-settings';
export type FormValues = Record<string, string | string[] | undefined>;
export const one = (values: FormValues | undefined, name: string) => {
  const value = values?.[name];
  return Array.isArray(value) ? value[0] : value;
};

export const settingsBase = (lang: Language, org: { code: string }) => `/${lang}/admin/contact-center/${org.code}`;

/** "8 h", "1 h 30 min", "45 min" in the page's language. */
function Duration({ minutes }: { minutes: number }) {
  const { t } = usePage();
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return (
    <>
      {hours === 0
        ? t('ccSettings.duration.minutes', { minutes: rest })
        : rest === 0
          ? t('ccSettings.duration.hours', { hours })
          : t('ccSettings.duration.hoursMinutes', { hours, minutes: rest })}
    </>
  );
}

export function labelOf(t: (key: string) => string) {
  return (field: string) => t(`ccSettings.field.${field}`);
}

/** The top of a settings form: the way back to the organisation's overview, the title and what the form sets. */
export function FormPageTop({ org, title, intro }: { org: Organisation; title: string; intro: string }) {
  return (
    <>
      <BackToOverview org={org} />
      <Heading1>{title}</Heading1>
      <Paragraph>{intro}</Paragraph>
    </>
  );
}

function BackToOverview({ org }: { org: Organisation }) {
  const { t, lang } = usePage();
  return (
    <Paragraph>
      <Link href={settingsBase(lang, org)}>{t('ccSettings.backToOverview', { organisation: pickText(org.name, lang).text })}</Link>
    </Paragraph>
  );
}

export function SettingsIndexPage({ organisations }: { organisations: Organisation[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('ccSettings.title')} backOffice section={SECTION}>
      <Heading1>{t('ccSettings.title')}</Heading1>
      <Paragraph lead>{t('ccSettings.intro')}</Paragraph>
      <h2 class="utrecht-heading-2">{t('ccSettings.chooseOrganisation')}</h2>
      <ul class="utrecht-unordered-list">
        {organisations.map((org) => (
          <li class="utrecht-unordered-list__item">
            <Link href={settingsBase(lang, org)}>
              <Text value={org.name} />
            </Link>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

const NOTICES = new Set([
  'mailboxAdded',
  'mailboxSaved',
  'mailboxDeleted',
  'confirmationResent',
  'mailboxApproved',
  'targetAdded',
  'targetSaved',
  'targetDeleted',
  'calendarSaved',
  'calendarReset',
  'outOfHoursSaved',
]);
export const knownNotice = (value: string | undefined) => (value && NOTICES.has(value) ? value : undefined);

export function SettingsOverviewPage(props: {
  org: Organisation;
  mailboxes: MailboxRow[];
  targets: SlaTargetRow[];
  calendar: CalendarView;
  outOfHours: OutOfHoursRow;
  defaultTarget: SlaTarget;
  everyOrganisation: boolean;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const { org, mailboxes, targets, calendar } = props;
  const base = settingsBase(lang, org);
  const title = t('ccSettings.organisationTitle', { organisation: pickText(org.name, lang).text });
  return (
    <Layout title={title} backOffice section={SECTION}>
      {props.everyOrganisation && (
        <Paragraph>
          <Link href={`/${lang}/admin/contact-center`}>{t('ccSettings.allOrganisations')}</Link>
        </Paragraph>
      )}
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t(`ccSettings.notice.${props.notice}`)}</Alert>}
      <Paragraph>{t('ccSettings.intro')}</Paragraph>

      <section aria-labelledby="cc-mailboxes-title">
        <h2 class="utrecht-heading-2" id="cc-mailboxes-title">
          {t('ccSettings.mailboxes.title')}
        </h2>
        <Paragraph>{t('ccSettings.mailboxes.intro')}</Paragraph>
        {mailboxes.length === 0 ? (
          <Paragraph>{t('ccSettings.mailboxes.none')}</Paragraph>
        ) : (
          <Table
            caption={t('ccSettings.mailboxes.caption')}
            head={[t('ccSettings.field.address'), t('ccSettings.field.unitId'), t('ccSettings.field.active'), t('ccSettings.actions')]}
            rows={mailboxes.map((m) => [
              <code>{m.address}</code>,
              m.unitName ? <Text value={m.unitName} /> : t('ccSettings.mailboxes.noUnit'),
              <MailboxState mailbox={m} />,
              <>
                <Link href={`${base}/mailboxes/${m.id}`}>
                  {t('ccSettings.edit')}
                  <span class="visually-hidden"> {m.address}</span>
                </Link>
                {!m.verifiedAt && <ResendButton action={`${base}/mailboxes/${m.id}/resend`} address={m.address} />}
              </>,
            ])}
          />
        )}
        {mailboxes.some((m) => !m.verifiedAt) && <Alert type="info">{t('ccSettings.mailboxes.waitingHint')}</Alert>}
        <Paragraph>
          <Link href={`${base}/mailboxes/new`}>{t('ccSettings.mailboxes.add')}</Link>
        </Paragraph>
      </section>

      <section aria-labelledby="cc-targets-title">
        <h2 class="utrecht-heading-2" id="cc-targets-title">
          {t('ccSettings.targets.title')}
        </h2>
        <Paragraph>{t('ccSettings.targets.intro')}</Paragraph>
        <Paragraph>
          {t('ccSettings.targets.default')} <Duration minutes={props.defaultTarget.firstResponseMinutes} /> /{' '}
          <Duration minutes={props.defaultTarget.resolutionMinutes} /> · {t('ccSettings.targets.warningAt', { percent: props.defaultTarget.warningPercent })}
        </Paragraph>
        {targets.length === 0 ? (
          <Paragraph>{t('ccSettings.targets.none')}</Paragraph>
        ) : (
          <Table
            caption={t('ccSettings.targets.caption')}
            head={[
              t('ccSettings.targets.scope'),
              t('ccSettings.field.firstResponseMinutes'),
              t('ccSettings.field.resolutionMinutes'),
              t('ccSettings.field.warningPercent'),
              t('ccSettings.actions'),
            ]}
            rows={targets.map((target) => [
              <TargetScope target={target} />,
              <Duration minutes={target.firstResponseMinutes} />,
              <Duration minutes={target.resolutionMinutes} />,
              `${target.warningPercent} %`,
              <Link href={`${base}/sla/${target.id}`}>
                {t('ccSettings.edit')}
                <span class="visually-hidden">
                  {' '}
                  <TargetScope target={target} />
                </span>
              </Link>,
            ])}
          />
        )}
        <Paragraph>
          <Link href={`${base}/sla/new`}>{t('ccSettings.targets.add')}</Link>
        </Paragraph>
      </section>

      <section aria-labelledby="cc-calendar-title">
        <h2 class="utrecht-heading-2" id="cc-calendar-title">
          {t('ccSettings.calendar.title')}
        </h2>
        <Paragraph>{calendar.isDefault ? t('ccSettings.calendar.usingDefault') : t('ccSettings.calendar.usingOwn')}</Paragraph>
        <dl>
          <dt>{t('ccSettings.field.openingHours')}</dt>
          <dd>
            <code>{calendar.openingHours}</code>
          </dd>
          <dt>{t('ccSettings.field.holidayCalendar')}</dt>
          <dd>{t(`contactPoints.calendar.${calendar.holidayCalendar}`)}</dd>
        </dl>
        <Paragraph>
          <Link href={`${base}/calendar`}>{t('ccSettings.calendar.edit')}</Link>
        </Paragraph>
      </section>

      <section aria-labelledby="cc-out-of-hours-title">
        <h2 class="utrecht-heading-2" id="cc-out-of-hours-title">
          {t('ccSettings.outOfHours.title')}
        </h2>
        <Paragraph>
          {props.outOfHours.webForm || props.outOfHours.mailboxIds.length > 0
            ? t('ccSettings.outOfHours.summaryOn', { webForm: props.outOfHours.webForm ? 'yes' : 'no', mailboxes: props.outOfHours.mailboxIds.length })
            : t('ccSettings.outOfHours.summaryOff')}
        </Paragraph>
        <Paragraph>
          <Link href={`${base}/out-of-hours`}>{t('ccSettings.outOfHours.edit')}</Link>
        </Paragraph>
      </section>
    </Layout>
  );
}

/** On, off, or waiting for the confirmation of its address (then no mail is accepted). */
function MailboxState({ mailbox }: { mailbox: MailboxRow }) {
  const { t } = usePage();
  const onOff = mailbox.active ? t('ccSettings.mailboxes.on') : t('ccSettings.mailboxes.off');
  if (mailbox.verifiedAt) return <>{onOff}</>;
  return (
    <>
      {mailbox.active ? '' : `${onOff} · `}
      <strong>{t('ccSettings.mailboxes.waiting')}</strong>
    </>
  );
}

/** Sends the confirmation mail of a waiting address again. */
function ResendButton({ action, address }: { action: string; address: string }) {
  const { t } = usePage();
  return (
    <form method="post" action={action} class="utrecht-form">
      <CsrfField />
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        {t('ccSettings.mailboxes.resend')}
        <span class="visually-hidden"> {address}</span>
      </button>
    </form>
  );
}

function TargetScope({ target }: { target: { channel: string | null; serviceCode: string | null; serviceName?: SlaTargetRow['serviceName'] } }) {
  const { t } = usePage();
  const channel = target.channel ? t(`console.channel.${target.channel}`) : t('ccSettings.targets.anyChannel');
  return (
    <>
      {channel}
      {' · '}
      {target.serviceCode ? target.serviceName ? <Text value={target.serviceName} /> : <code>{target.serviceCode}</code> : t('ccSettings.targets.anyService')}
    </>
  );
}

/** The section at the foot of a record's form with its one versioned button (delete, reset). */
function VersionedSection({ title, ...button }: { title: string } & Parameters<typeof VersionedButton>[0]) {
  return (
    <section aria-labelledby="cc-delete-title">
      <h2 class="utrecht-heading-2" id="cc-delete-title">
        {title}
      </h2>
      <VersionedButton {...button} />
    </section>
  );
}

/** A small form with the version read and one button, e.g. delete. */
function VersionedButton({ action, version, label, description }: { action: string; version: number; label: string; description?: string }) {
  return (
    <form method="post" action={action} class="utrecht-form">
      <CsrfField />
      <input type="hidden" name="version" value={String(version)} />
      {description && <Paragraph>{description}</Paragraph>}
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        {label}
      </button>
    </form>
  );
}

export function MailboxFormPage(props: {
  org: Organisation;
  units: Array<{ id: string; name: Record<string, string> }>;
  mailbox?: MailboxRow | undefined;
  values?: FormValues | undefined;
  errors?: FieldError[] | undefined;
}) {
  const { t, lang } = usePage();
  const { org, mailbox, errors } = props;
  const base = settingsBase(lang, org);
  const values: FormValues =
    props.values ?? (mailbox ? { address: mailbox.address, unitId: mailbox.unitId ?? '', active: mailbox.active ? ['true'] : [] } : { active: ['true'] });
  const title = mailbox ? t('ccSettings.mailboxes.editTitle', { address: mailbox.address }) : t('ccSettings.mailboxes.newTitle');
  const active = values.active;
  return (
    <Layout title={title} backOffice section={SECTION}>
      <FormPageTop org={org} title={title} intro={t('ccSettings.mailboxes.intro')} />
      <ErrorSummary errors={errors} labelOf={labelOf(t)} />
      <Form action={mailbox ? `${base}/mailboxes/${mailbox.id}` : `${base}/mailboxes`}>
        {mailbox && <input type="hidden" name="version" value={String(one(values, 'version') ?? mailbox.version)} />}
        <TextField
          name="address"
          type="email"
          label={t('ccSettings.field.address')}
          description={t('ccSettings.mailboxes.addressHint')}
          value={one(values, 'address')}
          required
          maxLength={254}
          autocomplete="off"
          errors={errors}
        />
        <SelectField
          name="unitId"
          label={t('ccSettings.field.unitId')}
          description={t('ccSettings.mailboxes.unitHint')}
          value={one(values, 'unitId') ?? ''}
          options={[{ value: '', label: t('ccSettings.mailboxes.noUnit') }, ...props.units.map((u) => ({ value: u.id, label: pickText(u.name, lang).text }))]}
          errors={errors}
        />
        <CheckboxGroup
          name="active"
          legend={t('ccSettings.field.active')}
          options={[{ value: 'true', label: t('ccSettings.mailboxes.activeLabel') }]}
          checked={Array.isArray(active) ? active : active ? [active] : []}
          errors={errors}
        />
        <SubmitButton>{mailbox ? t('ccSettings.save') : t('ccSettings.mailboxes.create')}</SubmitButton>
      </Form>
      {mailbox && <MailboxVerification mailbox={mailbox} base={base} />}
      {mailbox && (
        <VersionedSection
          title={t('ccSettings.deleteTitle')}
          action={`${base}/mailboxes/${mailbox.id}/delete`}
          version={mailbox.version}
          label={t('ccSettings.mailboxes.delete')}
          description={t('ccSettings.mailboxes.deleteHint')}
        />
      )}
    </Layout>
  );
}

/** Where the proof of the address stands: verified (how, when), or waiting with resend (and approve for administrators). */
function MailboxVerification({ mailbox, base }: { mailbox: MailboxRow; base: string }) {
  const { t, lang, actor } = usePage();
  return (
    <section aria-labelledby="cc-verification-title">
      <h2 class="utrecht-heading-2" id="cc-verification-title">
        {t('ccSettings.mailboxes.verificationTitle')}
      </h2>
      {mailbox.verifiedAt ? (
        <Paragraph>
          {t(`ccSettings.mailboxes.verifiedBy.${mailbox.verifiedBy ?? 'existing'}`, { at: formatDateTime(new Date(mailbox.verifiedAt), lang) })}
        </Paragraph>
      ) : (
        <>
          <Alert type="warning">
            <strong>{t('ccSettings.mailboxes.waiting')}</strong>
            {' – '}
            {t('ccSettings.mailboxes.waitingHint')}
          </Alert>
          {mailbox.confirmationSentAt && (
            <Paragraph>{t('ccSettings.mailboxes.sentAt', { at: formatDateTime(new Date(mailbox.confirmationSentAt), lang) })}</Paragraph>
          )}
          <ResendButton action={`${base}/mailboxes/${mailbox.id}/resend`} address={mailbox.address} />
          {hasRole(actor, 'platform_admin') && (
            <form method="post" action={`${base}/mailboxes/${mailbox.id}/approve`} class="utrecht-form">
              <CsrfField />
              <Paragraph>{t('ccSettings.mailboxes.approveHint')}</Paragraph>
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                {t('ccSettings.mailboxes.approve')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

/** The page of the confirmation link: which organisation asks to receive this address's mail, and a button. */
export function MailboxConfirmationPage({ pending, action, errors }: { pending: PendingConfirmationView; action: string; errors?: FieldError[] | undefined }) {
  const { t, lang } = usePage();
  const organisation = pickText(pending.organisationName, lang).text;
  return (
    <Layout title={t('ccSettings.confirmation.title')}>
      <Heading1>{t('ccSettings.confirmation.title')}</Heading1>
      <ErrorSummary errors={errors} labelOf={() => t('ccSettings.confirmation.title')} />
      {pending.expired ? (
        <Alert type="warning">{t('ccSettings.confirmation.expired', { organisation })}</Alert>
      ) : (
        <>
          <Paragraph>{t('ccSettings.confirmation.intro', { organisation, address: pending.address })}</Paragraph>
          <Paragraph>{t('ccSettings.confirmation.notYou')}</Paragraph>
          <form method="post" action={action} class="utrecht-form">
            <CsrfField />
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              {t('ccSettings.confirmation.confirm')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

export function MailboxConfirmedPage() {
  const { t } = usePage();
  return (
    <Layout title={t('ccSettings.confirmation.doneTitle')}>
      <Heading1>{t('ccSettings.confirmation.doneTitle')}</Heading1>
      <Alert type="ok">{t('ccSettings.confirmation.done')}</Alert>
    </Layout>
  );
}

export function SlaTargetFormPage(props: {
  org: Organisation;
  services: Array<{ code: string; name: Record<string, string> }>;
  target?: SlaTargetRow | undefined;
  values?: FormValues | undefined;
  errors?: FieldError[] | undefined;
}) {
  const { t, lang } = usePage();
  const { org, target, errors } = props;
  const base = settingsBase(lang, org);
  const values: FormValues =
    props.values ??
    (target
      ? {
          channel: target.channel ?? '',
          serviceCode: target.serviceCode ?? '',
          firstResponseMinutes: String(target.firstResponseMinutes),
          resolutionMinutes: String(target.resolutionMinutes),
          warningPercent: String(target.warningPercent),
        }
      : { warningPercent: '80' });
  const title = target ? t('ccSettings.targets.editTitle') : t('ccSettings.targets.newTitle');
  return (
    <Layout title={title} backOffice section={SECTION}>
      <FormPageTop org={org} title={title} intro={t('ccSettings.targets.intro')} />
      <ErrorSummary errors={errors} labelOf={labelOf(t)} />
      <Form action={target ? `${base}/sla/${target.id}` : `${base}/sla`}>
        {target && <input type="hidden" name="version" value={String(one(values, 'version') ?? target.version)} />}
        <SelectField
          name="channel"
          label={t('ccSettings.field.channel')}
          value={one(values, 'channel') ?? ''}
          options={[{ value: '', label: t('ccSettings.targets.anyChannel') }, ...CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`console.channel.${c}`) }))]}
          errors={errors}
        />
        <SelectField
          name="serviceCode"
          label={t('ccSettings.field.serviceCode')}
          value={one(values, 'serviceCode') ?? ''}
          options={[
            { value: '', label: t('ccSettings.targets.anyService') },
            ...props.services.map((s) => ({ value: s.code, label: pickText(s.name, lang).text })),
          ]}
          errors={errors}
        />
        {(['firstResponseMinutes', 'resolutionMinutes', 'warningPercent'] as const).map((name) => (
          <TextField
            name={name}
            type="number"
            label={t(`ccSettings.field.${name}`)}
            description={t(name === 'warningPercent' ? 'ccSettings.targets.warningHint' : 'ccSettings.targets.minutesHint')}
            value={one(values, name)}
            required
            errors={errors}
          />
        ))}
        <SubmitButton>{target ? t('ccSettings.save') : t('ccSettings.targets.create')}</SubmitButton>
      </Form>
      {target && (
        <VersionedSection
          title={t('ccSettings.deleteTitle')}
          action={`${base}/sla/${target.id}/delete`}
          version={target.version}
          label={t('ccSettings.targets.delete')}
          description={t('ccSettings.targets.deleteHint')}
        />
      )}
    </Layout>
  );
}

function dayLabel(value: Date, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', day: 'numeric', month: 'long', timeZone: TIME_ZONE }).format(value);
}

function PreviewList({ preview, caption }: { preview: CalendarPreview; caption: string }) {
  const { t, lang } = usePage();
  return (
    <>
      {preview.periods.length === 0 ? (
        <Paragraph>{t('ccSettings.calendar.noPreview')}</Paragraph>
      ) : (
        <Table
          caption={caption}
          head={[t('ccSettings.calendar.day'), t('ccSettings.calendar.from'), t('ccSettings.calendar.to')]}
          rows={preview.periods.map((p) => [
            dayLabel(p.start, lang),
            formatTime(p.start, lang),
            dayLabel(p.end, lang) === dayLabel(p.start, lang) ? formatTime(p.end, lang) : formatDateTime(p.end, lang),
          ])}
        />
      )}
      {preview.holidays.length > 0 && (
        <>
          <h3 class="utrecht-heading-3">{t('ccSettings.calendar.holidays')}</h3>
          <ul class="utrecht-unordered-list">
            {preview.holidays.map((h) => (
              <li class="utrecht-unordered-list__item">
                {formatDate(new Date(`${h.holiday.date}T12:00:00Z`), lang)} – <Text value={h.holiday.name} />:{' '}
                {h.intervals.length === 0 ? t('ccSettings.calendar.closed') : h.intervals.map((i) => `${i.from}–${i.to}`).join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function CalendarPage(props: {
  org: Organisation;
  calendar: CalendarView;
  values?: FormValues | undefined;
  errors?: FieldError[] | undefined;
  /** The preview of the values entered (the "preview" button), not yet saved. */
  draftPreview?: CalendarPreview | undefined;
}) {
  const { t, lang } = usePage();
  const { org, calendar, errors } = props;
  const base = settingsBase(lang, org);
  const values: FormValues = props.values ?? { openingHours: calendar.openingHours, holidayCalendar: calendar.holidayCalendar };
  const title = t('ccSettings.calendar.pageTitle', { organisation: pickText(org.name, lang).text });
  return (
    <Layout title={title} backOffice section={SECTION}>
      <FormPageTop org={org} title={title} intro={t('ccSettings.calendar.intro')} />
      <Paragraph>{calendar.isDefault ? t('ccSettings.calendar.usingDefault') : t('ccSettings.calendar.usingOwn')}</Paragraph>
      <ErrorSummary errors={errors} labelOf={labelOf(t)} />
      {props.draftPreview && (
        <section aria-labelledby="cc-draft-preview-title">
          <h2 class="utrecht-heading-2" id="cc-draft-preview-title">
            {t('ccSettings.calendar.draftPreview')}
          </h2>
          <Alert type="info">{t('ccSettings.calendar.notSavedYet')}</Alert>
          <PreviewList preview={props.draftPreview} caption={t('ccSettings.calendar.nextPeriods')} />
        </section>
      )}
      <Form action={`${base}/calendar`}>
        <input type="hidden" name="version" value={calendar.version === null ? '' : String(calendar.version)} />
        <TextArea
          name="openingHours"
          label={t('ccSettings.field.openingHours')}
          description={t('contactPoints.openingHoursHint')}
          value={one(values, 'openingHours')}
          required
          maxLength={1000}
          rows={3}
          errors={errors}
        />
        <SelectField
          name="holidayCalendar"
          label={t('ccSettings.field.holidayCalendar')}
          value={one(values, 'holidayCalendar')}
          options={HOLIDAY_CALENDARS.map((id) => ({ value: id, label: t(`contactPoints.calendar.${id}`) }))}
          errors={errors}
        />
        <div class="irisdesk-actions">
          <button type="submit" name="intent" value="save" class="utrecht-button utrecht-button--primary-action">
            {t('ccSettings.save')}
          </button>{' '}
          <button type="submit" name="intent" value="preview" class="utrecht-button utrecht-button--secondary-action">
            {t('ccSettings.calendar.preview')}
          </button>
        </div>
      </Form>
      <section aria-labelledby="cc-preview-title">
        <h2 class="utrecht-heading-2" id="cc-preview-title">
          {t('ccSettings.calendar.currentPreview')}
        </h2>
        <PreviewList preview={calendar.preview} caption={t('ccSettings.calendar.nextPeriods')} />
      </section>
      {calendar.version !== null && (
        <VersionedSection
          title={t('ccSettings.calendar.resetTitle')}
          action={`${base}/calendar/reset`}
          version={calendar.version}
          label={t('ccSettings.calendar.reset')}
          description={t('ccSettings.calendar.resetHint')}
        />
      )}
    </Layout>
  );
}
