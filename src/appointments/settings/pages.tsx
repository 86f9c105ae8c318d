// The back-office settings of appointments: the list of services by appointment per point, and one setting's
// form with its closures and absences (dates as date fields).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import {
  Alert,
  CheckboxField,
  ChoiceGroup,
  CsrfField,
  DateField,
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
} from '../../platform/views/components.tsx';
import { formatDate, formatNumber } from '../../platform/i18n/format.ts';
import { pickText, type LocalizedText } from '../../platform/i18n/languages.ts';
import type { ClosureRecord, SettingsRecord } from '../repository.ts';
import { APPOINTMENT_MODES } from '../modes.ts';

type Values = Record<string, string | undefined>;

export function SettingsListPage({ settings }: { settings: SettingsRecord[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('appointments.settings.listTitle')} backOffice section="appointment-settings">
      <Heading1>{t('appointments.settings.listTitle')}</Heading1>
      <Paragraph>
        <Link href={`/${lang}/admin/appointments/new`}>{t('appointments.settings.new')}</Link>
      </Paragraph>
      <Paragraph>
        <Link href={`/${lang}/admin/appointments/video`}>{t('appointments.videoTemplate.title')}</Link>
      </Paragraph>
      {settings.length === 0 ? (
        <Paragraph>{t('appointments.settings.none')}</Paragraph>
      ) : (
        <Table
          caption={t('appointments.settings.caption')}
          head={[
            t('appointments.field.point'),
            t('appointments.field.service'),
            t('appointments.field.durationMinutes'),
            t('appointments.field.capacity'),
            t('appointments.field.active'),
          ]}
          rows={settings.map((s) => [
            <Link href={`/${lang}/admin/appointments/${s.id}`}>
              <Text value={s.pointName} />
            </Link>,
            <Text value={s.serviceName} />,
            formatNumber(s.durationMinutes, lang),
            formatNumber(s.capacity, lang),
            s.active ? t('appointments.yes') : t('appointments.no'),
          ])}
        />
      )}
    </Layout>
  );
}

export function SettingsFormPage(props: {
  settings?: SettingsRecord;
  closures?: ClosureRecord[];
  canEdit: boolean;
  points: Array<{ id: string; name: LocalizedText }>;
  services: Array<{ code: string; name: LocalizedText }>;
  errors?: FieldError[] | undefined;
  closureErrors?: FieldError[] | undefined;
  values?: Values;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const { settings } = props;
  const v: Values =
    props.values ??
    (settings
      ? {
          durationMinutes: String(settings.durationMinutes),
          capacity: String(settings.capacity),
          openingHours: settings.openingHours ?? '',
          bufferMinutes: String(settings.bufferMinutes),
          minNoticeMinutes: String(settings.minNoticeMinutes),
          maxHorizonDays: String(settings.maxHorizonDays),
          maxPerPerson: String(settings.maxPerPerson),
          active: settings.active ? 'true' : undefined,
          modes: settings.modes.join(','),
        }
      : {
          durationMinutes: '15',
          capacity: '1',
          bufferMinutes: '0',
          minNoticeMinutes: '120',
          maxHorizonDays: '60',
          maxPerPerson: '1',
          active: 'true',
          modes: 'counter',
        });
  const title = settings
    ? t('appointments.settings.editTitle', { point: pickText(settings.pointName, lang).text, service: pickText(settings.serviceName, lang).text })
    : t('appointments.settings.newTitle');
  const label = (field: string) => t(`appointments.field.${field}`);
  return (
    <Layout title={title} backOffice section="appointment-settings">
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t(`appointments.settings.notice.${props.notice}`)}</Alert>}
      <ErrorSummary errors={props.errors} labelOf={label} />
      {props.canEdit ? (
        <Form action={settings ? `/${lang}/admin/appointments/${settings.id}` : `/${lang}/admin/appointments`}>
          {settings ? (
            <input type="hidden" name="version" value={String(settings.version)} />
          ) : (
            <>
              <SelectField
                name="contactPointId"
                label={label('point')}
                errors={props.errors}
                value={v.contactPointId}
                options={props.points.map((p) => ({ value: p.id, label: pickText(p.name, lang).text }))}
              />
              <SelectField
                name="serviceCode"
                label={label('service')}
                errors={props.errors}
                value={v.serviceCode}
                options={props.services.map((s) => ({ value: s.code, label: pickText(s.name, lang).text }))}
              />
            </>
          )}
          <TextField name="durationMinutes" type="number" label={label('durationMinutes')} errors={props.errors} value={v.durationMinutes} required />
          <TextField
            name="capacity"
            type="number"
            label={label('capacity')}
            description={t('appointments.settings.capacityHelp')}
            errors={props.errors}
            value={v.capacity}
            required
          />
          <TextField
            name="openingHours"
            label={label('openingHours')}
            description={t('appointments.settings.openingHoursHelp')}
            errors={props.errors}
            value={v.openingHours}
            maxLength={1000}
          />
          <TextField name="bufferMinutes" type="number" label={label('bufferMinutes')} errors={props.errors} value={v.bufferMinutes} />
          <TextField name="minNoticeMinutes" type="number" label={label('minNoticeMinutes')} errors={props.errors} value={v.minNoticeMinutes} />
          <TextField name="maxHorizonDays" type="number" label={label('maxHorizonDays')} errors={props.errors} value={v.maxHorizonDays} />
          <TextField name="maxPerPerson" type="number" label={label('maxPerPerson')} errors={props.errors} value={v.maxPerPerson} />
          <ChoiceGroup
            type="checkbox"
            name="modes"
            legend={label('modes')}
            hint={t('appointments.settings.modesHelp')}
            checked={(v.modes ?? '').split(',').filter(Boolean)}
            errors={props.errors}
            options={APPOINTMENT_MODES.map((mode) => ({ value: mode, label: t(`appointments.mode.${mode}`) }))}
          />
          <CheckboxField name="active" label={label('active')} errors={props.errors} checked={v.active === 'true'} />
          <SubmitButton>{t('appointments.settings.save')}</SubmitButton>
        </Form>
      ) : (
        <Paragraph>{t('appointments.settings.readOnly')}</Paragraph>
      )}
      {settings && (
        <section aria-labelledby="closures-title">
          <h2 class="utrecht-heading-2" id="closures-title">
            {t('appointments.closures.title')}
          </h2>
          {(props.closures ?? []).length === 0 ? (
            <Paragraph>{t('appointments.closures.none')}</Paragraph>
          ) : (
            <Table
              caption={t('appointments.closures.caption')}
              head={[
                t('appointments.field.from'),
                t('appointments.field.to'),
                t('appointments.field.seats'),
                t('appointments.field.reason'),
                t('appointments.agenda.actions'),
              ]}
              rows={(props.closures ?? []).map((c) => [
                formatDate(new Date(c.startsAt), lang),
                formatDate(new Date(new Date(c.endsAt).getTime() - 1), lang),
                `${c.seats === null ? t('appointments.closures.allSeats') : formatNumber(c.seats, lang)}${c.serviceId === null ? ` (${t('appointments.closures.wholePoint')})` : ''}`,
                c.reason,
                props.canEdit ? (
                  <form method="post" action={`/${lang}/admin/appointments/${settings.id}/closures/${c.id}/delete`} class="irisdesk-inline-form">
                    <CsrfField />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      {t('appointments.closures.remove')}
                    </button>
                  </form>
                ) : (
                  ''
                ),
              ])}
            />
          )}
          {props.canEdit && (
            <>
              <h3 class="utrecht-heading-3">{t('appointments.closures.add')}</h3>
              <ErrorSummary errors={props.closureErrors} labelOf={label} />
              <Form action={`/${lang}/admin/appointments/${settings.id}/closures`}>
                <DateField name="from" label={label('from')} errors={props.closureErrors} value={props.values?.from} required />
                <DateField name="to" label={label('to')} errors={props.closureErrors} value={props.values?.to} required />
                <TextField
                  name="seats"
                  type="number"
                  label={label('seats')}
                  description={t('appointments.closures.seatsHelp')}
                  errors={props.closureErrors}
                  value={props.values?.seats}
                />
                <TextField name="reason" label={label('reason')} errors={props.closureErrors} value={props.values?.reason} maxLength={200} />
                <CheckboxField name="allServices" label={label('allServices')} errors={props.closureErrors} checked={props.values?.allServices === 'true'} />
                <SubmitButton variant="secondary">{t('appointments.closures.submit')}</SubmitButton>
              </Form>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}
