// The portfolio of improvement actions and the regional projects grouping collective ones (competence center).
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type Language } from '../../platform/i18n/languages.ts';
import type { Actor } from '../../identity/actor.ts';
import { canViewRegion } from '../authorisation.ts';
import { editedText } from '../texts.ts';
import * as repo from './repository.ts';
import * as actionPlansRepo from '../action-plans/repository.ts';
import { authorise } from '../../identity/guards.ts';

export function portfolioService(db: Database) {
  return {
    // ---- Portfolio (competence center)
    async portfolio(actor: Actor) {
      authorise(canViewRegion(actor));
      const actions = await actionPlansRepo.listActions(db);
      const collective = new Map<string, actionPlansRepo.Action[]>();
      for (const action of actions.filter((a) => a.scope === 'collective' && a.status !== 'dropped')) {
        const key = action.criterionKey ?? 'other';
        collective.set(key, [...(collective.get(key) ?? []), action]);
      }
      return {
        actions,
        projects: await repo.listProjects(db),
        collective: [...collective]
          .map(([criterionKey, list]) => ({
            criterionKey,
            title: list[0]!.title,
            organisations: new Set(list.map((a) => a.organisationId)).size,
            ungrouped: list.filter((a) => !a.projectId).length,
            actions: list,
          }))
          .sort((a, b) => b.organisations - a.organisations || a.criterionKey.localeCompare(b.criterionKey)),
      };
    },

    async groupCollective(actor: Actor, criterionKey: string, title: string, lang: Language) {
      authorise(canViewRegion(actor));
      // The project is named after the collective action: kept unchanged, its three languages come along.
      const source = (await actionPlansRepo.listActions(db, { scope: 'collective' })).find((a) => a.criterionKey === criterionKey && !a.projectId)?.title;
      const result = await db.transaction((tx) =>
        repo.insertProjectGrouping(tx, { title: editedText(source, lang, title), criterionKey, createdBy: actor.accountId }),
      );
      if (result.grouped === 0) throw new AppError(409, 'competence.no_collective_actions');
      return result;
    },
  };
}
