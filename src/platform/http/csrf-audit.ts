// A form post refused by the CSRF check is a security event: forged cross-site posts, replayed forms. It is
// written to the audit log (action 'denied', subject 'csrf') with the actor when a session came with it,
// the route *pattern* (never the URL itself: some paths carry secret tokens, queries may carry e-mail
// addresses), the method and the reason. Anonymous refusals are capped per process and minute, so that a
// flood of forged posts cannot flood the log; signed-in ones are always recorded (the forged post against
// a signed-in victim is the attack worth reviewing).
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/database.ts';
import { recordAuditEntry } from '../../audit/service.ts';

export const CSRF_AUDIT_SUBJECT = 'csrf';
const ANONYMOUS_PER_MINUTE = 60;

/** The errors @fastify/csrf-protection answers with (403). */
export function isCsrfRefusal(error: { code?: string }): boolean {
  return error.code === 'FST_CSRF_MISSING_SECRET' || error.code === 'FST_CSRF_INVALID_TOKEN';
}

export function csrfAuditor(db: Queryable, options: { anonymousPerMinute?: number } = {}) {
  const cap = options.anonymousPerMinute ?? ANONYMOUS_PER_MINUTE;
  let minute = 0;
  let anonymous = 0;
  return async function recordRefusedCsrf(request: FastifyRequest, error: Error & { code?: string }): Promise<void> {
    const actor = request.actor;
    if (!actor) {
      const now = Math.floor(Date.now() / 60_000);
      if (now !== minute) {
        minute = now;
        anonymous = 0;
      }
      if (++anonymous > cap) return;
    }
    try {
      await recordAuditEntry(db, {
        actorAccountId: actor?.accountId ?? null,
        actorOrganisationId: actor?.organisationId ?? null,
        action: 'denied',
        subjectType: CSRF_AUDIT_SUBJECT,
        subjectId: null,
        // The actor's organisation reviews it; anonymous ones are for platform administrators.
        organisationId: actor?.organisationId ?? null,
        requestId: request.id,
        details: {
          reason: error.code === 'FST_CSRF_MISSING_SECRET' ? 'missing_secret' : 'invalid_token',
          method: request.method,
          path: request.routeOptions?.url ?? null,
          lang: request.lang,
        },
      });
    } catch (auditError) {
      // The refusal stands even if the entry cannot be written.
      request.log.warn({ err: auditError }, 'could not audit a refused CSRF check');
    }
  };
}
