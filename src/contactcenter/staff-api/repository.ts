// SQL of the staff API's requests (issue 18 item 10, decision 0059): an organisation's requests in the order they
// last changed, for a back-office system that follows them (keyset on updated_at then id, ascending, so that a
// follower resumes where it stopped; served by cc_requests_updated_idx read backwards).
import type { Queryable } from '../../platform/db/database.ts';
import type { ContactChannel, RequestStatus, SlaState } from '../model.ts';

export interface ChangedRequestRow {
  id: string;
  reference: string;
  subject: string;
  status: RequestStatus;
  channel: ContactChannel;
  language: 'fr' | 'nl' | 'en';
  serviceCode: string | null;
  slaState: SlaState;
  unitId: string | null;
  assigneeId: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** updated_at as PostgreSQL text (microseconds kept), for the cursor. */
  cursorAt: string;
}

export interface ChangedRequestsQuery {
  organisationId: string;
  /** A status, 'active' (every status but closed) or 'all'. */
  status: RequestStatus | 'active' | 'all';
  updatedSince: Date | null;
  after: { updatedAt: string; id: string } | null;
  /** Rows asked for: the caller asks one more than it shows, to know whether there is a next page. */
  limit: number;
}

export async function listChangedRequests(db: Queryable, q: ChangedRequestsQuery): Promise<ChangedRequestRow[]> {
  const { rows } = await db.query<ChangedRequestRow>(
    `SELECT r.id, r.reference, r.subject, r.status, r.channel, r.language, r.service_code AS "serviceCode", r.sla_state AS "slaState",
            r.unit_id AS "unitId", r.assignee_id AS "assigneeId", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
            r.closed_at AS "closedAt", r.updated_at::text AS "cursorAt"
       FROM cc_requests r
      WHERE r.organisation_id = $1
        AND ($2 = 'all' OR ($2 = 'active' AND r.status <> 'closed') OR r.status = $2)
        AND ($3::timestamptz IS NULL OR r.updated_at >= $3::timestamptz)
        AND ($4::timestamptz IS NULL OR (r.updated_at, r.id) > ($4::timestamptz, $5::uuid))
      ORDER BY r.updated_at, r.id
      LIMIT $6`,
    [q.organisationId, q.status, q.updatedSince, q.after?.updatedAt ?? null, q.after?.id ?? null, q.limit],
  );
  return rows;
}

/** The id of the request with this reference, whatever its organisation (the caller checks it). */
export async function findRequestIdByReference(db: Queryable, reference: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM cc_requests WHERE reference = $1', [reference]);
  return rows[0]?.id;
}
