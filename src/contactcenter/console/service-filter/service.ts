// The inbox's service filter (issue 17): agents choose a service by its name in their language, while the
// address keeps `service=<catalogue code>` so that saved views and shared links keep working. A code that no
// service has (a mistyped link, a view saved before the service was removed) is refused with a message.
import type { Database } from '../../../platform/db/database.ts';
import { pickText, type Language } from '../../../platform/i18n/languages.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import * as repo from './repository.ts';

export interface ServiceChoice {
  code: string;
  /** The name in the agent's language, or in another one when the catalogue has none in theirs. */
  label: string;
  /** The language of the label when it is not the agent's (read out in that language). */
  lang?: Language | undefined;
}

export function consoleServiceFilter(db: Database) {
  return {
    /** Every service an agent may filter on, by name in `language`, in that language's alphabetical order. */
    async choices(language: Language): Promise<ServiceChoice[]> {
      const collator = new Intl.Collator(language, { sensitivity: 'base' });
      return (await repo.listServiceChoices(db))
        .map((row) => {
          const name = pickText(row.name, language);
          return { code: row.code, label: name.text || row.code, ...(name.lang === language ? {} : { lang: name.lang }) };
        })
        .sort((a, b) => collator.compare(a.label, b.label) || a.code.localeCompare(b.code));
    },

    /** The error of a code that is none of the choices (the page says so on its field), or none. */
    errorsOf(code: string | null | undefined, choices: ServiceChoice[], field = 'service'): FieldError[] {
      if (!code || choices.some((choice) => choice.code === code)) return [];
      return [{ field, code: 'console.filter.serviceUnknown', values: { code } }];
    },
  };
}

export type ConsoleServiceFilter = ReturnType<typeof consoleServiceFilter>;
