// HTTP for the competence center, section by section: each sub-folder registers its JSON API under
// /api/v1/competence and its back-office pages under /{lang}/competence (handlers parse, call the service and
// render; the rules live in the sections' service.ts).
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { CampaignSchema, CriterionSchema } from './campaigns/schemas.ts';
import { AssessmentSchema, RegionSchema, ResultsSchema } from './assessments/schemas.ts';
import { PracticeSchema } from './practices/schemas.ts';
import { ActionSchema } from './action-plans/schemas.ts';
import { RequestSchema } from './expertise/schemas.ts';
import { StrategySchema } from './strategy/schemas.ts';
import { campaignRoutes } from './campaigns/routes.tsx';
import { assessmentRoutes } from './assessments/routes.tsx';
import { practiceRoutes } from './practices/routes.tsx';
import { actionPlanRoutes } from './action-plans/routes.tsx';
import { portfolioRoutes } from './portfolio/routes.tsx';
import { expertiseRoutes } from './expertise/routes.tsx';
import { strategyRoutes } from './strategy/routes.tsx';

export function competenceRoutes(app: App, services: Services) {
  for (const schema of [
    CampaignSchema,
    CriterionSchema,
    AssessmentSchema,
    ResultsSchema,
    RegionSchema,
    PracticeSchema,
    ActionSchema,
    RequestSchema,
    StrategySchema,
  ]) {
    app.addSchema(schema);
  }
  campaignRoutes(app, services);
  assessmentRoutes(app, services);
  practiceRoutes(app, services);
  actionPlanRoutes(app, services);
  portfolioRoutes(app, services);
  expertiseRoutes(app, services);
  strategyRoutes(app, services);
}
