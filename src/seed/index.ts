// What a start puts in the database after migrating: reference data always, demo data when configured.
import type { Database } from '../platform/db/database.ts';
import { seedReferenceOrganisations } from './reference.ts';
import { seedDemoData } from './demo.ts';
import { seedCatalogue, seedLocalParts } from './catalogue.ts';
import { seedContactPoints } from './contact-points.ts';
import { seedCompetenceDemo, seedCompetenceReference } from './competence.ts';
import { seedSatisfactionDemo } from './satisfaction.ts';
import { seedQueues } from './queues.ts';
import { seedKnowledgeDemo } from './knowledge.ts';
import { seedAppointmentsDemo } from './appointments.ts';
import { seedSafetyDemo } from './safety.ts';
import { seedContactConsoleDemo } from './contact-console.ts';
import { seedSurveysDemo } from './surveys.ts';

export async function seed(db: Database, options: { demo: boolean }) {
  const organisations = await seedReferenceOrganisations(db);
  const catalogue = await seedCatalogue(db);
  const demo = options.demo ? await seedDemoData(db) : { accountsCreated: 0 };
  const contactPoints = options.demo ? await seedContactPoints(db) : { contactPointsCreated: 0 };
  const competence = await seedCompetenceReference(db);
  const competenceDemo = options.demo ? await seedCompetenceDemo(db) : { competenceCampaignsCreated: 0 };
  const satisfaction = options.demo ? await seedSatisfactionDemo(db) : { feedbackAnswersCreated: 0 };
  const queues = options.demo ? await seedQueues(db) : { queueServicesCreated: 0 };
  if (options.demo) await seedKnowledgeDemo(db);
  if (options.demo) await seedLocalParts(db);
  if (options.demo) await seedSafetyDemo(db);
  if (options.demo) await seedContactConsoleDemo(db);
  const surveys = options.demo ? await seedSurveysDemo(db) : { surveyResponsesCreated: 0 };
  const appointments = options.demo ? await seedAppointmentsDemo(db) : { appointmentSettingsCreated: 0 };
  return {
    ...appointments,
    organisationsCreated: organisations,
    ...catalogue,
    ...demo,
    ...contactPoints,
    ...competence,
    ...competenceDemo,
    ...satisfaction,
    ...queues,
    ...surveys,
  };
}
