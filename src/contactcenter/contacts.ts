// Recording a contact: the one seam through which every channel (the console, the web form, inbound
// e-mail, a served queue ticket, an appointment marked seen) adds to the contact statistics.
// Call it inside the transaction that changes the source, so a contact exists exactly when the change does.
import type { Queryable } from '../platform/db/database.ts';
import type { Language } from '../platform/i18n/languages.ts';
import type { ContactChannel, ContactOutcome } from './model.ts';

export interface ContactInput {
  organisationId: string;
  channel: ContactChannel;
  direction?: 'inbound' | 'outbound';
  requestId?: string | null;
  partyId?: string | null;
  serviceCode?: string | null;
  contactPointId?: string | null;
  agentAccountId?: string | null;
  language: Language;
  startedAt: Date;
  endedAt?: Date | null;
  outcome?: ContactOutcome | null;
  /** What caused it. A ticket or an appointment is recorded at most once (unique index): a repeat is ignored. */
  source: { kind: 'request' | 'ticket' | 'appointment' | 'console'; id: string };
}

/** Records one contact; returns its id, or null when this ticket or appointment was already recorded. */
export async function recordContact(tx: Queryable, input: ContactInput): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cc_contacts (organisation_id, channel, direction, request_id, party_id, service_code,
                              contact_point_id, agent_account_id, language, started_at, ended_at, outcome,
                              source_kind, source_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      input.organisationId,
      input.channel,
      input.direction ?? 'inbound',
      input.requestId ?? null,
      input.partyId ?? null,
      input.serviceCode ?? null,
      input.contactPointId ?? null,
      input.agentAccountId ?? null,
      input.language,
      input.startedAt,
      input.endedAt ?? null,
      input.outcome ?? null,
      input.source.kind,
      input.source.id,
    ],
  );
  return rows[0]?.id ?? null;
}
