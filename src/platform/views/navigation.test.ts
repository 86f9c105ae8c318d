// The back-office menu that each module now contributes is the same menu as before, for every role alone and
// for a manager who is also an agent: the sections below are the menu as it was written in one list (with the
// unmet questions and text messages added since).
import { describe, expect, it } from 'vitest';
import { ROLES, type Actor, type Role } from '../../identity/actor.ts';
import { backOfficeNavigation } from './navigation.ts';

const actor = (...roles: Role[]): Actor => ({
  accountId: '00000000-0000-4000-8000-000000000001',
  organisationId: '00000000-0000-4000-8000-000000000002',
  organisationCode: 'schaerbeek',
  displayName: 'Test',
  email: 'test@example.org',
  roles,
  unitIds: [],
  preferredLanguage: 'fr',
});

const ALWAYS_FIRST = ['home'];
const ALWAYS_LAST = ['competence', 'knowledge', 'safety', 'password', 'two-factor'];
const EXPECTED: Record<Role, string[]> = {
  first_line_agent: ['agenda', 'console', 'announcements', 'notifications', 'calls', 'queues'],
  second_line_agent: ['agenda', 'console', 'announcements', 'notifications', 'calls', 'queues'],
  content_editor: ['catalogue', 'contact-points', 'surveys'],
  organisation_manager: [
    'organisations',
    'accounts',
    'audit',
    'integrations',
    'sign-in',
    'contact-points',
    'satisfaction',
    'surveys',
    'agenda',
    'appointment-settings',
    'console',
    'announcements',
    'notifications',
    'calls',
    'contact-center-settings',
    'queues',
  ],
  regional_analyst: ['unmet-questions', 'satisfaction', 'surveys'],
  data_protection_officer: ['privacy'],
  regional_data_protection_officer: ['privacy'],
  platform_admin: [
    'organisations',
    'accounts',
    'audit',
    'privacy',
    'sign-in',
    'citizen-sign-in',
    'catalogue',
    'unmet-questions',
    'mail',
    'sms',
    'contact-points',
    'satisfaction',
    'surveys',
    'agenda',
    'appointment-settings',
    'contact-center-settings',
  ],
};

describe('backOfficeNavigation', () => {
  it.each(ROLES.map((role) => [role]))('shows %s the entries of its role, in menu order', (role) => {
    expect(backOfficeNavigation(actor(role)).map((item) => item.section)).toEqual([...ALWAYS_FIRST, ...EXPECTED[role], ...ALWAYS_LAST]);
  });

  it('shows a manager who is also an agent the union, in menu order, once each', () => {
    expect(backOfficeNavigation(actor('organisation_manager', 'first_line_agent')).map((item) => item.section)).toEqual([
      ...ALWAYS_FIRST,
      ...EXPECTED.organisation_manager,
      ...ALWAYS_LAST,
    ]);
  });

  it('links every entry below the language prefix with a label key', () => {
    for (const item of backOfficeNavigation(actor(...ROLES))) {
      expect(item.path).toMatch(/^\/[a-z-]+(\/[a-z-]+)*$/);
      expect(item.label).toMatch(/^nav\.[a-zA-Z]+$/);
    }
  });
});
