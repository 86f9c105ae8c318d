// What the home page shows besides fixed texts: the contact points, each with its status now (open, closed, next
// change), so that a visitor reaches a counter's page and its waiting time in one click. Kept a minute in memory:
// the home page is the most visited page after the service pages, and contact points change rarely.
import type { Database } from '../db/database.ts';
import type { ContactPointSummary } from '../../contactpoints/service.ts';
import { organisationsWithContactPoints } from './repository.ts';

interface ContactPointsPort {
  listForOrganisations(organisationIds: string[], now?: Date): Promise<Map<string, ContactPointSummary[]>>;
}

const TTL_MS = 60_000;

export function homeService(db: Database, deps: { contactPoints: ContactPointsPort }) {
  let cached: { at: number; points: ContactPointSummary[] } | undefined;
  return {
    /** Every active contact point, by organisation then name, with its opening status of the last minute. */
    async contactPoints(): Promise<ContactPointSummary[]> {
      if (!cached || Date.now() - cached.at > TTL_MS) {
        const byOrganisation = await deps.contactPoints.listForOrganisations(await organisationsWithContactPoints(db));
        cached = { at: Date.now(), points: [...byOrganisation.values()].flat() };
      }
      return cached.points;
    },
  };
}
