// The queue module's personal-data seam, wired into the privacy service (src/services.ts; issue 18, decision 0053).
import type { Queryable } from '../platform/db/database.ts';
import { eraseTickets, ticketsOfPerson } from './personal-data-repository.ts';

export const queuePersonalData = {
  export: (q: Queryable, organisationId: string | null, appointmentIds: string[], phone: string | null, email: string | null = null) =>
    ticketsOfPerson(q, organisationId, appointmentIds, phone, email),
  erase: (tx: Queryable, ticketIds: string[]) => eraseTickets(tx, ticketIds),
};
