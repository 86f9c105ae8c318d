// Recording and reviewing the audit log. Entries are visible to the managers of the organisation whose data
// it is, and to platform administrators.
import type { Database, Queryable } from '../platform/db/database.ts';
import { hasRole, type Actor } from '../identity/actor.ts';
import {
  entriesAbout,
  insertAuditEntry,
  insertReadEntryOnce,
  listAuditEntries,
  pseudonymiseEntries,
  purgeEntriesBefore,
  purgeReadMarks,
  type AuditAction,
  type AuditEntry,
  type AuditRow,
} from './repository.ts';
import { authorise } from '../identity/guards.ts';
import { canReviewAudit } from './authorisation.ts';
import { maskDetails, maskSubjectId } from './masking.ts';

export type { AuditAction, AuditEntry };

export { canReviewAudit };

/** An entry as a reviewer sees it: `masked` when its personal values were replaced (masking.ts). */
export type ReviewedEntry = AuditRow & { masked: boolean };

export type AuditSubject = { type: string; id: string | null; organisationId: string | null };

/** Records that an actor read or changed a subject, on the given database or inside a transaction. */
export function recordAudit(q: Queryable, actor: Actor, action: AuditAction, subject: AuditSubject, requestId?: string, details?: Record<string, unknown>) {
  return insertAuditEntry(q, {
    actorAccountId: actor.accountId,
    actorOrganisationId: actor.organisationId,
    action,
    subjectType: subject.type,
    subjectId: subject.id,
    organisationId: subject.organisationId,
    requestId: requestId ?? null,
    details: details ?? {},
  });
}

/**
 * Records an entry as given, on the database or inside the caller's transaction: for entries without a
 * signed-in actor (sign-in failures, refused CSRF checks, inbound mail) or about another organisation's data.
 */
export function recordAuditEntry(q: Queryable, entry: AuditEntry): Promise<void> {
  return insertAuditEntry(q, entry);
}

/** Repeated reads of one subject by one actor within this window make one audit entry (10 minutes). */
export const READ_AUDIT_WINDOW_SECONDS = 600;

/**
 * Records a read of one subject, once per actor and window: a page refreshed live (the console's request
 * view) would otherwise write an entry per refresh. The first read is always recorded; concurrent reads
 * record one entry (see insertReadEntryOnce). Returns true when an entry was written.
 */
export async function recordReadOnce(
  q: Queryable,
  actor: Actor,
  subject: AuditSubject & { id: string },
  requestId?: string,
  details?: Record<string, unknown>,
  windowSeconds = READ_AUDIT_WINDOW_SECONDS,
): Promise<boolean> {
  const written = await insertReadEntryOnce(
    q,
    {
      actorAccountId: actor.accountId,
      actorOrganisationId: actor.organisationId,
      subjectType: subject.type,
      subjectId: subject.id,
      organisationId: subject.organisationId,
      requestId: requestId ?? null,
      details: details ?? {},
    },
    windowSeconds,
  );
  // Housekeeping now and then, on a new mark: marks older than a day are useless.
  if (written && Math.random() < 0.01) await purgeReadMarks(q);
  return written;
}

export function auditService(db: Database) {
  return {
    /** Records that an actor read or changed a subject belonging to an organisation. */
    record(actor: Actor, action: AuditAction, subject: AuditSubject, requestId?: string, details?: Record<string, unknown>) {
      return recordAudit(db, actor, action, subject, requestId, details);
    },
    /** Records an entry as given: where no one is signed in yet (an account made at its first sign-in). */
    recordEntry(entry: AuditEntry) {
      return recordAuditEntry(db, entry);
    },
    /**
     * The entries the actor reviews, newest first. `mayReadCitizenData` is the privacy service's filter (a platform
     * administrator reaches another organisation's citizens' data only with a live support access): an entry it
     * refuses keeps what happened, when and by whom, and loses the values of its details and subject that could
     * name a person (masking.ts), marked `masked`.
     */
    async list(
      actor: Actor,
      filter: { subjectType?: string | undefined; subjectId?: string | undefined; limit?: number | undefined },
      mayReadCitizenData: (organisationId: string | null) => boolean,
    ): Promise<ReviewedEntry[]> {
      authorise(canReviewAudit(actor));
      const rows = await listAuditEntries(db, {
        organisationId: hasRole(actor, 'platform_admin') ? null : actor.organisationId,
        subjectType: filter.subjectType,
        subjectId: filter.subjectId,
        limit: Math.min(filter.limit ?? 200, 1000),
      });
      return rows.map((row) =>
        mayReadCitizenData(row.organisation_id)
          ? { ...row, masked: false }
          : { ...row, subject_id: maskSubjectId(row.subject_id), details: maskDetails(row.details), masked: true },
      );
    },
    /** The entries about a person's subjects, their pseudonymisation and the retention (src/privacy, issue 18). */
    personalData: {
      export: (q: Queryable, subjectIds: string[]) => entriesAbout(q, subjectIds),
      pseudonymise: (tx: Queryable, pseudonyms: ReadonlyMap<string, string>) => pseudonymiseEntries(tx, pseudonyms),
      purgeBefore: (tx: Queryable, organisationId: string, days: number) => purgeEntriesBefore(tx, organisationId, days),
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
