// What a start puts in the database after migrating: reference data always, demo data when configured.
import type { Database } from '../platform/db/database.ts';
import { seedReferenceOrganisations } from './reference.ts';
import { seedDemoData } from './demo.ts';

export async function seed(db: Database, options: { demo: boolean }) {
  const organisations = await seedReferenceOrganisations(db);
  const demo = options.demo ? await seedDemoData(db) : { accountsCreated: 0 };
  return { organisationsCreated: organisations, ...demo };
}
