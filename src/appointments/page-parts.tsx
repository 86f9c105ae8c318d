// Pieces shared by the booking and manage pages: the person's fields (name and how to reach them), the step
// line, a point's address, the summary list of an appointment (GOV.UK's summary list, with "Change" actions),
// dates with their weekday, and the module's stylesheet (week view, summary list, confirmation panel).
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { ChoiceGroup, CsrfField, TextField } from '../platform/views/components.tsx';
import { registerAsset } from '../platform/http/assets.ts';
import { LOCALES, type Language } from '../platform/i18n/languages.ts';
import { TIME_ZONE } from '../platform/i18n/format.ts';
import { parsePhoneNumber } from '../platform/sms/phone.ts';
import type { SettingsRecord } from './repository.ts';
import { pointAddress } from './address.ts';

export type Values = Record<string, string | undefined>;

const stylesheet = registerAsset({ name: 'appointments', ext: 'css', files: [new URL('./appointments.css', import.meta.url)] });

/** The site layout with the appointments stylesheet. */
export function AppointmentLayout({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <Layout title={title} head={<link rel="stylesheet" href={stylesheet} />}>
      {children}
    </Layout>
  );
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** "Tuesday 8 December", "mardi 8 décembre", "dinsdag 8 december" (the year only when asked). */
export function formatDay(value: Date, lang: Language, withYear = false): string {
  const key = `${lang}:${withYear}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone: TIME_ZONE,
    });
    dayFormats.set(key, format);
  }
  return format.format(value);
}

/** A calendar day (YYYY-MM-DD) as an instant at its Brussels midday, for formatting. */
export const middayOf = (day: string) => new Date(`${day}T12:00:00Z`);

export const qs = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')).toString();

/** Where the notices go, as the person gave it: the e-mail address, else the phone number written internationally. */
export function contactShown(a: { email: string | null; phone: string | null }): string {
  if (a.email) return a.email;
  return a.phone ? (parsePhoneNumber(a.phone)?.international ?? a.phone) : '';
}

export const STEPS = ['service', 'point', 'slot', 'details', 'check', 'confirmation'] as const;

export function Steps({ current }: { current: (typeof STEPS)[number] }) {
  const { t } = usePage();
  return (
    <p class="utrecht-paragraph irisdesk-muted">
      {t('appointments.step', { current: STEPS.indexOf(current) + 1, total: STEPS.length, name: t(`appointments.steps.${current}`) })}
    </p>
  );
}

export function PointAddress({ settings }: { settings: SettingsRecord }) {
  return <>{pointAddress(settings, usePage().lang)}</>;
}

/**
 * The person's fields of a booking or of the waiting list: their name, then "How should we contact you?"
 * (GOV.UK's pattern): e-mail or text message, the chosen one's field revealed under it.
 */
export function PersonFields({ errors, values }: { errors?: FieldError[] | undefined; values: Values }) {
  const { t } = usePage();
  return (
    <>
      <TextField name="name" label={t('appointments.field.name')} errors={errors} value={values.name} autocomplete="name" required maxLength={200} />
      <ChoiceGroup
        type="radio"
        name="contactBy"
        legend={t('appointments.contact.legend')}
        hint={t('appointments.contact.hint')}
        label={t('appointments.field.contactBy')}
        checked={values.contactBy}
        errors={errors}
        required
        options={[
          {
            value: 'email',
            label: t('appointments.contact.byEmail'),
            conditional: (
              <TextField
                name="email"
                type="email"
                label={t('appointments.field.email')}
                errors={errors}
                value={values.email}
                autocomplete="email"
                maxLength={254}
              />
            ),
          },
          {
            value: 'phone',
            label: t('appointments.contact.byPhone'),
            conditional: (
              <TextField
                name="phone"
                type="tel"
                label={t('appointments.field.phone')}
                description={t('appointments.contact.phoneHelp')}
                errors={errors}
                value={values.phone}
                autocomplete="tel"
                maxLength={40}
              />
            ),
          },
        ]}
      />
    </>
  );
}

export interface SummaryRow {
  key: string;
  value: ComponentChildren;
  /** A "Change" link (href) or a button of another form (form id), named by the row for screen readers. */
  change?: { href: string } | { form: string; name: string; value: string; formAction?: string };
}

/** GOV.UK's summary list: a row per answer, each with its "Change" action. */
export function SummaryList({ rows }: { rows: SummaryRow[] }) {
  const { t } = usePage();
  return (
    <dl class="irisdesk-summary-list">
      {rows.map((row) => (
        <div class="irisdesk-summary-list__row">
          <dt class="irisdesk-summary-list__key">{row.key}</dt>
          <dd class="irisdesk-summary-list__value">{row.value}</dd>
          {row.change && (
            <dd class="irisdesk-summary-list__actions">
              {'href' in row.change ? (
                <a class="utrecht-link" href={row.change.href}>
                  {t('appointments.check.change')}
                  <span class="visually-hidden"> {row.key.toLocaleLowerCase()}</span>
                </a>
              ) : (
                <button
                  type="submit"
                  class="irisdesk-link-button"
                  form={row.change.form}
                  name={row.change.name}
                  value={row.change.value}
                  {...(row.change.formAction ? { formAction: row.change.formAction } : {})}
                >
                  {t('appointments.check.change')}
                  <span class="visually-hidden"> {row.key.toLocaleLowerCase()}</span>
                </button>
              )}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/** Every end page leads on: back to the service's page and home. */
export function OnwardLinks({ serviceCode, children }: { serviceCode: string; children?: ComponentChildren }) {
  const { t, lang } = usePage();
  return (
    <nav class="irisdesk-onward" aria-label={t('appointments.onward.label')}>
      <ul class="utrecht-unordered-list">
        {children}
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href={`/${lang}/services/${serviceCode}`}>
            {t('appointments.onward.service')}
          </a>
        </li>
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href={`/${lang}`}>
            {t('appointments.onward.home')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

/** The person's answers a "Change" of the service, place or time carries along (decision 0042: in the form, no session). */
export const CARRIED = ['name', 'contactBy', 'email', 'phone', 'language', 'mode'] as const;

/** The answers to carry, or undefined when nothing was typed yet. */
export function carriedOf(values: Values): Values | undefined {
  const carried = Object.fromEntries(CARRIED.filter((key) => values[key] !== undefined && values[key] !== '').map((key) => [key, values[key]]));
  return Object.keys(carried).length > 0 ? carried : undefined;
}

/**
 * The hidden form of a step reached by "Change" with answers typed: its buttons (anywhere on the page, through
 * their `form` attribute) post the answers with the choice they make, so the details form shows them again.
 */
export function CarryForm({ action, carry, fields }: { action: string; carry: Values; fields: Values }) {
  return (
    <form method="post" action={action} id="carry" hidden>
      <CsrfField />
      {Object.entries(fields).map(([name, value]) => value !== undefined && value !== '' && <input type="hidden" name={name} value={value} />)}
      <CarriedInputs carry={carry} />
    </form>
  );
}

export function CarriedInputs({ carry }: { carry: Values }) {
  return <>{CARRIED.map((name) => carry[name] !== undefined && <input type="hidden" name={name} value={carry[name]} />)}</>;
}
