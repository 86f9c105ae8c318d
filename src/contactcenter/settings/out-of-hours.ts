// The automatic reply outside business hours (issue 17 item 7, decision 0052). A request that arrives through
// the web contact form or an inbound mailbox while the organisation's business calendar is closed gets one
// e-mail in the person's language: received, closed now, the expected answer by the first-response due time
// (the SLA target counted in business minutes of the same calendar), and the organisation's own text if it
// wrote one. Managers switch it on per mailbox and for the web form (settings page "out-of-hours"). Called in
// the request's transaction by the intake (intake/service.ts) and the inbound mail (inbound-mail/receive.ts);
// claimed in cc_out_of_hours_replies, so a request never gets it twice, and sent through the mail queue.
import type { Queryable } from '../../platform/db/database.ts';
import type { MailService } from '../../platform/mail/service.ts';
import { LOCALES, type Language } from '../../platform/i18n/languages.ts';
import { translator } from '../../platform/i18n/messages.ts';
import { TIME_ZONE } from '../../platform/i18n/format.ts';
import { slaSettingsFor, type BusinessClock } from '../sla.ts';
import { claimOutOfHoursReply, outOfHoursReplyOf } from './repository.ts';

export interface NewRequestForReply {
  id: string;
  reference: string;
  organisationId: string;
  channel: 'web' | 'email';
  /** For mail: the address of the inbound mailbox it was sent to. */
  mailboxAddress?: string | undefined;
  serviceCode: string | null;
  language: Language;
  email: string;
  receivedAt: Date;
}

/** Closed at `at`: the calendar counts no business time in the minute that follows. */
export const closedAt = (clock: BusinessClock, at: Date) => clock.businessMinutesBetween(at, new Date(at.getTime() + 60_000)) === 0;

/** "lundi 8 décembre 2026 à 11:00", "maandag 8 december 2026 om 11:00", "Monday 8 December 2026 at 11:00". */
export function expectedTimeInWords(at: Date, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  }).format(at);
}

/** Sends the reply when it is on for the request's channel and the calendar is closed; true when sent. */
export async function sendOutOfHoursReply(tx: Queryable, mail: Pick<MailService, 'send'>, request: NewRequestForReply): Promise<boolean> {
  const setting = await outOfHoursReplyOf(tx, request.organisationId, request.channel === 'email' ? (request.mailboxAddress ?? '') : null);
  if (!setting.enabled) return false;
  const { target, clock, organisation } = await slaSettingsFor(tx, request.organisationId, request.channel, request.serviceCode);
  if (!closedAt(clock, request.receivedAt)) return false;
  if (!(await claimOutOfHoursReply(tx, request.id))) return false;
  const expected = clock.addBusinessMinutes(request.receivedAt, target.firstResponseMinutes);
  const t = translator(request.language);
  const orgName = organisation.name[request.language] ?? organisation.name.fr ?? organisation.code;
  const custom = setting.customText[request.language]?.trim();
  await mail.send(
    {
      to: request.email,
      subject: t('ccSettings.outOfHours.mail.subject', { reference: request.reference }),
      text: [
        t('ccSettings.outOfHours.mail.body', {
          reference: request.reference,
          organisation: orgName,
          expected: expectedTimeInWords(expected, request.language),
        }),
        ...(custom ? [custom] : []),
        t('ccSettings.outOfHours.mail.footer'),
      ].join('\n\n'),
      language: request.language,
      purpose: 'contact.out_of_hours',
      organisationId: request.organisationId,
      fromName: `${orgName} via IrisDesk`.slice(0, 150),
      headers: { 'Auto-Submitted': 'auto-replied' },
    },
    { tx },
  );
  return true;
}
