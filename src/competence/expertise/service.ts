// Expertise requests to the competence center.
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Actor } from '../../identity/actor.ts';
import { recordAudit } from '../../audit/service.ts';
import { canAnswerExpertise, canRequestExpertise, canViewOrganisation, canViewRegion } from '../authorisation.ts';
import { type Dimension } from '../scoring.ts';
import { isUuid } from '../../platform/http/schemas.ts';
import * as repo from './repository.ts';
import * as sharedRepo from '../repository.ts';
import { authorise } from '../../identity/guards.ts';

export function expertiseService(db: Database) {
  return {
    // ---- Expertise requests
    async listRequests(actor: Actor) {
      return repo.listRequests(db, canViewRegion(actor) ? null : actor.organisationId);
    },

    async createRequest(actor: Actor, input: { subject: string; details: string; dimension: Dimension | null }) {
      authorise(canRequestExpertise(actor, actor.organisationId));
      const id = await repo.insertRequest(db, {
        ...input,
        subject: input.subject.trim(),
        details: input.details.trim(),
        organisationId: actor.organisationId,
        requestedBy: actor.accountId,
      });
      return (await repo.findRequest(db, id))!;
    },

    async getRequest(actor: Actor, id: string) {
      const request = isUuid(id) ? await repo.findRequest(db, id) : undefined;
      if (!request || !canViewOrganisation(actor, request.organisationId)) throw new AppError(404, 'competence.request_not_found');
      return request;
    },

    async answerRequest(actor: Actor, id: string, input: { version: number; status: sharedRepo.RequestStatus; response: string }) {
      authorise(canAnswerExpertise(actor));
      const request = await this.getRequest(actor, id);
      await db.transaction(async (tx) => {
        if (!(await repo.updateRequest(tx, request.id, input.version, { status: input.status, response: input.response.trim() }))) {
          throw new AppError(409, 'competence.request_stale');
        }
        // answering writes into the requesting organisation's record: audited for it
        await recordAudit(tx, actor, 'update', { type: 'competence_expertise_request', id: request.id, organisationId: request.organisationId }, undefined, {
          fields: ['status', 'response'],
        });
      });
      return (await repo.findRequest(db, request.id))!;
    },
  };
}
