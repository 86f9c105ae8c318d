// Reference data shipped with IrisDesk (copied from the shared catalogue, stable codes): loaded at every
// start, inserting what is missing and never overwriting what administrators have edited since.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import type { OrganisationKind } from '../organisations/service.ts';

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export function readReferenceFile<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(DATA_DIR, name), 'utf8')) as T;
}

export interface ReferenceOrganisation {
  code: string;
  kind: OrganisationKind;
  name: LocalizedText;
  shortName?: LocalizedText;
  mission?: LocalizedText;
  postalCodes?: string[];
}

export async function seedReferenceOrganisations(db: Queryable): Promise<number> {
  const organisations = readReferenceFile<ReferenceOrganisation[]>('organisations.json');
  // One statement for all rows: a start stays fast even on the embedded database.
  const { rowCount } = await db.query(
    `INSERT INTO organisations (code, kind, name, short_name, mission, postal_codes)
     SELECT o.code, o.kind, o.name, o.short_name, o.mission, coalesce(o.postal_codes, '{}')
       FROM jsonb_to_recordset($1::jsonb)
         AS o(code text, kind text, name jsonb, short_name jsonb, mission jsonb, postal_codes text[])
     ON CONFLICT (code) DO NOTHING`,
    [
      JSON.stringify(
        organisations.map((org) => ({
          code: org.code,
          kind: org.kind,
          name: org.name,
          short_name: org.shortName ?? null,
          mission: org.mission ?? null,
          postal_codes: org.postalCodes ?? [],
        })),
      ),
    ],
  );
  return rowCount;
}
