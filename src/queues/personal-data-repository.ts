// A person's queue tickets for a data subject request (src/privacy, issue 18, decision 0053): tickets hold no name;
// they are the person's when they checked in for one of their appointments, left their phone number for an alert
// or their e-mail address with a ticket taken online (decision 0061; kept until the ticket ends).
import type { Queryable } from '../platform/db/database.ts';

export interface PersonTicket {
  id: string;
  ticket: string;
  day: string;
  serviceCode: string;
  status: string;
  issuedAt: Date;
  phone: string | null;
  email: string | null;
}

export async function ticketsOfPerson(
  q: Queryable,
  organisationId: string | null,
  appointmentIds: string[],
  phone: string | null,
  email: string | null = null,
): Promise<PersonTicket[]> {
  const { rows } = await q.query<PersonTicket>(
    `SELECT id, prefix || number AS ticket, to_char(day, 'YYYY-MM-DD') AS day, service_code AS "serviceCode", status, issued_at AS "issuedAt", phone, email
       FROM queue_tickets
      WHERE ($1::uuid IS NULL OR organisation_id = $1)
        AND (appointment_id = ANY($2::uuid[]) OR ($3::text IS NOT NULL AND phone = $3) OR ($4::text IS NOT NULL AND lower(email) = lower($4)))
      ORDER BY issued_at`,
    [organisationId, appointmentIds, phone, email],
  );
  return rows;
}

/** Forgets the tickets' phone numbers, addresses and "my ticket" links; the tickets stay for the waiting-time figures. */
export async function eraseTickets(q: Queryable, ticketIds: string[]): Promise<number> {
  if (!ticketIds.length) return 0;
  const { rowCount } = await q.query(`UPDATE queue_tickets SET phone = NULL, email = NULL, token_hash = NULL WHERE id = ANY($1::uuid[])`, [ticketIds]);
  return rowCount;
}
