// What the person hears about an appointment: the confirmation, reminder, move and cancellation by e-mail (with
// an iCalendar event) and by text message, to whichever they gave; the reminder job 48 hours before; and the
// offer of a freed slot to the first person on the waiting list. Everything is sent in the caller's transaction.
import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../platform/db/database.ts';
import type { Language, LocalizedText } from '../platform/i18n/languages.ts';
import { pickText } from '../platform/i18n/languages.ts';
import { translator } from '../platform/i18n/messages.ts';
import { formatDate, formatTime } from '../platform/i18n/format.ts';
import { brusselsDate } from '../platform/calendar/brussels-time.ts';
import { enqueue, cancelJob } from '../platform/jobs/queue.ts';
import type { JobRegistry } from '../platform/jobs/registry.ts';
import type { mailService } from '../platform/mail/service.ts';
import type { smsService } from '../platform/sms/service.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { buildIcs } from './ics.ts';
import { pointAddress } from './address.ts';
import { appointmentSmsText, type SmsNoticeKind } from './sms-notices.ts';
import { hashToken } from './tokens.ts';
import { encodeOfferCode } from './short-links.ts';
import { meetingLink, type AppointmentMode } from './modes.ts';
import { parsePhoneNumber } from '../platform/sms/phone.ts';
import * as repo from './repository.ts';
import type { SettingsRecord } from './repository.ts';

export const REMINDER_JOB = 'appointment.reminder';
export const REMINDER_HOURS = 48;

export function appointmentNotices(deps: {
  db: Database;
  mail: ReturnType<typeof mailService>;
  sms: Pick<ReturnType<typeof smsService>, 'send'>;
  jobs: JobRegistry;
  publicUrl: string;
  mailFrom: string;
}) {
  const { db, mail, sms, jobs, publicUrl } = deps;
  const organizerEmail = /<([^<>]+)>$/.exec(deps.mailFrom)?.[1] ?? deps.mailFrom;

  const manageUrl = (lang: Language, token: string) => `${publicUrl}/${lang}/appointments/manage/${token}`;
  /** The link in a text message: /a/{token} redirects to the manage page in the booking's language. */
  const shortManageUrl = (token: string) => `${publicUrl}/a/${token}`;

  /** The notice by e-mail and by text message, to whichever the person gave. */
  async function notify(
    q: Queryable,
    kind: 'confirmation' | 'reminder' | 'cancellation' | 'moved',
    a: {
      id: string;
      reference: string;
      email: string | null;
      phone: string | null;
      name: string;
      language: Language;
      startsAt: Date;
      endsAt: Date;
      sequence: number;
      mode: AppointmentMode;
      videoTemplate?: string | null;
    },
    settings: SettingsRecord,
    token: string | null,
  ) {
    if (a.email) await sendAppointmentMail(q, kind, { ...a, email: a.email }, settings, token);
    if (a.phone) {
      const link = token && kind !== 'cancellation' ? shortManageUrl(token) : '';
      // A phone or video appointment names its mode where a counter one names its place (the video link is on
      // the manage page the short link opens: two links would not fit one message).
      const where = a.mode === 'counter' ? undefined : translator(a.language)(`appointments.sms.mode.${a.mode}`);
      await sendSms(q, kind, a.phone, a.language, settings, { reference: a.reference, startsAt: a.startsAt, link, where });
    }
  }

  async function sendSms(
    q: Queryable,
    kind: SmsNoticeKind,
    to: string,
    lang: Language,
    settings: SettingsRecord,
    a: { reference: string; startsAt: Date; link: string; where?: string | undefined },
  ) {
    const smsText = appointmentSmsText(kind, lang, { ...a, point: a.where ?? text(settings.pointName, lang) });
    await sms.send(
      {
        to,
        text: smsText,
        language: lang,
        purpose: kind === 'offer' ? 'appointment.waitlist_offer' : `appointment.${kind}`,
        organisationId: settings.organisationId,
      },
      { tx: q },
    );
  }
  const text = (value: LocalizedText, lang: Language) => pickText(value, lang).text;

  type Notified = {
    id: string;
    reference: string;
    name: string;
    language: Language;
    startsAt: Date;
    endsAt: Date;
    sequence: number;
    mode: AppointmentMode;
    videoTemplate?: string | null;
    phone: string | null;
  };

  const mailValues = (a: Notified, settings: SettingsRecord, token: string | null) => {
    const lang = a.language;
    return {
      name: a.name,
      service: text(settings.serviceName, lang),
      point: text(settings.pointName, lang),
      organisation: text(settings.organisationName, lang),
      address: pointAddress(settings, lang),
      date: formatDate(a.startsAt, lang),
      time: formatTime(a.startsAt, lang),
      reference: a.reference,
      link: token ? manageUrl(lang, token) : '',
      mode: translator(lang)(`appointments.mode.${a.mode}`),
      meetingLink: meetingLink(a) ?? '',
      phone: a.phone ? (parsePhoneNumber(a.phone)?.international ?? a.phone) : '',
    };
  };

  /** The lines that say how the appointment takes place: the place for a counter, else the call or the link. */
  const modeLines = (a: Notified, values: ReturnType<typeof mailValues>) => {
    const t = translator(a.language);
    if (a.mode === 'counter') return t('appointments.mail.details', values);
    return `${t('appointments.mail.detailsRemote', values)}\n\n${t(`appointments.mail.mode.${a.mode}`, values)}`;
  };

  /** The appointment as a calendar event (the e-mails' attachment and the "add to calendar" download). */
  function calendarEvent(a: Notified & { email: string | null }, settings: SettingsRecord, token: string | null, cancelled = false): string {
    const values = mailValues(a, settings, token);
    const t = translator(a.language);
    // The location says where to be: the counter's address, the meeting link, or that the agent calls.
    const location = a.mode === 'video' ? values.meetingLink : a.mode === 'phone' ? t('appointments.ics.phone', values) : `${values.point}, ${values.address}`;
    const description = t('appointments.mail.icsDescription', values);
    return buildIcs({
      uid: `${a.id}@irisdesk`,
      sequence: a.sequence,
      start: a.startsAt,
      end: a.endsAt,
      summary: a.mode === 'counter' ? `${values.service} – ${values.point}` : `${values.service} – ${values.mode}`,
      location,
      description: a.mode === 'counter' ? description : `${t(`appointments.mail.mode.${a.mode}`, values)}\n${description}`,
      ...(a.mode === 'video' ? { url: values.meetingLink } : {}),
      organizer: { name: values.organisation, email: organizerEmail },
      attendee: { name: a.name, email: a.email ?? '' },
      cancelled,
    });
  }

  async function sendAppointmentMail(
    q: Queryable,
    kind: 'confirmation' | 'reminder' | 'cancellation' | 'moved',
    a: Notified & { email: string },
    settings: SettingsRecord,
    token: string | null,
  ) {
    const lang = a.language;
    const t = translator(lang);
    const values = mailValues(a, settings, token);
    const body = [t(`appointments.mail.${kind}.body`, values), '', modeLines(a, values)];
    if (token && kind !== 'cancellation') body.push('', t('appointments.mail.manage', values));
    const ics = calendarEvent(a, settings, token, kind === 'cancellation');
    await mail.send(
      {
        to: a.email,
        subject: t(`appointments.mail.${kind}.subject`, values),
        text: body.join('\n'),
        language: lang,
        purpose: `appointment.${kind}`,
        organisationId: settings.organisationId,
        attachments:
          kind === 'reminder'
            ? []
            : [
                {
                  filename: 'appointment.ics',
                  contentType: `text/calendar; charset=utf-8; method=${kind === 'cancellation' ? 'CANCEL' : 'PUBLISH'}`,
                  content: ics,
                },
              ],
      },
      { tx: q },
    );
  }

  async function scheduleReminder(q: Queryable, appointmentId: string, start: Date, now: Date) {
    const runAt = new Date(start.getTime() - REMINDER_HOURS * 3_600_000);
    if (runAt.getTime() <= now.getTime()) {
      await cancelJob(q, REMINDER_JOB, appointmentId);
      return;
    }
    await enqueue(q, REMINDER_JOB, { appointmentId }, { runAt, uniqueKey: appointmentId, replace: true, maxAttempts: 5 });
  }

  jobs.register<{ appointmentId: string }>(REMINDER_JOB, async (payload) => {
    if (typeof payload?.appointmentId !== 'string' || !isUuid(payload.appointmentId)) return;
    await db.transaction(async (tx) => {
      const a = await repo.findAppointmentById(tx, payload.appointmentId, true);
      if (!a || a.status !== 'booked' || new Date(a.startsAt).getTime() <= Date.now()) return;
      const settings = await repo.findSettings(tx, a.contactPointId, a.serviceCode);
      if (!settings) return;
      // The reminder carries a manage link; the booking's own secret is known only as its hash, so the reminder
      // gets a second one (the first, in the confirmation, keeps working).
      const token = randomBytes(24).toString('base64url');
      await repo.setReminderTokenHash(tx, a.id, hashToken(token));
      await notify(tx, 'reminder', { ...a, startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt) }, settings, token);
    });
  });

  /** A freed slot in the future goes to the first person on the waiting list, by e-mail. */
  async function offerFreedSlot(q: Queryable, settings: SettingsRecord, start: Date, now: Date) {
    if (start.getTime() <= now.getTime()) return;
    const person = await repo.offerToFirstWaiting(q, settings.contactPointId, settings.serviceId, start);
    if (!person) return;
    const lang = person.language;
    const t = translator(lang);
    const day = brusselsDate(start);
    const link = `${publicUrl}/${lang}/appointments/slots?service=${settings.serviceCode}&point=${settings.contactPointId}&from=${day}`;
    // By text message, the short form /t/{code} that redirects there (one SMS holds it).
    const shortLink = `${publicUrl}/t/${encodeOfferCode(lang, settings.id, day)}`;
    const values = {
      name: person.name,
      service: text(settings.serviceName, lang),
      point: text(settings.pointName, lang),
      date: formatDate(start, lang),
      time: formatTime(start, lang),
      link,
    };
    if (person.phone) await sendSms(q, 'offer', person.phone, lang, settings, { reference: '', startsAt: start, link: shortLink });
    if (!person.email) return;
    await mail.send(
      {
        to: person.email,
        subject: t('appointments.mail.offer.subject', values),
        text: t('appointments.mail.offer.body', values),
        language: lang,
        purpose: 'appointment.waitlist_offer',
        organisationId: settings.organisationId,
      },
      { tx: q },
    );
  }

  return { notify, scheduleReminder, offerFreedSlot, manageUrl, calendarEvent };
}
