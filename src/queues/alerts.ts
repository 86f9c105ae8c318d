// Text-message alerts of queue tickets (issue 19, part 2): a visitor may leave a mobile number with a ticket
// (optional: the kiosk's QR code opens the ticket page on their own phone, where they type it), and gets "your
// turn is near" once when N people or fewer are left before the ticket (N per contact point, 3 by default) and
// "please go to counter X" when called. Sent in the queue change's transaction; the number is erased when the
// ticket ends. Texts are short GSM-7 notices in the ticket's language.
import type { Queryable } from '../platform/db/database.ts';
import type { Language } from '../platform/i18n/languages.ts';
import { translator } from '../platform/i18n/messages.ts';
import type { smsService } from '../platform/sms/service.ts';
import { gsmSafe } from '../appointments/sms-notices.ts';
import * as repo from './repository.ts';
import type { TicketRecord } from './repository.ts';
import { displayNumber } from './rules.ts';

export type QueueSms = Pick<ReturnType<typeof smsService>, 'send'>;
export const NEAR_ALERT_DEFAULT = 3;

export function queueAlerts(sms: QueueSms | undefined) {
  async function send(tx: Queryable, ticket: TicketRecord, purpose: 'queue.near' | 'queue.called', key: string, values: Record<string, string | number>) {
    if (!sms || !ticket.phone) return;
    const lang: Language = ticket.language;
    const text = gsmSafe(translator(lang)(key, { number: displayNumber(ticket.prefix, ticket.number), ...values }));
    await sms.send({ to: ticket.phone, text, language: lang, purpose, organisationId: ticket.organisationId }, { tx });
  }

  return {
    /** After the queue of a point moved (a call, an issue, a number left): the "near" alerts now due, once each. */
    async nearAlerts(tx: Queryable, contactPointId: string, now: Date) {
      if (!sms) return;
      const people = await repo.nearAlertPeople(tx, contactPointId);
      for (const ticket of await repo.claimNearAlerts(tx, contactPointId, people, now)) {
        await send(tx, ticket, 'queue.near', 'queues.sms.near', { ahead: await repo.ticketsAhead(tx, ticket, now) });
      }
    },

    /** The ticket was called to a counter (not on a recall: one text is enough). */
    async called(tx: Queryable, ticket: TicketRecord, counterName: string) {
      await send(tx, ticket, 'queue.called', 'queues.sms.called', { counter: counterName });
    },
  };
}
