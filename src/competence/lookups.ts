// Look-ups and checks shared by the competence center's section services.
import type { Database } from '../platform/db/database.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { type LocalizedText } from '../platform/i18n/languages.ts';
import type { Actor } from '../identity/actor.ts';
import { canViewOrganisation } from './authorisation.ts';
import { scoreAssessment, type Scores } from './scoring.ts';
import * as repo from './repository.ts';
import * as assessmentsRepo from './assessments/repository.ts';
import * as campaignsRepo from './campaigns/repository.ts';

/** Refuses an edit whose texts lack a required language (one field error per missing language). */
export function textsOrThrow<K extends string>(resolved: Record<K, { text: LocalizedText; errors: FieldError[] }>): Record<K, LocalizedText> {
  const errors = Object.values<{ errors: FieldError[] }>(resolved).flatMap((r) => r.errors);
  if (errors.length) throw new AppError(400, 'validation.failed', { fields: errors });
  return Object.fromEntries(Object.entries<{ text: LocalizedText }>(resolved).map(([k, r]) => [k, r.text])) as Record<K, LocalizedText>;
}

/** Look-ups every section of the competence center needs: campaigns and organisations or 404, scores. */
export function competenceLookups(db: Database) {
  async function campaignOr404(code: string) {
    const campaign = await campaignsRepo.findCampaign(db, code);
    if (!campaign) throw new AppError(404, 'competence.campaign_not_found');
    return campaign;
  }

  async function organisationOr404(code: string) {
    const organisation = await repo.findOrganisationRef(db, code);
    if (!organisation) throw new AppError(404, 'competence.organisation_not_found');
    return organisation;
  }

  /** An organisation the actor may look at; another's is "not found", so its participation does not leak. */
  async function visibleOrganisation(actor: Actor, code: string) {
    const organisation = await organisationOr404(code);
    if (!canViewOrganisation(actor, organisation.id)) throw new AppError(404, 'competence.organisation_not_found');
    return organisation;
  }

  async function scoresOf(campaign: campaignsRepo.Campaign, organisationId: string): Promise<Scores | null> {
    const assessment = await assessmentsRepo.findAssessment(db, campaign.id, organisationId);
    if (!assessment || assessment.status !== 'submitted') return null;
    const answers = await assessmentsRepo.listAnswers(db, assessment.id);
    return scoreAssessment(answers);
  }

  /** Scores of every organisation that submitted in a campaign. */
  async function campaignScores(campaignId: string): Promise<Map<string, Scores>> {
    const rows = await assessmentsRepo.submittedScores(db, campaignId);
    const byOrganisation = new Map<string, typeof rows>();
    for (const row of rows) byOrganisation.set(row.organisationId, [...(byOrganisation.get(row.organisationId) ?? []), row]);
    return new Map([...byOrganisation].map(([id, answers]) => [id, scoreAssessment(answers)]));
  }

  return { campaignOr404, organisationOr404, visibleOrganisation, scoresOf, campaignScores };
}

export type CompetenceLookups = ReturnType<typeof competenceLookups>;
