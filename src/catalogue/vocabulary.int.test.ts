// The orientation vocabulary in the editors' hands (issue 16): search terms on the service form (drafts), the
// thesaurus editor (drafts, optimistic locking, audit, SKOS export read by an independent Turtle parser), the
// learning loop end to end across two instances on one database, the unmet questions, and honest "did you mean".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser, type Quad } from 'n3';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import { openSecondPool } from '../../test/database.ts';
import { createApp } from '../app.ts';
import type { Database } from '../platform/db/database.ts';
import { translator } from '../platform/i18n/messages.ts';
import { USEFUL_ANSWERS_PER_HOUR } from './learning/routes.tsx';
import { REPEATED_GUESS_MINIMUM } from './learning/service.ts';
import { GOOD_SCORE } from './service.ts';

let t: TestApp;
let editor: TestClient;
let theme: string;
const empty = { fr: '', nl: '', en: '' };

beforeAll(async () => {
  t = await createTestApp();
  theme = (await t.db.query<{ code: string }>('SELECT code FROM catalogue_themes ORDER BY position LIMIT 1')).rows[0]!.code;
  editor = t.client();
  await editor.login('editor@demo.irisdesk.brussels');
  // A published service of the editor's organisation whose words no question of these tests uses.
  for (const code of ['quokka-permit', 'quokka-grant']) {
    const created = await editor.request('POST', '/api/v1/admin/services', {
      json: {
        code,
        name: { fr: `Trimbulle ${code}`, nl: `Trimbulle ${code}`, en: `Trimbulle ${code}` },
        summary: { fr: 'Un service de test.', nl: 'Een testdienst.', en: 'A test service.' },
        description: empty,
        evidence: empty,
        cost: empty,
        processingTime: empty,
        keywords: { fr: [], nl: [], en: [] },
        channels: ['counter'],
        appointment: false,
        audience: ['citizen'],
        lifeEvents: [],
        theme,
        competent: { kind: 'organisation', organisation: 'commune-schaerbeek' },
      },
    });
    expect(created.statusCode).toBe(201);
    expect((await editor.request('POST', `/api/v1/admin/services/${code}/publish`, { json: { version: 1 } })).statusCode).toBe(200);
  }
});
afterAll(async () => {
  await t?.close();
});

const search = async (q: string, lang: string, app = t.app) =>
  (await app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}&lang=${lang}` })).json() as {
    results: Array<{ code: string }>;
    outcome: string;
    suggestion: string | null;
  };
const codes = async (q: string, lang: string, app = t.app) => (await search(q, lang, app)).results.map((r) => r.code);
const version = async (code: string) => (await t.db.query<{ version: number }>('SELECT version FROM services WHERE code = $1', [code])).rows[0]!.version;

describe('search terms on the service form', () => {
  it('are edited per language with the draft, shown as changed, reach the search when published, and a too long term is refused', async () => {
    const page = await editor.get('/fr/admin/catalogue/services/quokka-permit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="searchTermsNl"');
    expect(page.body).toContain(translator('fr')('catalogue.edit.searchTermsLabel', { language: 'néerlandais' }));

    const form = (terms: string, v: number) => ({
      version: String(v),
      intent: 'save',
      nameFr: 'Trimbulle quokka-permit',
      nameNl: 'Trimbulle quokka-permit',
      nameEn: 'Trimbulle quokka-permit',
      summaryFr: 'Un service de test.',
      summaryNl: 'Een testdienst.',
      summaryEn: 'A test service.',
      theme,
      audience: 'citizen',
      competentKind: 'organisation',
      competentOrganisation: 'commune-schaerbeek',
      channels: 'counter',
      searchTermsFr: '',
      searchTermsNl: terms,
      searchTermsEn: '',
    });
    const tooLong = await editor.submitForm(
      '/nl/admin/catalogue/services/quokka-permit',
      '/nl/admin/catalogue/services/quokka-permit',
      form('x'.repeat(81), await version('quokka-permit')),
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('hoogstens 80 tekens');

    const saved = await editor.submitForm(
      '/nl/admin/catalogue/services/quokka-permit',
      '/nl/admin/catalogue/services/quokka-permit',
      form('xanthoquarx\nbuideldier', await version('quokka-permit')),
    );
    expect(saved.statusCode).toBe(303);
    // A draft: the live service does not find it yet; the editors see what the draft changes.
    expect(await codes('xanthoquarx', 'nl')).not.toContain('quokka-permit');
    const draft = await editor.get('/en/admin/catalogue/services/quokka-permit');
    expect(draft.body).toContain('Search terms in Dutch');
    expect(draft.body).toContain('xanthoquarx\nbuideldier');

    const published = await editor.submitForm('/nl/admin/catalogue/services/quokka-permit', '/nl/admin/catalogue/services/quokka-permit', {
      ...form('xanthoquarx\nbuideldier', await version('quokka-permit')),
      intent: 'publish',
    });
    expect(published.statusCode).toBe(303);
    expect((await codes('xanthoquarx', 'nl'))[0]).toBe('quokka-permit');
  });
});

describe('thesaurus editor', () => {
  const conceptForm = (v?: number, extra: Record<string, string> = {}) => ({
    ...(v ? { version: String(v) } : { code: 'test-marsupial' }),
    prefFr: 'marsupial',
    altFr: 'wombat\nwallaby',
    prefNl: 'buideldierachtige',
    altNl: 'wombatje',
    prefEn: 'marsupial',
    altEn: '',
    related: '',
    services: 'quokka-grant',
    status: 'draft',
    ...extra,
  });
  const conceptVersion = async () =>
    (await t.db.query<{ version: number }>(`SELECT version FROM search_concepts WHERE code = 'test-marsupial'`)).rows[0]!.version;

  it('creates a draft concept, publishes it (found across languages at once), refuses a stale or wrong edit, audits and deletes', async () => {
    for (const lang of ['fr', 'nl', 'en']) expect((await editor.get(`/${lang}/admin/catalogue/thesaurus`)).statusCode).toBe(200);
    const created = await editor.submitForm('/en/admin/catalogue/thesaurus/new', '/en/admin/catalogue/thesaurus', conceptForm());
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/en/admin/catalogue/thesaurus/test-marsupial?notice=created');
    expect(await codes('wombat', 'en')).not.toContain('quokka-grant'); // a draft does not reach the search

    const taken = await editor.submitForm('/en/admin/catalogue/thesaurus/new', '/en/admin/catalogue/thesaurus', conceptForm());
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('already used by another concept');

    const wrong = await editor.submitForm(
      '/fr/admin/catalogue/thesaurus/test-marsupial',
      '/fr/admin/catalogue/thesaurus/test-marsupial',
      conceptForm(await conceptVersion(), { services: 'quokka-grant, no-such-service', related: 'no-such-concept' }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('ces services n’existent pas : no-such-service');
    expect(wrong.body).toContain('ces concepts n’existent pas : no-such-concept');

    const v = await conceptVersion();
    const published = await editor.submitForm(
      '/nl/admin/catalogue/thesaurus/test-marsupial',
      '/nl/admin/catalogue/thesaurus/test-marsupial',
      conceptForm(v, { status: 'published' }),
    );
    expect(published.statusCode).toBe(303);
    // A Dutch word of the concept finds the service from an English page, at once on this instance.
    expect((await codes('wombatje', 'en'))[0]).toBe('quokka-grant');

    const stale = await editor.submitForm(
      '/nl/admin/catalogue/thesaurus/test-marsupial',
      '/nl/admin/catalogue/thesaurus/test-marsupial',
      conceptForm(v, { status: 'published' }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Iemand anders heeft dit begrip intussen gewijzigd');

    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_type = 'search_concept' ORDER BY at`);
    expect(audit.rows.map((row) => row.action)).toEqual(['create', 'update']);

    // Not an editor: refused.
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/fr/admin/catalogue/thesaurus')).statusCode).toBe(403);
  });

  it('exports the published concepts as SKOS in Turtle that an independent parser reads', async () => {
    const response = await t.client().get('/api/v1/catalogue/thesaurus.ttl');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/turtle');
    const quads: Quad[] = new Parser({ format: 'text/turtle' }).parse(response.body);
    const SKOS = 'http://www.w3.org/2004/02/skos/core#';
    const concept = quads.find((q) => q.predicate.value === `${SKOS}notation` && q.object.value === 'test-marsupial')!.subject.value;
    const labels = quads.filter((q) => q.subject.value === concept && q.predicate.value.startsWith(SKOS) && q.predicate.value.endsWith('Label'));
    expect(labels.map((q) => `${q.predicate.value.slice(SKOS.length)} ${q.object.value}@${(q.object as { language?: string }).language}`).sort()).toEqual(
      [
        'altLabel wallaby@fr',
        'altLabel wombat@fr',
        'altLabel wombatje@nl',
        'prefLabel buideldierachtige@nl',
        'prefLabel marsupial@en',
        'prefLabel marsupial@fr',
      ].sort(),
    );
    expect(quads.some((q) => q.subject.value === concept && q.object.value.endsWith('/fr/services/quokka-grant'))).toBe(true);
    const concepts = quads.filter((q) => q.predicate.value.endsWith('#type') && q.object.value === `${SKOS}Concept`);
    expect(concepts.length).toBeGreaterThan(100); // the seeded thesaurus too
    // No hierarchy: every concept is a top concept of the one scheme, both ways (SKOS reference, section 4).
    const scheme = quads.find((q) => q.object.value === `${SKOS}ConceptScheme`)!.subject.value;
    expect(quads.filter((q) => q.predicate.value === `${SKOS}topConceptOf` && q.object.value === scheme).length).toBe(concepts.length);
    expect(quads.filter((q) => q.subject.value === scheme && q.predicate.value === `${SKOS}hasTopConcept`).length).toBe(concepts.length);

    // The JSON-LD export is the same graph: its nodes, read through its own context, give exactly the Turtle's triples.
    const jsonLd = await t.client().get('/api/v1/catalogue/thesaurus.jsonld');
    expect(jsonLd.statusCode).toBe(200);
    expect(jsonLd.headers['content-type']).toContain('application/ld+json');
    const document = JSON.parse(jsonLd.body) as {
      '@context': Record<string, string | { '@id': string; '@container'?: string }>;
      '@graph': Array<Record<string, unknown>>;
    };
    const context = document['@context'];
    const iriOf = (term: string) => {
      const definition = context[term];
      const id = typeof definition === 'string' ? definition : definition!['@id'];
      const [prefix, local] = id.split(':') as [string, string];
      return `${context[prefix] as string}${local}`;
    };
    const triple = (s: string, p: string, o: string) => `${s} ${p} ${o}`;
    const fromJsonLd = new Set<string>();
    for (const node of document['@graph']) {
      const subject = node['@id'] as string;
      for (const [key, value] of Object.entries(node)) {
        if (key === '@id') continue;
        if (key === '@type') {
          const [prefix, local] = (value as string).split(':') as [string, string];
          fromJsonLd.add(triple(subject, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', `<${context[prefix] as string}${local}>`));
          continue;
        }
        const definition = context[key];
        const predicate = iriOf(key);
        if (typeof definition === 'object' && definition['@container'] === '@language') {
          for (const [language, labels] of Object.entries(value as Record<string, string | string[]>))
            for (const label of [labels].flat()) fromJsonLd.add(triple(subject, predicate, `${JSON.stringify(label)}@${language}`));
        } else if (typeof definition === 'object') {
          for (const target of [value as string | string[]].flat()) fromJsonLd.add(triple(subject, predicate, `<${target}>`));
        } else fromJsonLd.add(triple(subject, predicate, JSON.stringify(value)));
      }
    }
    const fromTurtle = new Set(
      quads.map((q) => {
        const language = (q.object as { language?: string }).language;
        const object = q.object.termType === 'Literal' ? `${JSON.stringify(q.object.value)}${language ? `@${language}` : ''}` : `<${q.object.value}>`;
        return triple(q.subject.value, q.predicate.value, object);
      }),
    );
    expect(fromJsonLd.size).toBe(fromTurtle.size);
    expect([...fromJsonLd].filter((entry) => !fromTurtle.has(entry))).toEqual([]);
  });

  it('deletes a concept at the version the editor read', async () => {
    const deleted = await editor.submitForm('/en/admin/catalogue/thesaurus/test-marsupial', '/en/admin/catalogue/thesaurus/test-marsupial/delete', {
      version: String(await conceptVersion()),
    });
    expect(deleted.statusCode).toBe(303);
    expect((await editor.get('/en/admin/catalogue/thesaurus/test-marsupial')).statusCode).toBe(404);
    expect(await codes('wombatje', 'en')).not.toContain('quokka-grant');
  });
});

describe('learning loop', () => {
  let bDb: Database;
  let b: Awaited<ReturnType<typeof createApp>>;
  beforeAll(async () => {
    // Instance B: its own app and connection pool on the same database.
    bDb = await openSecondPool(t.db);
    b = await createApp({ config: t.config, db: bDb });
    await b.app.ready();
  }, 120_000);
  afterAll(async () => {
    await b?.app.close();
    await bDb?.close();
  });

  it(
    'turns a failed search into a proposal after a "useful" answer; one click approves it and every instance finds the service',
    { timeout: 60_000 },
    async () => {
      const query = 'mijn schnabeltier';
      expect(await codes(query, 'nl', b.app)).not.toContain('quokka-grant');
      // The person browses to the service from the no-result page and says the page was useful.
      const visitor = t.client();
      const answered = await visitor.submitForm(
        `/nl/services/quokka-grant/useful?answer=yes&from=${encodeURIComponent(query)}`,
        '/nl/services/quokka-grant/useful',
        {
          useful: 'yes',
          from: query,
        },
      );
      expect(answered.statusCode).toBe(303);
      expect((await visitor.get(answered.headers.location as string)).body).toContain(translator('nl')('catalogue.useful.thanks'));

      const list = await editor.get('/nl/admin/catalogue/proposals');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(query);
      const id = (await t.db.query<{ id: string }>(`SELECT id FROM search_term_proposals WHERE term = $1`, [query])).rows[0]!.id;
      const approved = await editor.submitForm('/nl/admin/catalogue/proposals', `/nl/admin/catalogue/proposals/${id}/approve`, {});
      expect(approved.statusCode).toBe(303);
      expect(approved.headers.location).toBe('/nl/admin/catalogue/proposals?notice=approved');
      // Deciding twice: someone already did.
      expect((await editor.submitForm('/nl/admin/catalogue/proposals', `/nl/admin/catalogue/proposals/${id}/reject`, {})).statusCode).toBe(409);

      // This instance at once; instance B after its freshness check.
      expect((await codes(query, 'nl'))[0]).toBe('quokka-grant');
      const deadline = Date.now() + 20_000;
      let found: string[] = [];
      while (Date.now() < deadline) {
        found = await codes(`${query} ${Date.now() % 1000}`, 'nl', b.app);
        if (found[0] === 'quokka-grant') break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(found[0]).toBe('quokka-grant');
      const terms = (await t.db.query<{ terms: string[] }>(`SELECT search_terms -> 'nl' AS terms FROM services WHERE code = 'quokka-grant'`)).rows[0]!.terms;
      expect(terms).toContain(query);
      const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE subject_type = 'search_term_proposal' AND subject_id = $1`, [id]);
      expect(audit.rowCount).toBe(1);
    },
  );

  it('never proposes a rejected term again, nor words the search already ranks well, nor a number', async () => {
    const visitor = t.client();
    const useful = (query: string) =>
      visitor.submitForm('/fr/services/quokka-grant/useful?answer=yes', '/fr/services/quokka-grant/useful', { useful: 'yes', from: query });
    await useful('mon ornithorynque');
    const id = (await t.db.query<{ id: string }>(`SELECT id FROM search_term_proposals WHERE term = 'mon ornithorynque'`)).rows[0]!.id;
    expect((await editor.submitForm('/fr/admin/catalogue/proposals', `/fr/admin/catalogue/proposals/${id}/reject`, {})).statusCode).toBe(303);
    await useful('mon ornithorynque');
    expect((await editor.get('/fr/admin/catalogue/proposals')).body).not.toContain('ornithorynque');
    await useful('trimbulle quokka-grant'); // already first
    await useful('dossier 0470 12 34 56');
    const terms = (await t.db.query<{ term: string }>(`SELECT term FROM search_term_proposals WHERE service_code = 'quokka-grant'`)).rows.map(
      (row) => row.term,
    );
    expect(terms.sort()).toEqual(['mijn schnabeltier', 'mon ornithorynque']);
    // Other organisations' editors do not decide on this service's proposals.
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    expect((await admin.get('/en/admin/catalogue/proposals')).statusCode).toBe(200);
  });

  it('proposes a search asked again and again with the same weak first result to that service', async () => {
    const query = 'trimbulle zorfen blixen quorpen vlammen';
    for (let i = 0; i < REPEATED_GUESS_MINIMUM; i++) {
      const answer = (await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(query)}&lang=fr` })).json() as {
        results: Array<{ code: string; score: number }>;
      };
      expect(answer.results[0]?.code).toMatch(/^quokka-/);
      expect(answer.results[0]!.score).toBeLessThan(GOOD_SCORE);
    }
    const guess = (await search(query, 'fr')).results[0]!.code;
    const list = await editor.get('/fr/admin/catalogue/proposals');
    expect(list.body).toContain(query);
    const { rows } = await t.db.query<{ service_code: string; evidence: number }>(`SELECT service_code, evidence FROM search_term_proposals WHERE term = $1`, [
      query,
    ]);
    expect(rows).toEqual([{ service_code: guess, evidence: 0 }]);
  });

  it('counts at most USEFUL_ANSWERS_PER_HOUR answers of one address an hour', async () => {
    const visitor = t.client();
    visitor.remoteAddress = '10.20.30.40';
    for (let i = 0; i < USEFUL_ANSWERS_PER_HOUR + 5; i++) {
      const answered = await visitor.submitForm('/fr/services/quokka-permit/useful?answer=yes', '/fr/services/quokka-permit/useful', {
        useful: 'yes',
        from: 'mon wombat de compagnie',
      });
      expect(answered.statusCode).toBe(303);
    }
    const { rows } = await t.db.query<{ evidence: number }>(`SELECT evidence FROM search_term_proposals WHERE term = 'mon wombat de compagnie'`);
    expect(rows[0]!.evidence).toBe(USEFUL_ANSWERS_PER_HOUR);
  });

  it('shows the competence center the unmet questions of the month; refuses others', async () => {
    await search('ou faire garder mon dromadaire le dimanche', 'fr');
    const visitor = t.client();
    await visitor.submitForm('/en/services/quokka-grant/useful?answer=no', '/en/services/quokka-grant/useful', {
      useful: 'no',
      lookingFor: 'a licence for my pet wombat',
    });
    await t.services.catalogue.flushGaps();
    const analyst = t.client();
    await analyst.login('analyst@demo.irisdesk.brussels');
    for (const lang of ['fr', 'nl', 'en']) {
      const page = await analyst.get(`/${lang}/competence/unmet-questions`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('ou faire garder mon dromadaire le dimanche');
      expect(page.body).toContain('a licence for my pet wombat');
    }
    expect((await editor.get('/en/competence/unmet-questions')).statusCode).toBe(403);
  });
});

describe('honest no-result page', () => {
  it('offers no nonsense "did you mean", says "no service" once, and ends its list without a semicolon', async () => {
    expect((await search('xyzzy blabla', 'fr')).suggestion).toBeNull();
    for (const lang of ['fr', 'nl', 'en'] as const) {
      const tr = translator(lang);
      const page = await t.client().get(`/${lang}/search?q=xyzzy%20blabla`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(tr('catalogue.search.didYouMean'));
      expect(page.body).not.toContain(tr('catalogue.search.noResult'));
      expect(page.body).not.toContain(tr('catalogue.search.count', { count: 0 }));
      const items = [...page.body.matchAll(/<li class="utrecht-unordered-list__item">([^<]*)<\/li>/g)].map((m) => m[1]!);
      expect(items.some((item) => item.trim().endsWith(';'))).toBe(false);
      expect(page.body).toContain(`href="/${lang}/contact"`);
      expect(page.body).toContain(`/${lang}/orientation?topic=event:moving&amp;from=xyzzy+blabla`);
    }
  });
});

describe('the search a person came from', () => {
  it('is kept through "where do I go?" to the "was this page useful?" form', async () => {
    const page = await t.client().get('/en/services/change-of-address?postalCode=1050&from=moving+out');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/en/services/change-of-address?postalCode=1050&amp;from=moving+out&amp;organisation=commune-ixelles#where"');
    const chosen = await t.client().get('/en/services/change-of-address?postalCode=1050&from=moving+out&organisation=commune-ixelles');
    expect(chosen.body).toContain('<input type="hidden" name="from" value="moving out"/>');
  });
});
