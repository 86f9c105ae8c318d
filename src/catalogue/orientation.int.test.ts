// Orientation search (issue 16, decision 0030) on a real database: search terms follow the draft/publish flow,
// a thesaurus concept carries a word across languages (and reaches other instances), nonsense gets the
// no-result page instead of services, and close results of different life events get a guided question.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { translator } from '../platform/i18n/messages.ts';

let t: TestApp;
let theme: string;
beforeAll(async () => {
  t = await createTestApp();
  theme = (await t.db.query<{ code: string }>('SELECT code FROM catalogue_themes ORDER BY position LIMIT 1')).rows[0]!.code;
  // A concept whose Dutch label only this test uses, leading to the passport service (before the first search
  // builds the index).
  await t.db.query(
    `INSERT INTO search_concepts (code, labels, services, status)
     VALUES ('test-express-passport', $1, '{passport}', 'published')`,
    [
      JSON.stringify({
        fr: { pref: 'passeport express', alt: [] },
        nl: { pref: 'snelreispas', alt: ['flitspaspoort'] },
        en: { pref: 'express passport', alt: [] },
      }),
    ],
  );
});
afterAll(async () => {
  await t?.close();
});

interface SearchBody {
  results: Array<{ code: string; score: number }>;
  outcome: string;
  suggestion: string | null;
  guidedQuestion: { options: Array<{ lifeEvent: { code: string; name: string }; service: { code: string; name: string } }> } | null;
}
const search = async (q: string, lang: string) => (await t.client().get(`/api/v1/search?q=${encodeURIComponent(q)}&lang=${lang}`)).json() as SearchBody;
const codes = async (q: string, lang: string) => (await search(q, lang)).results.map((r) => r.code);

const empty = { fr: '', nl: '', en: '' };
const service = (code: string, lifeEvent: string, searchTerms?: Record<string, string[]>) => ({
  code,
  name: { fr: 'Service de test', nl: 'Testdienst', en: 'Test service' },
  summary: { fr: 'Un service de test.', nl: 'Een testdienst.', en: 'A test service.' },
  description: empty,
  evidence: empty,
  cost: empty,
  processingTime: empty,
  keywords: { fr: [], nl: [], en: [] },
  ...(searchTerms ? { searchTerms } : {}),
  channels: ['counter'],
  appointment: false,
  audience: ['citizen'],
  lifeEvents: [lifeEvent],
  theme,
  competent: { kind: 'organisation', organisation: 'commune-schaerbeek' },
});

describe('search terms', () => {
  it('reach the search only when published, are kept in the version history, and a save without them keeps them', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const body = service('zorglub-terms-service', 'moving');
    expect((await editor.request('POST', '/api/v1/admin/services', { json: body })).statusCode).toBe(201);
    expect((await editor.request('POST', '/api/v1/admin/services/zorglub-terms-service/publish', { json: { version: 1 } })).statusCode).toBe(200);
    expect(await codes('klabauterkaart', 'nl')).not.toContain('zorglub-terms-service');

    const { code: _code, ...content } = body;
    const terms = { fr: ['carte klabauter'], nl: ['klabauterkaart'], en: ['klabauter card'] };
    expect(
      (await editor.request('PUT', '/api/v1/admin/services/zorglub-terms-service/draft', { json: { version: 2, ...content, searchTerms: terms } })).statusCode,
    ).toBe(200);
    // A pending draft is not public: its search terms do not reach the search yet.
    expect(await codes('klabauterkaart', 'nl')).not.toContain('zorglub-terms-service');

    // A later save that does not send search terms (the form of an older page) keeps the draft's.
    expect(
      (await editor.request('PUT', '/api/v1/admin/services/zorglub-terms-service/draft', { json: { version: 3, ...content, appointment: true } })).statusCode,
    ).toBe(200);
    expect((await editor.request('POST', '/api/v1/admin/services/zorglub-terms-service/publish', { json: { version: 4 } })).statusCode).toBe(200);
    expect((await codes('klabauterkaart', 'nl'))[0]).toBe('zorglub-terms-service');
    // Everyday words in one language find the service from a page in another.
    expect((await codes('klabauter card', 'fr'))[0]).toBe('zorglub-terms-service');

    const { rows } = await t.db.query<{ terms: unknown }>(
      `SELECT v.content -> 'searchTerms' AS terms FROM service_versions v JOIN services s ON s.id = v.service_id
        WHERE s.code = 'zorglub-terms-service' ORDER BY v.version DESC LIMIT 1`,
    );
    expect(rows[0]!.terms).toEqual(terms);
  });

  it('are filled for every demo service in the three languages', async () => {
    const { rows } = await t.db.query<{ missing: number }>(
      `SELECT count(*)::int AS missing FROM services
        WHERE code NOT LIKE 'zorglub%' AND status = 'published'
          AND (jsonb_array_length(coalesce(search_terms -> 'fr', '[]')) = 0 OR jsonb_array_length(coalesce(search_terms -> 'nl', '[]')) = 0
               OR jsonb_array_length(coalesce(search_terms -> 'en', '[]')) = 0)`,
    );
    expect(rows[0]!.missing).toBe(0);
  });
});

describe('the thesaurus', () => {
  it('carries a Dutch label to its service from a French page', async () => {
    // "snelreispas" is only a Dutch label of the concept: no service text has it.
    expect((await codes('snelreispas', 'fr'))[0]).toBe('passport');
    expect((await codes('flitspaspoort urgent', 'en'))[0]).toBe('passport');
  });

  it('reaches every instance: a concept published elsewhere is found after the freshness check', async () => {
    expect(await codes('wobbelpas', 'en')).not.toContain('passport');
    // Another instance (or the editors' screen) changes the thesaurus in the database.
    await t.db.query(
      `UPDATE search_concepts SET labels = jsonb_set(labels, '{nl,alt}', '["flitspaspoort", "wobbelpas"]'), version = version + 1, updated_at = now()
        WHERE code = 'test-express-passport'`,
    );
    const deadline = Date.now() + 15_000;
    let found: string[] = [];
    while (Date.now() < deadline) {
      found = await codes(`wobbelpas ${Date.now()}`, 'en');
      if (found[0] === 'passport') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(found[0]).toBe('passport');
  }, 20_000);
});

describe('honest answers', () => {
  it('gives no service for nonsense or an out-of-scope question, with the no-result page', async () => {
    for (const [q, lang] of [
      ['xyzzy blabla', 'nl'],
      ['lorem ipsum dolor sit amet', 'en'],
    ] as const) {
      const answer = await search(q, lang);
      expect(answer.results, q).toEqual([]);
      expect(answer.outcome).toBe('no_result');
    }
    const page = await t.client().get('/fr/search?q=xyzzy%20blabla');
    expect(page.statusCode).toBe(200);
    const fr = translator('fr');
    expect(page.body).toContain(fr('catalogue.search.browseLifeEvents'));
    expect(page.body).toContain(fr('catalogue.search.browseThemes'));
    expect(page.body).toContain('/fr/orientation?topic=event:moving');
    expect(page.body).toContain('/fr/contact');
  });

  it('suggests the nearest known words when the answer is poor', async () => {
    const answer = await search('huisier zzqqxx kkyyzz', 'fr');
    expect(answer.outcome).not.toBe('guided');
    expect(answer.suggestion).toContain('huissier');
    // A good answer needs no suggestion.
    expect((await search('huissier', 'fr')).suggestion).toBeNull();
  });

  it('still answers real questions in the three languages', async () => {
    expect((await codes("j'ai reçu une lettre d'huissier", 'fr')).slice(0, 3)).toContain('debt-mediation');
    expect((await codes('mijn mutuelle veranderen', 'nl')).slice(0, 3)).toContain('health-insurance-registration');
    expect((await codes('my husband passed away', 'en')).slice(0, 3)).toContain('death-declaration');
  });

  it('asks one guided question when close results belong to different life events', async () => {
    const admin = t.client();
    await admin.login('editor@demo.irisdesk.brussels');
    const terms = { fr: ['quobble'], nl: ['quobble'], en: ['quobble'] };
    for (const [code, event] of [
      ['quobble-moving', 'moving'],
      ['quobble-abroad', 'arriving-from-abroad'],
    ] as const) {
      expect((await admin.request('POST', '/api/v1/admin/services', { json: service(code, event, terms) })).statusCode).toBe(201);
      expect((await admin.request('POST', `/api/v1/admin/services/${code}/publish`, { json: { version: 1 } })).statusCode).toBe(200);
    }
    const answer = await search('quobble', 'en');
    expect(answer.outcome).toBe('guided');
    expect(answer.results.map((r) => r.code).sort()).toEqual(['quobble-abroad', 'quobble-moving']);
    expect(answer.guidedQuestion!.options.map((o) => o.lifeEvent.code).sort()).toEqual(['arriving-from-abroad', 'moving']);
    const page = await t.client().get('/en/search?q=quobble');
    expect(page.body).toContain(translator('en')('catalogue.search.guidedQuestion'));
    expect(page.body).toContain('/en/services/quobble-abroad');
  });
});
