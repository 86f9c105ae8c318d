// SQL of the inbox's service filter (issue 17): the catalogue's services that requests can name, by code and
// name. Drafts are left out (no request names one); withdrawn services stay, their old requests still do.
import type { Queryable } from '../../../platform/db/database.ts';
import type { LocalizedText } from '../../../platform/i18n/languages.ts';

export interface ServiceChoiceRow {
  code: string;
  name: LocalizedText;
}

export async function listServiceChoices(db: Queryable): Promise<ServiceChoiceRow[]> {
  const { rows } = await db.query<ServiceChoiceRow>(`SELECT code, name FROM services WHERE status <> 'draft' ORDER BY code`);
  return rows;
}
