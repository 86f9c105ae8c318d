// The rules of the competence center, one service made of its sections: campaigns and their questionnaire,
// assessments with results and the regional benchmark, good practices, action plans, the portfolio of
// improvement projects, expertise requests and the versioned regional strategy. Callers see one
// `competence` service (services.competence); each section's rules are in its sub-folder's service.ts.
import type { Database } from '../platform/db/database.ts';
import { competenceLookups } from './lookups.ts';
import { campaignsService } from './campaigns/service.ts';
import { assessmentsService } from './assessments/service.ts';
import { practicesService } from './practices/service.ts';
import { actionPlansService } from './action-plans/service.ts';
import { portfolioService } from './portfolio/service.ts';
import { expertiseService } from './expertise/service.ts';
import { strategyService } from './strategy/service.ts';

export function competenceService(db: Database) {
  const lookups = competenceLookups(db);
  return {
    ...campaignsService(db, lookups),
    ...assessmentsService(db, lookups),
    ...practicesService(db),
    ...actionPlansService(db, lookups),
    ...portfolioService(db),
    ...expertiseService(db),
    ...strategyService(db, lookups),
  };
}

export type CompetenceService = ReturnType<typeof competenceService>;
