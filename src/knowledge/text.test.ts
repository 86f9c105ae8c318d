import { describe, expect, it } from 'vitest';
import { bodyBlocks, slugify, snippet } from './text.ts';
import { contentErrors } from './service.ts';
import { pickText } from '../platform/i18n/languages.ts';
import { canEditArticle, canReadInternal, canWriteArticles, editScope } from './authorisation.ts';
import type { Actor } from '../identity/actor.ts';

describe('article bodies', () => {
  it('splits paragraphs on blank lines and turns "- " lines into lists, as plain text', () => {
    expect(bodyBlocks('First line\ncontinues.\n\n- one\n- two\nAfter the list <b>x</b>\r\n\r\n\n')).toEqual([
      { kind: 'paragraph', text: 'First line continues.' },
      { kind: 'list', items: ['one', 'two'] },
      { kind: 'paragraph', text: 'After the list <b>x</b>' },
    ]);
    expect(bodyBlocks('')).toEqual([]);
  });

  it('cuts snippets at a word boundary and drops list markers', () => {
    expect(snippet('Short text.')).toBe('Short text.');
    expect(snippet('- one\n- two')).toBe('one two');
    const long = snippet('word '.repeat(100), 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith('word…')).toBe(true);
  });

  it('makes slugs from titles: accents folded, punctuation to hyphens', () => {
    expect(slugify('Carte d’identité : renouvellement')).toBe('carte-d-identite-renouvellement');
    expect(slugify('  Œuvre ÉTÉ!! ')).toBe('oeuvre-ete');
    expect(slugify('x'.repeat(100)).length).toBe(70);
  });
});

describe('language fallback', () => {
  it('falls back visibly: an English reader of a French/Dutch-only text gets French, marked fr', () => {
    expect(pickText({ fr: 'Bonjour', nl: 'Hallo' }, 'en')).toEqual({ text: 'Bonjour', lang: 'fr' });
    expect(pickText({ fr: '', nl: 'Hallo', en: '  ' }, 'en')).toEqual({ text: 'Hallo', lang: 'nl' });
  });
});

describe('content rules', () => {
  const base = { visibility: 'public' as const, serviceCodes: [], reviewOn: null };
  it('a draft needs one title; publishing needs a body for every title and a title for every body', () => {
    expect(contentErrors({ ...base, title: {}, body: {} }, false)).toEqual([{ field: 'title.fr', code: 'knowledge.titleRequired' }]);
    expect(contentErrors({ ...base, title: { nl: 'Titel' }, body: {} }, false)).toEqual([]);
    expect(contentErrors({ ...base, title: { nl: 'Titel' }, body: { en: 'Body' } }, true)).toEqual([
      { field: 'body.nl', code: 'knowledge.bodyRequired' },
      { field: 'title.en', code: 'knowledge.titleMissing' },
    ]);
    expect(contentErrors({ ...base, title: { fr: 'T' }, body: { fr: 'B' } }, true)).toEqual([]);
  });
});

describe('authorisation', () => {
  const actor = (roles: Actor['roles'], organisationId = 'org-a'): Actor => ({
    accountId: 'a',
    organisationId,
    organisationCode: 'a',
    displayName: 'A',
    email: 'a@x',
    roles,
    unitIds: [],
    preferredLanguage: 'fr',
  });
  it('editors edit their organisation’s articles only; administrators all; agents read internal ones', () => {
    const article = { owner: { id: 'org-a' } };
    expect(canEditArticle(actor(['content_editor']), article)).toBe(true);
    expect(canEditArticle(actor(['content_editor'], 'org-b'), article)).toBe(false);
    expect(canEditArticle(actor(['organisation_manager']), article)).toBe(false);
    expect(canEditArticle(actor(['platform_admin'], 'org-z'), article)).toBe(true);
    expect(canEditArticle(null, article)).toBe(false);
    expect(canWriteArticles(actor(['first_line_agent']))).toBe(false);
    expect(canReadInternal(actor(['first_line_agent']))).toBe(true);
    expect(canReadInternal(null)).toBe(false);
    expect(editScope(actor(['platform_admin']))).toBeUndefined();
    expect(editScope(actor(['content_editor']))).toBe('org-a');
  });
});
