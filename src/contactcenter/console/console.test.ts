// Unit tests of the console's pure parts: cursors, Brussels times of a phone contact, templates, phone
// numbers, time-line events and the authorisation predicates.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import type { Actor } from '../../identity/actor.ts';
import { decodeCursor, encodeCursor, eventBody, normalisePhone, parseEventBody } from './service.ts';
import { parseBrusselsTime } from './routes.tsx';
import { builtinTemplates, fillTemplate } from './templates.ts';
import { canHandleTask, canUseConsole, canWorkOnRequest } from './authorisation.ts';
import { canManageConsole } from '../settings/authorisation.ts';

const actor = (roles: Actor['roles'], organisationId = 'org-a'): Actor => ({
  accountId: 'acc',
  organisationId,
  organisationCode: 'a',
  displayName: 'A',
  email: 'a@example.org',
  roles,
  unitIds: [],
  preferredLanguage: 'fr',
});

describe('keyset cursor', () => {
  it('round-trips the microsecond time and the id', () => {
    const row = { cursorAt: '2026-11-28 06:00:00.123456+01', id: '7f418ae6-1e0a-40dc-acc1-28da7a953650' };
    expect(decodeCursor(encodeCursor(row))).toEqual({ createdAt: row.cursorAt, id: row.id });
  });
  it('refuses anything else with a 400', () => {
    for (const bad of [
      '',
      'bm9wZQ',
      Buffer.from("2026-01-01 00:00:00+00|1' OR 1=1").toString('base64url'),
      Buffer.from('x|7f418ae6-1e0a-40dc-acc1-28da7a953650').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(AppError);
    }
  });
});

describe('Brussels wall-clock times', () => {
  const now = new Date('2026-07-15T10:00:00Z');
  it('reads summer and winter times', () => {
    expect(parseBrusselsTime('2026-07-15 14:30', now, now).toISOString()).toBe('2026-07-15T12:30:00.000Z');
    expect(parseBrusselsTime('2026-01-15 14:30', now, now).toISOString()).toBe('2026-01-15T13:30:00.000Z');
  });
  it('takes "HH:MM" as today in Brussels, and empty as the fallback', () => {
    expect(parseBrusselsTime('09:05', now, now).toISOString()).toBe('2026-07-15T07:05:00.000Z');
    expect(parseBrusselsTime('', now, now)).toBe(now);
  });
  it('refuses an impossible time', () => {
    expect(() => parseBrusselsTime('25:00', now, now)).toThrow(AppError);
  });
});

describe('templates', () => {
  it('offers built-in templates in each language, filled with name and reference', () => {
    for (const lang of ['fr', 'nl', 'en'] as const) {
      const templates = builtinTemplates(lang);
      expect(templates.length).toBeGreaterThanOrEqual(3);
      for (const template of templates) {
        const filled = fillTemplate(template.body, { name: 'Sofia', reference: 'BXL-AAAA-BBBB' });
        expect(filled).toContain('Sofia');
        expect(filled).toContain('BXL-AAAA-BBBB');
        expect(filled).not.toMatch(/\{name\}|\{reference\}/);
      }
    }
    expect(builtinTemplates('nl')[0]!.body).toMatch(/^Beste/);
  });
});

describe('phone numbers and events', () => {
  it('keeps digits and a leading +', () => {
    expect(normalisePhone('+32 470 12.34.56')).toBe('+32470123456');
    expect(normalisePhone('02/123 45 67')).toBe('021234567');
    expect(normalisePhone('12')).toBeNull();
    expect(normalisePhone('')).toBeNull();
  });
  it('stores events as JSON and reads other bodies as text', () => {
    expect(parseEventBody(eventBody('assigned', { by: 'A', to: 'B' }))).toEqual({ event: 'assigned', by: 'A', to: 'B' });
    expect(parseEventBody('Request escalated')).toBeNull();
    expect(parseEventBody('{not json')).toBeNull();
  });
});

describe('authorisation', () => {
  it('gives the console to agents and managers of the organisation only', () => {
    expect(canUseConsole(actor(['first_line_agent']))).toBe(true);
    expect(canUseConsole(actor(['second_line_agent']))).toBe(true);
    expect(canUseConsole(actor(['content_editor']))).toBe(false);
    expect(canUseConsole(null)).toBe(false);
    expect(canWorkOnRequest(actor(['first_line_agent']), { organisationId: 'org-a' })).toBe(true);
    expect(canWorkOnRequest(actor(['first_line_agent']), { organisationId: 'org-b' })).toBe(false);
    expect(canWorkOnRequest(actor(['platform_admin']), { organisationId: 'org-a' })).toBe(false);
    expect(canHandleTask(actor(['second_line_agent'], 'org-b'), { toOrganisationId: 'org-b' })).toBe(true);
    expect(canHandleTask(actor(['second_line_agent'], 'org-a'), { toOrganisationId: 'org-b' })).toBe(false);
    expect(canManageConsole(actor(['organisation_manager']), 'org-a')).toBe(true);
    expect(canManageConsole(actor(['first_line_agent']), 'org-a')).toBe(false);
    expect(canManageConsole(actor(['organisation_manager']), 'org-b')).toBe(false);
  });
});

describe('titles and templates (issue 17, item 3)', () => {
  it('derives titles at word boundaries and keeps a written subject', async () => {
    const { deriveTitle, requestTitle } = await import('../requests.ts');
    const message =
      'Bonjour, je voudrais savoir comment renouveler ma carte d’identité électronique avant mon départ à l’étranger le mois prochain, merci beaucoup';
    const title = deriveTitle(message, 60);
    expect(title.length).toBeLessThanOrEqual(60);
    expect(title.endsWith('…')).toBe(true);
    expect(message.startsWith(title.slice(0, -1))).toBe(true);
    expect(message[title.length - 1]).toBe(' '); // cut before a space: a whole word
    expect(requestTitle(message.slice(0, 120), message)).toBe(deriveTitle(message));
    expect(requestTitle('Carte perdue', message)).toBe('Carte perdue');
  });

  it('inserts a template at the cursor on lines of its own, keeping what was typed', async () => {
    const { insertTemplate } = await import('./templates.ts');
    expect(insertTemplate('', 0, 'Hello')).toEqual({ text: 'Hello', cursor: 5 });
    expect(insertTemplate('Typed first', 11, 'Template')).toEqual({ text: 'Typed first\n\nTemplate', cursor: 21 });
    const middle = insertTemplate('Start\nEnd', 6, 'T');
    expect(middle.text).toBe('Start\n\nT\n\nEnd');
  });
});
