// The library of good practices.
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type Language } from '../../platform/i18n/languages.ts';
import type { Actor } from '../../identity/actor.ts';
import { canEditPractices } from '../authorisation.ts';
import { resolveText, type TextInput } from '../texts.ts';
import { type Dimension } from '../scoring.ts';
import { isUuid } from '../../platform/http/schemas.ts';
import * as repo from './repository.ts';
import * as sharedRepo from '../repository.ts';
import { textsOrThrow } from '../lookups.ts';
import { authorise } from '../../identity/guards.ts';

export function practicesService(db: Database) {
  return {
    // ---- Good practices
    listPractices: (filter: { dimension?: Dimension | undefined; place?: sharedRepo.PracticePlace | undefined } = {}) => repo.listPractices(db, filter),

    async getPractice(id: string) {
      const practice = isUuid(id) ? await repo.findPractice(db, id) : undefined;
      if (!practice) throw new AppError(404, 'competence.practice_not_found');
      return practice;
    },

    /** A new practice: its texts in French and Dutch at least (English falls back when left empty). */
    async createPractice(actor: Actor, input: repo.PracticeInput) {
      authorise(canEditPractices(actor));
      const texts = textsOrThrow({
        title: resolveText(null, 'fr', input.title, 'title'),
        description: resolveText(null, 'fr', input.description, 'description'),
        outcome: resolveText(null, 'fr', input.outcome, 'outcome'),
      });
      return repo.findPractice(db, await repo.insertPractice(db, { ...input, ...texts })) as Promise<repo.Practice>;
    },

    async updatePractice(
      actor: Actor,
      id: string,
      version: number,
      input: {
        title: TextInput;
        place: sharedRepo.PracticePlace;
        dimension: Dimension;
        description: TextInput;
        outcome: TextInput;
        sourceLabel: string;
        sourceUrl: string | null;
      },
      lang: Language,
    ) {
      authorise(canEditPractices(actor));
      const practice = await this.getPractice(id);
      const texts = textsOrThrow({
        title: resolveText(practice.title, lang, input.title, 'title'),
        description: resolveText(practice.description, lang, input.description, 'description'),
        outcome: resolveText(practice.outcome, lang, input.outcome, 'outcome'),
      });
      const ok = await repo.updatePractice(db, practice.id, version, {
        ...texts,
        place: input.place,
        dimension: input.dimension,
        sourceLabel: input.sourceLabel.trim(),
        sourceUrl: input.sourceUrl,
      });
      if (!ok) throw new AppError(409, 'competence.practice_stale');
      return (await repo.findPractice(db, practice.id))!;
    },
  };
}
