// HTTP for custom surveys, by what each part serves: the builder (API /api/v1/surveys… and pages
// /{lang}/admin/surveys…), the results and their exports, and answering by public link or invitation
// (/{lang}/surveys/{slug}, /{lang}/surveys/invitations/{token}).
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { builderRoutes } from './builder/routes.tsx';
import { resultsRoutes } from './results/routes.tsx';
import { answeringRoutes } from './answering/routes.tsx';

export function surveysRoutes(app: App, services: Services) {
  builderRoutes(app, services);
  resultsRoutes(app, services);
  answeringRoutes(app, services);
}
