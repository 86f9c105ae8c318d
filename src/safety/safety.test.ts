// Unit tests of the safety rules that need no database: who sees an incident and how, the report's checks
// (time window, place, what happened), months of the dashboard, and the return path of the report button.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../identity/actor.ts';
import { canViewStatistics, incidentViewFor } from './authorisation.ts';
import { monthsBetween, normaliseIncident, shiftMonth, toDateTimeLocal } from './service.ts';
import { reportFormPath, safeReturnPath } from './IncidentReportButton.tsx';
import { AppError } from '../platform/http/errors.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const POINT = '00000000-0000-4000-8000-0000000000aa';
const actor = (accountId: string, roles: Actor['roles'], organisationId = ORG): Actor => ({
  accountId,
  organisationId,
  organisationCode: 'x',
  displayName: accountId,
  email: `${accountId}@example.org`,
  roles,
  unitIds: [],
  preferredLanguage: 'fr',
});
const incident = { organisationId: ORG, reporterAccountId: 'reporter', contactPointId: POINT };

describe('incidentViewFor', () => {
  it('gives the organisation manager and the contact point manager the full view', () => {
    expect(incidentViewFor(actor('boss', ['organisation_manager']), incident, [])).toBe('manager');
    expect(incidentViewFor(actor('lead', ['first_line_agent']), incident, [POINT])).toBe('manager');
  });
  it('gives the reporter their own report, and colleagues nothing', () => {
    expect(incidentViewFor(actor('reporter', ['first_line_agent']), incident, [])).toBe('reporter');
    expect(incidentViewFor(actor('colleague', ['first_line_agent']), incident, [])).toBeNull();
    expect(incidentViewFor(actor('colleague', ['second_line_agent', 'content_editor']), incident, ['another-point'])).toBeNull();
  });
  it('never shows an incident to another organisation, whatever the role', () => {
    expect(incidentViewFor(actor('boss', ['organisation_manager'], OTHER), incident, [POINT])).toBeNull();
    expect(incidentViewFor(actor('admin', ['platform_admin'], OTHER), incident, [])).toBeNull();
    expect(incidentViewFor(null, incident, [])).toBeNull();
  });
  it('opens the dashboard to managers only', () => {
    expect(canViewStatistics(actor('boss', ['organisation_manager']), [])).toBe(true);
    expect(canViewStatistics(actor('lead', ['first_line_agent']), [POINT])).toBe(true);
    expect(canViewStatistics(actor('agent', ['first_line_agent']), [])).toBe(false);
  });
});

describe('normaliseIncident', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  const base = { type: 'threat' as const, contactPointId: POINT, occurredAt: new Date('2026-11-28T09:30:00Z'), description: '  Insultes  ' };
  const fieldsOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as AppError).options.fields?.map((f) => `${f.field}:${f.code}`);
    }
    throw new Error('no error');
  };

  it('trims texts and keeps either a contact point or a free place', () => {
    expect(normaliseIncident({ ...base, placeText: 'ignored', personsInvolved: ' ' }, now)).toMatchObject({
      description: 'Insultes',
      placeText: null,
      personsInvolved: null,
      severity: null,
    });
    expect(normaliseIncident({ ...base, contactPointId: '', placeText: ' Parking ' }, now)).toMatchObject({ contactPointId: null, placeText: 'Parking' });
  });
  it('refuses the future, the too old, no place and no description, all at once', () => {
    expect(fieldsOf(() => normaliseIncident({ ...base, occurredAt: new Date('2026-11-28T10:30:00Z') }, now))).toEqual(['occurredAt:safety.error.future']);
    expect(fieldsOf(() => normaliseIncident({ ...base, occurredAt: new Date('2025-11-01T10:00:00Z') }, now))).toEqual(['occurredAt:safety.error.tooOld']);
    expect(fieldsOf(() => normaliseIncident({ ...base, contactPointId: null, placeText: ' ', description: ' ' }, now))).toEqual([
      'placeText:safety.error.placeRequired',
      'description:validation.required',
    ]);
    // A few minutes of clock difference between a counter PC and the server is accepted.
    expect(normaliseIncident({ ...base, occurredAt: new Date('2026-11-28T10:03:00Z') }, now).type).toBe('threat');
  });
});

describe('dates', () => {
  it('lists the months of a range, across a year', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
    expect(shiftMonth('2026-11', -11)).toBe('2025-12');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
  });
  it('writes an instant as Brussels wall-clock time for a datetime-local field (summer and winter)', () => {
    expect(toDateTimeLocal(new Date('2026-07-01T08:05:00Z'))).toBe('2026-07-01T10:05');
    expect(toDateTimeLocal(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01T00:30');
  });
});

describe('the report button’s links', () => {
  it('keeps only local return paths', () => {
    expect(safeReturnPath('/fr/console')).toBe('/fr/console');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil', 'console', '', undefined]) expect(safeReturnPath(bad)).toBeUndefined();
  });
  it('pre-fills the place and the way back', () => {
    expect(reportFormPath('nl', POINT, '/nl/counters/1')).toBe(`/nl/safety/report?contactPoint=${POINT}&returnTo=%2Fnl%2Fcounters%2F1`);
    expect(reportFormPath('en', null, 'https://evil.example')).toBe('/en/safety/report');
  });
});
