// Recommendation rules and action plans: generated actions, actions added and changed by the organisation.
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type Language } from '../../platform/i18n/languages.ts';
import type { Actor } from '../../identity/actor.ts';
import { canEditActionPlan, canViewOrganisation } from '../authorisation.ts';
import { resolveText, type TextInput } from '../texts.ts';
import { INDICATOR_KEYS } from '../indicators.ts';
import { isUuid } from '../../platform/http/schemas.ts';
import * as repo from './repository.ts';
import * as assessmentsRepo from '../assessments/repository.ts';
import * as sharedRepo from '../repository.ts';
import { type CompetenceLookups, textsOrThrow } from '../lookups.ts';
import { authorise } from '../../identity/guards.ts';

export function actionPlansService(db: Database, { campaignOr404, visibleOrganisation }: CompetenceLookups) {
  return {
    listRules: () => repo.listRules(db),

    // ---- Action plans
    async actionPlan(actor: Actor, organisationCode: string) {
      const organisation = await visibleOrganisation(actor, organisationCode);
      return { organisation, actions: await repo.listActions(db, { organisationId: organisation.id }), canEdit: canEditActionPlan(actor, organisation.id) };
    },

    async getAction(actor: Actor, id: string) {
      const action = isUuid(id) ? await repo.findAction(db, id) : undefined;
      if (!action || !canViewOrganisation(actor, action.organisationId)) throw new AppError(404, 'competence.action_not_found');
      return action;
    },

    async updateAction(
      actor: Actor,
      id: string,
      input: {
        version: number;
        title: TextInput;
        owner: string;
        dueOn: string | null;
        status: sharedRepo.ActionStatus;
        indicator: string;
        targetValue: number | null;
        horizon: sharedRepo.Horizon;
      },
      lang: Language,
    ) {
      const action = await this.getAction(actor, id);
      authorise(canEditActionPlan(actor, action.organisationId));
      if (!INDICATOR_KEYS.includes(input.indicator)) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'indicator', code: 'competence.validation.unknownIndicator' }] });
      }
      const { title } = textsOrThrow({ title: resolveText(action.title, lang, input.title, 'title') });
      const ok = await repo.updateAction(db, action.id, input.version, {
        title,
        owner: input.owner.trim(),
        dueOn: input.dueOn,
        status: input.status,
        indicator: input.indicator,
        targetValue: input.targetValue,
        horizon: input.horizon,
      });
      if (!ok) throw new AppError(409, 'competence.action_stale');
      return (await repo.findAction(db, action.id))!;
    },

    async addAction(
      actor: Actor,
      organisationCode: string,
      input: {
        title: TextInput;
        owner: string;
        dueOn: string | null;
        indicator: string;
        targetValue: number | null;
        horizon: sharedRepo.Horizon;
        scope: sharedRepo.Scope;
      },
      lang: Language,
    ) {
      const organisation = await visibleOrganisation(actor, organisationCode);
      authorise(canEditActionPlan(actor, organisation.id));
      if (!INDICATOR_KEYS.includes(input.indicator)) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'indicator', code: 'competence.validation.unknownIndicator' }] });
      }
      const { title } = textsOrThrow({ title: resolveText(null, lang, input.title, 'title') });
      if (await repo.hasOpenActionTitled(db, organisation.id, title)) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'title', code: 'competence.validation.duplicateAction' }] });
      }
      const id = await repo.insertAction(db, organisation.id, { ...input, title, owner: input.owner.trim(), status: 'planned' });
      return (await repo.findAction(db, id))!;
    },

    /** Runs the rules again on a submitted assessment (new rules, or after a reopened campaign). */
    async regenerateActionPlan(actor: Actor, campaignCode: string, organisationCode: string) {
      const campaign = await campaignOr404(campaignCode);
      const organisation = await visibleOrganisation(actor, organisationCode);
      authorise(canEditActionPlan(actor, organisation.id));
      const assessment = await assessmentsRepo.findAssessment(db, campaign.id, organisation.id);
      if (!assessment || assessment.status !== 'submitted') throw new AppError(409, 'competence.not_submitted');
      return db.transaction((tx) => repo.generateActionPlan(tx, assessment.id));
    },
  };
}
