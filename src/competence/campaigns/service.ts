// Campaigns and their questionnaire: creation with a copy of the default questionnaire, opening and closing, criteria edited before opening.
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type Language, type LocalizedText } from '../../platform/i18n/languages.ts';
import type { Actor } from '../../identity/actor.ts';
import { canManageCampaigns, canViewRegion } from '../authorisation.ts';
import { resolveText, type TextInput } from '../texts.ts';
import * as repo from './repository.ts';
import * as assessmentsRepo from '../assessments/repository.ts';
import * as sharedRepo from '../repository.ts';
import { type CompetenceLookups, textsOrThrow } from '../lookups.ts';
import { authorise } from '../../identity/guards.ts';

export function campaignsService(db: Database, { campaignOr404 }: CompetenceLookups) {
  return {
    // ---- Campaigns
    listCampaigns: () => repo.listCampaigns(db),

    async getCampaign(code: string) {
      const campaign = await campaignOr404(code);
      return { campaign, criteria: await repo.listCriteria(db, campaign.id) };
    },

    async createCampaign(actor: Actor, input: { code: string; title: LocalizedText; closesOn: string | null }) {
      authorise(canManageCampaigns(actor));
      const id = await db.transaction((tx) => repo.insertCampaign(tx, { ...input, createdBy: actor.accountId }));
      if (!id) throw new AppError(409, 'competence.campaign_code_taken', { fields: [{ field: 'code', code: 'competence.validation.codeTaken' }] });
      return campaignOr404(input.code);
    },

    /** draft → open → closed; a closed campaign can be reopened. A stale version gives 409. */
    async setCampaignStatus(actor: Actor, code: string, version: number, status: sharedRepo.CampaignStatus) {
      authorise(canManageCampaigns(actor));
      const campaign = await campaignOr404(code);
      const allowed: Record<sharedRepo.CampaignStatus, sharedRepo.CampaignStatus[]> = { draft: ['open'], open: ['closed'], closed: ['open'] };
      if (!allowed[campaign.status].includes(status)) throw new AppError(409, 'competence.campaign_transition');
      if (!(await repo.setCampaignStatus(db, campaign.id, version, status))) throw new AppError(409, 'competence.campaign_stale');
      return campaignOr404(code);
    },

    /** A campaign's questionnaire is edited before it opens; once answers come in, it stays as it was. */
    async updateCriterion(actor: Actor, code: string, key: string, input: { version: number; title: TextInput; guidance: TextInput }, lang: Language) {
      authorise(canManageCampaigns(actor));
      const campaign = await campaignOr404(code);
      if (campaign.status !== 'draft') throw new AppError(409, 'competence.questionnaire_locked');
      const criterion = (await repo.listCriteria(db, campaign.id)).find((c) => c.key === key);
      if (!criterion) throw new AppError(404, 'competence.criterion_not_found');
      const texts = textsOrThrow({
        title: resolveText(criterion.title, lang, input.title, 'title'),
        guidance: resolveText(criterion.guidance, lang, input.guidance, 'guidance'),
      });
      const ok = await repo.updateCriterion(db, campaign.id, key, input.version, texts);
      if (!ok) throw new AppError(409, 'competence.criterion_stale');
      return (await repo.listCriteria(db, campaign.id)).find((c) => c.key === key)!;
    },

    /** The campaigns and, for each, where the actor's organisation stands. */
    async campaignsForActor(actor: Actor) {
      const campaigns = await repo.listCampaigns(db);
      return Promise.all(campaigns.map(async (campaign) => ({ campaign, own: await assessmentsRepo.findAssessment(db, campaign.id, actor.organisationId) })));
    },

    async participants(actor: Actor, code: string) {
      authorise(canViewRegion(actor));
      return repo.listParticipants(db, (await campaignOr404(code)).id);
    },
  };
}
