// Demo data for a first look and for tests: units of a few organisations and one account per role.
// Idempotent: running it again changes nothing. Never run in production (see config.seedDemo).
import type { Database } from '../platform/db/database.ts';
import type { Role } from '../identity/actor.ts';
import { hashPassword } from '../identity/passwords.ts';

/** The password of every demo account; printed at start-up and in the README. */
export const DEMO_PASSWORD = 'IrisDesk-demo-2026';

export const DEMO_ACCOUNTS: Array<{ email: string; displayName: string; organisation: string; roles: Role[]; units?: string[]; language: 'fr' | 'nl' | 'en' }> =
  [
    { email: 'admin@demo.irisdesk.brussels', displayName: 'Alex Admin', organisation: 'paradigm', roles: ['platform_admin'], language: 'en' },
    {
      email: 'agent@demo.irisdesk.brussels',
      displayName: 'Amira Agent',
      organisation: 'commune-schaerbeek',
      roles: ['first_line_agent'],
      units: ['accueil'],
      language: 'fr',
    },
    {
      email: 'backoffice@demo.irisdesk.brussels',
      displayName: 'Bram Backoffice',
      organisation: 'commune-schaerbeek',
      roles: ['second_line_agent'],
      units: ['population'],
      language: 'nl',
    },
    { email: 'editor@demo.irisdesk.brussels', displayName: 'Elise Editor', organisation: 'commune-schaerbeek', roles: ['content_editor'], language: 'fr' },
    {
      email: 'manager@demo.irisdesk.brussels',
      displayName: 'Marc Manager',
      organisation: 'commune-schaerbeek',
      roles: ['organisation_manager'],
      language: 'fr',
    },
    {
      email: 'privacy@demo.irisdesk.brussels',
      displayName: 'Paula Privacy',
      organisation: 'commune-schaerbeek',
      roles: ['data_protection_officer'],
      language: 'fr',
    },
    {
      email: 'privacy.region@demo.irisdesk.brussels',
      displayName: 'Rania Region',
      organisation: 'easy-brussels',
      roles: ['regional_data_protection_officer'],
      language: 'fr',
    },
    { email: 'analyst@demo.irisdesk.brussels', displayName: 'Anna Analyst', organisation: 'easy-brussels', roles: ['regional_analyst'], language: 'nl' },
    // A second organisation, so that tenant isolation can be seen and tested.
    {
      email: 'manager.ixelles@demo.irisdesk.brussels',
      displayName: 'Iris Ixelles',
      organisation: 'commune-ixelles',
      roles: ['organisation_manager'],
      language: 'fr',
    },
    {
      email: 'agent.ixelles@demo.irisdesk.brussels',
      displayName: 'Ilias Ixelles',
      organisation: 'commune-ixelles',
      roles: ['first_line_agent'],
      units: ['accueil'],
      language: 'fr',
    },
  ];

const UNIT_NAMES = {
  accueil: { fr: 'Accueil', nl: 'Onthaal', en: 'Reception' },
  population: { fr: 'Population', nl: 'Bevolking', en: 'Population' },
  'etat-civil': { fr: 'État civil', nl: 'Burgerlijke stand', en: 'Civil status' },
  urbanisme: { fr: 'Urbanisme', nl: 'Stedenbouw', en: 'Urban planning' },
  'aide-sociale': { fr: 'Aide sociale', nl: 'Sociale dienst', en: 'Social aid' },
  employeurs: { fr: 'Service employeurs', nl: 'Werkgeversdienst', en: 'Employer services' },
  'chercheurs-emploi': { fr: "Chercheurs d'emploi", nl: 'Werkzoekenden', en: 'Jobseekers' },
  precompte: { fr: 'Précompte immobilier', nl: 'Onroerende voorheffing', en: 'Property tax' },
} as const;

export const DEMO_UNITS: Record<string, Array<keyof typeof UNIT_NAMES>> = {
  'commune-schaerbeek': ['accueil', 'population', 'etat-civil', 'urbanisme'],
  'commune-ixelles': ['accueil', 'population', 'etat-civil'],
  'cpas-schaerbeek': ['accueil', 'aide-sociale'],
  actiris: ['employeurs', 'chercheurs-emploi'],
  'bruxelles-fiscalite': ['precompte'],
};

export async function seedDemoData(db: Database): Promise<{ accountsCreated: number }> {
  const units = Object.entries(DEMO_UNITS).flatMap(([organisation, codes]) => codes.map((code) => ({ organisation, code, name: UNIT_NAMES[code] })));
  await db.query(
    `INSERT INTO units (organisation_id, code, name)
     SELECT o.id, u.code, u.name FROM jsonb_to_recordset($1::jsonb) AS u(organisation text, code text, name jsonb)
       JOIN organisations o ON o.code = u.organisation
     ON CONFLICT (organisation_id, code) DO NOTHING`,
    [JSON.stringify(units)],
  );
  const { rows: existing } = await db.query<{ email: string }>('SELECT lower(email) AS email FROM accounts WHERE lower(email) = ANY($1)', [
    DEMO_ACCOUNTS.map((account) => account.email),
  ]);
  const known = new Set(existing.map((row) => row.email));
  const missing = DEMO_ACCOUNTS.filter((account) => !known.has(account.email));
  if (missing.length === 0) return { accountsCreated: 0 };
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const account of missing) {
    await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO accounts (organisation_id, email, display_name, password_hash, roles, preferred_language)
         SELECT id, $2, $3, $4, $5, $6 FROM organisations WHERE code = $1
         ON CONFLICT (lower(email)) DO NOTHING RETURNING id`,
        [account.organisation, account.email, account.displayName, hash, account.roles, account.language],
      );
      const id = rows[0]?.id;
      if (id && account.units?.length) {
        await tx.query(
          `INSERT INTO account_units (account_id, unit_id)
           SELECT $1, u.id FROM units u JOIN organisations o ON o.id = u.organisation_id
            WHERE o.code = $2 AND u.code = ANY($3)`,
          [id, account.organisation, account.units],
        );
      }
    });
  }
  return { accountsCreated: missing.length };
}
