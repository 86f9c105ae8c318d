import { describe, expect, it } from 'vitest';
import { demoContactPoints, MUNICIPALITIES } from './contact-points.ts';
import { readReferenceFile, type ReferenceOrganisation } from './reference.ts';
import { validateOpeningHours } from '../platform/calendar/opening-hours.ts';

describe('demo contact points', () => {
  const seeds = demoContactPoints();
  const organisations = readReferenceFile<ReferenceOrganisation[]>('organisations.json');

  it('cover every commune and every CPAS, and the main regional bodies', () => {
    const covered = new Set(seeds.map((seed) => seed.organisationCode));
    const local = organisations.filter((org) => org.kind === 'commune' || org.kind === 'cpas');
    expect(local).toHaveLength(38);
    for (const org of local) expect(covered, org.code).toContain(org.code);
    for (const code of [
      'actiris',
      'bruxelles-fiscalite',
      'bruxelles-environnement',
      'parking-brussels',
      'bruxelles-logement',
      'hub-brussels',
      'iriscare',
      'famiris',
    ]) {
      expect(covered).toContain(code);
    }
    expect(MUNICIPALITIES).toHaveLength(19);
  });

  it('refer only to known organisations, in one of their postal codes, with valid hours, marked demo', () => {
    const byCode = new Map(organisations.map((org) => [org.code, org]));
    for (const seed of seeds) {
      const org = byCode.get(seed.organisationCode);
      expect(org, seed.organisationCode).toBeDefined();
      if (org!.postalCodes?.length) expect(org!.postalCodes, `${seed.organisationCode}/${seed.code}`).toContain(seed.postalCode);
      expect(() => validateOpeningHours(seed.openingHours, seed.holidayCalendar)).not.toThrow();
      expect(seed.demo).toBe(true);
    }
  });

  it('have varied hours: some Saturdays, some evenings, some lunch breaks', () => {
    expect(seeds.some((seed) => /\bSa\b/.test(seed.openingHours))).toBe(true);
    expect(seeds.some((seed) => /1[89]:\d\d/.test(seed.openingHours))).toBe(true);
    expect(seeds.some((seed) => /-1[23]:\d\d,1[34]:\d\d-/.test(seed.openingHours))).toBe(true);
    expect(new Set(seeds.map((seed) => `${seed.organisationCode}/${seed.code}`)).size).toBe(seeds.length);
  });
});
