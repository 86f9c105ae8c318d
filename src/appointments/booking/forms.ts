// The booking forms' shapes and their checks: what the details, "check your answers" and waiting-list forms
// post, which contact the person chose, and how a refusal of the service becomes field errors on the form.
import { Type, type Static } from 'typebox';
import { toAppError } from '../../platform/http/error-handler.tsx';
import type { FieldError } from '../../platform/http/errors.ts';
import { isLanguage, type Language } from '../../platform/i18n/languages.ts';
import { contactErrors } from '../contact.ts';
import { SlotTakenError, type PublicSlot } from './slot-finder.ts';
import type { SettingsRecord } from '../repository.ts';
import { isAppointmentMode, type AppointmentMode } from '../modes.ts';

export const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));

export const BookingForm = Type.Object({
  service: Str(64),
  point: Str(64),
  start: Str(40),
  postalCode: Str(10),
  name: Str(200),
  contactBy: Str(10),
  email: Str(254),
  phone: Str(40),
  language: Str(2),
  /** How the appointment takes place (decision 0056), among the modes offered. */
  mode: Str(10),
  /** The answer a "Change" button of "check your answers" goes back to. */
  focus: Str(20),
  /** The week to show, when a "Change" of the time carries the answers (decision 0042). */
  from: Str(20),
});
export type BookingForm = Static<typeof BookingForm>;

/** "How should we contact you?": the chosen way only (the other field may keep what was typed before). */
export function chosenContact(form: BookingForm): { email?: string; phone?: string } {
  if (form.contactBy === 'phone') return { phone: form.phone ?? '' };
  if (form.contactBy === 'email') return { email: form.email ?? '' };
  return {};
}

export function contactFields(form: BookingForm): FieldError[] {
  const fields: FieldError[] = [];
  if (!form.name?.trim()) fields.push({ field: 'name', code: 'validation.required' });
  if (form.contactBy !== 'email' && form.contactBy !== 'phone') fields.push({ field: 'contactBy', code: 'appointments.contactByRequired' });
  else if (!(form.contactBy === 'email' ? form.email : form.phone)?.trim()) fields.push({ field: form.contactBy, code: 'validation.required' });
  else fields.push(...contactErrors(chosenContact(form)));
  return fields;
}

/** The language of the notices: the one chosen, else the page's. */
export const noticeLanguage = (form: BookingForm, lang: Language): Language => (isLanguage(form.language) ? form.language : lang);

/** The person's answers to show again in the details form. */
export const personValues = (form: BookingForm, lang: Language) => ({
  name: form.name,
  contactBy: form.contactBy,
  email: form.email,
  phone: form.phone,
  language: noticeLanguage(form, lang),
  postalCode: form.postalCode,
  mode: form.mode,
});

/** The mode chosen, or the one a single-mode service has (at the counter when offered). */
export const modeOf = (form: BookingForm, settings: SettingsRecord): AppointmentMode =>
  isAppointmentMode(form.mode) ? form.mode : settings.modes.includes('counter') ? 'counter' : settings.modes[0]!;

/** A mode the service offers there; by phone, a number to call (given as the way to be reached). */
export function modeFields(form: BookingForm, settings: SettingsRecord): FieldError[] {
  const mode = modeOf(form, settings);
  if (!settings.modes.includes(mode)) return [{ field: 'mode', code: 'appointments.modeNotOffered' }];
  if (mode === 'phone' && form.contactBy !== 'phone') return [{ field: 'contactBy', code: 'appointments.phoneForCall' }];
  return [];
}

/** Field errors of a refusal to show in a form; anything else is rethrown to the error page. */
export function formErrors(raw: unknown): { errors: FieldError[]; status: number; alternatives?: PublicSlot[] } {
  const error = toAppError(raw as Error);
  if (error.status >= 500 || error.status === 404 || error.status === 401 || error.status === 403) throw raw;
  const errors = error.options.fields?.length ? error.options.fields : [{ field: 'form', code: `errors.${error.code}`, values: error.options.values }];
  return { errors, status: error.status, ...(raw instanceof SlotTakenError ? { alternatives: raw.alternatives } : {}) };
}
