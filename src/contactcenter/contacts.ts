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
  source: { kind: 'request' | 'ticket' | 'appointment' | 'console' | 'call'; id: string };
}

/** Records one contact; returns its id, or null when this ticket or appointment was already recorded. */
export async function recordContact(tx: Queryable, input: ContactInput): Promise<string | null> {
  const insert = contactInsert(input, 1);
  const { rows } = await tx.query<{ id: string }>(`${insert.sql} ON CONFLICT DO NOTHING RETURNING id`, insert.params);
  return rows[0]?.id ?? null;
}

/**
 * recordContact's INSERT (without ON CONFLICT / RETURNING), its parameters numbered from `first`, for a
 * caller that records the contact within a statement of its own (createRequest: request, first message and
 * contact in one WITH). `when`: an SQL condition; the contact is only inserted when it holds.
 */
export function contactInsert(input: ContactInput, first: number, when?: string): { sql: string; params: unknown[] } {
  const params = [
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
  ];
  const p = (n: number) => `$${first + n}`;
  // Typed, so that the values also read as a SELECT list (INSERT … SELECT … WHERE when).
  const values = [
    `${p(0)}::uuid`,
    `${p(1)}::text`,
    `${p(2)}::text`,
    `${p(3)}::uuid`,
    `${p(4)}::uuid`,
    `${p(5)}::text`,
    `${p(6)}::uuid`,
    `${p(7)}::uuid`,
    `${p(8)}::text`,
    `${p(9)}::timestamptz`,
    `${p(10)}::timestamptz`,
    `${p(11)}::text`,
    `${p(12)}::text`,
    `${p(13)}::text`,
  ].join(', ');
  return {
    sql: `INSERT INTO cc_contacts (organisation_id, channel, direction, request_id, party_id, service_code,
                              contact_point_id, agent_account_id, language, started_at, ended_at, outcome,
                              source_kind, source_id)
     ${when ? `SELECT ${values} WHERE ${when}` : `VALUES (${values})`}`,
    params,
  };
}

/** Attaches a contact recorded before its request was known (a telephone call) to that request of the same organisation. */
export async function linkContactToRequest(tx: Queryable, contact: { id: string; organisationId: string }, requestId: string): Promise<void> {
  await tx.query(
    `UPDATE cc_contacts c SET request_id = r.id, party_id = coalesce(c.party_id, r.party_id)
       FROM cc_requests r
      WHERE c.id = $1 AND c.organisation_id = $2 AND r.id = $3 AND r.organisation_id = $2`,
    [contact.id, contact.organisationId, requestId],
  );
}
