// The catalogue as its users and other tools see it: the public API contract, search quality basics,
// "where do I go?" with shared postal codes, bad input, the pages, and editing rights between organisations.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const search = async (q: string, lang = 'en', extra = '') => {
  const response = await t.client().get(`/api/v1/search?q=${encodeURIComponent(q)}&lang=${lang}${extra}`);
  return { status: response.statusCode, body: response.json() };
};
const codes = (body: { results: Array<{ code: string }> }) => body.results.map((r) => r.code);

describe('GET /api/v1/search', () => {
  it('answers the contract: code, name and summary in the requested language, organisation, score, best first, at most 20', async () => {
    const { status, body } = await search('carte', 'nl');
    expect(status).toBe(200);
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(20);
    const first = body.results[0];
    expect(Object.keys(first).sort()).toEqual(['code', 'name', 'organisation', 'score', 'summary']);
    const eid = body.results.find((r: { code: string }) => r.code === 'eid-card');
    expect(eid?.name).toBe('Elektronische identiteitskaart (eID)');
    const scores = body.results.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('folds case and accents, stems, and tolerates typos', async () => {
    expect(codes((await search('CARTE D IDENTITE', 'fr')).body).slice(0, 3)).toContain('eid-card');
    expect(codes((await search('demenagement', 'fr')).body).slice(0, 3)).toContain('change-of-address');
    expect(codes((await search('allocation familiale', 'fr')).body)[0]).toBe('family-allowances');
    expect(codes((await search('pension de retraite', 'fr')).body)[0]).toBe('retirement-pension');
    expect(codes((await search('identiteitskaart', 'nl')).body).slice(0, 3)).toContain('eid-card');
    expect(codes((await search('retirment pensoin', 'en')).body).slice(0, 3)).toContain('retirement-pension');
  });

  it('matches across languages: a French query in the English interface finds the service', async () => {
    expect(codes((await search('allocations familiales', 'en')).body)[0]).toBe('family-allowances');
    expect(codes((await search('moving house', 'fr')).body).slice(0, 3)).toContain('change-of-address');
  });

  it('leads questions for the federal level to the federal body', async () => {
    const { body } = await search('income tax return', 'en');
    expect(body.results[0].code).toBe('income-tax-return');
    expect(body.results[0].organisation).toMatchObject({ resolved: true, code: 'spf-finances', kind: 'federal' });
  });

  it('resolves the commune from a postal code, and says so when it cannot', async () => {
    const without = await search('change of address', 'en');
    const service = without.body.results.find((r: { code: string }) => r.code === 'change-of-address');
    expect(service.organisation).toEqual({ resolved: false, kind: 'commune', reason: 'postal_code_needed' });

    const schaerbeek = await search('change of address', 'en', '&postalCode=1030');
    expect(schaerbeek.body.results.find((r: { code: string }) => r.code === 'change-of-address').organisation).toMatchObject({
      resolved: true,
      code: 'commune-schaerbeek',
      kind: 'commune',
    });

    const shared = await search('change of address', 'en', '&postalCode=1050');
    const answer = shared.body.results.find((r: { code: string }) => r.code === 'change-of-address').organisation;
    expect(answer.resolved).toBe(false);
    expect(answer.reason).toBe('postal_code_shared');
    expect(answer.candidates.map((c: { code: string }) => c.code).sort()).toEqual(['commune-bruxelles', 'commune-ixelles']);
  });

  it('gives a clear answer to bad input, never a 500', async () => {
    const empty = await search('');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation.failed');
    expect(empty.body.error.message).toBeTruthy();

    expect((await search('x'.repeat(2001))).status).toBe(400);
    const long = await search('permis de conduire '.repeat(105).slice(0, 2000), 'fr');
    expect(long.status).toBe(200);
    expect(codes(long.body)).toContain('driving-licence');

    const emoji = await search('🙂🏠🚗', 'en');
    expect(emoji).toEqual({ status: 200, body: { results: [], outcome: 'no_result', suggestion: null, guidedQuestion: null } });

    const sql = await search("'; DROP TABLE services; --", 'en');
    expect(sql.status).toBe(200);
    expect((await search('carte', 'fr')).body.results.length).toBeGreaterThan(0);

    expect((await search('carte', 'de')).status).toBe(400);
    expect((await search('carte', 'fr', '&postalCode=abc')).status).toBe(400);
  });
});

describe('search answers are cached and shared', () => {
  it('sends the same answer in every encoding and logs a repeated poor search each time', async () => {
    const url = `/api/v1/search?q=${encodeURIComponent('permis de conduire')}&lang=fr`;
    const plain = await t.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    const br = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    const gzip = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect([plain.headers['content-encoding'], br.headers['content-encoding'], gzip.headers['content-encoding']]).toEqual([undefined, 'br', 'gzip']);
    expect(br.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    expect(JSON.parse(plain.body).results.length).toBeGreaterThan(0);

    const gaps = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM content_gaps WHERE lower(query) = 'qwxzvb plokij'`)).rows[0]!.n;
    await search('qwxzvb plokij', 'fr');
    await search('QWXZVB plokij', 'fr');
    await t.services.catalogue.flushGaps();
    expect(await gaps()).toBe(2);
  });
});

describe('GET /api/v1/services/{code}', () => {
  it('gives the service in the requested language, and 404 with the envelope for an unknown code', async () => {
    const ok = await t.client().get('/api/v1/services/income-tax-return?lang=nl');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'income-tax-return', competent: { kind: 'organisation', organisation: { code: 'spf-finances' } } });
    expect(ok.json().name).toMatch(/belasting/i);

    const missing = await t.client().get('/api/v1/services/no-such-service?lang=fr');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'catalogue.service_not_found', status: 404 });
    expect(missing.json().error.message).toMatch(/n’existe pas/);
  });
});

describe('GET /api/v1/orientation', () => {
  it('answers the organisation and its contact points for a commune service and a postal code', async () => {
    const response = await t.client().get('/api/v1/orientation?service=change-of-address&postalCode=1030&lang=fr');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.organisation).toMatchObject({ resolved: true, code: 'commune-schaerbeek', name: 'Commune de Schaerbeek' });
    expect(Array.isArray(body.contactPoints)).toBe(true);
  });

  it('asks which commune when the postal code is shared, then answers the chosen one', async () => {
    const shared = await t.client().get('/api/v1/orientation?service=change-of-address&postalCode=1040&lang=en');
    expect(shared.statusCode).toBe(200);
    expect(shared.json().organisation).toBeUndefined();
    expect(
      shared
        .json()
        .candidates.map((c: { code: string }) => c.code)
        .sort(),
    ).toEqual(['commune-bruxelles', 'commune-etterbeek']);

    const chosen = await t.client().get('/api/v1/orientation?service=change-of-address&postalCode=1040&organisation=commune-etterbeek&lang=en');
    expect(chosen.json().organisation.code).toBe('commune-etterbeek');
  });

  it('resolves CPAS services to the CPAS of the commune', async () => {
    const { rows } = await t.db.query<{ code: string }>(`SELECT code FROM services WHERE competent_kind = 'cpas' ORDER BY code LIMIT 1`);
    const response = await t.client().get(`/api/v1/orientation?service=${rows[0]!.code}&postalCode=1030&lang=en`);
    expect(response.json().organisation.code).toBe('cpas-schaerbeek');
  });

  it('needs no postal code for a service of one organisation', async () => {
    const response = await t.client().get('/api/v1/orientation?service=income-tax-return&lang=en');
    expect(response.json().organisation.code).toBe('spf-finances');
  });

  it('refuses a missing, malformed or unknown postal code with a clear message', async () => {
    const missing = await t.client().get('/api/v1/orientation?service=change-of-address&lang=en');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('catalogue.postal_code_required');
    expect((await t.client().get('/api/v1/orientation?service=change-of-address&postalCode=10a0&lang=en')).statusCode).toBe(400);
    const outside = await t.client().get('/api/v1/orientation?service=change-of-address&postalCode=9000&lang=en');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.message).toContain('9000');
  });
});

describe('pages', () => {
  it('search page lists results and, without a good result, offers the contact center and logs the gap anonymously', async () => {
    const ok = await t.client().get('/fr/search?q=carte+identite');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('href="/fr/services/eid-card?from=carte+identite"');

    const none = await t.client().get(`/en/search?q=${encodeURIComponent('<script>alert(1)</script> zzqxv jean@x.be')}`);
    expect(none.statusCode).toBe(200);
    expect(none.body).not.toContain('<script>alert(1)');
    expect(none.body).toContain('&lt;script>');
    expect(none.body).toContain('href="/en/contact"');
    await t.services.catalogue.flushGaps();
    const { rows } = await t.db.query<{ query: string; lang: string }>(`SELECT query, lang FROM content_gaps ORDER BY id DESC LIMIT 1`);
    expect(rows[0]).toEqual({ query: '<script>alert(1)</script> zzqxv [e-mail]', lang: 'en' });

    const empty = await t.client().get('/nl/search?q=');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Typ enkele woorden');
  });

  it('service page shows the facts, schema.org JSON-LD and asks which commune for a shared postal code', async () => {
    const page = await t.client().get('/en/services/change-of-address?postalCode=1050');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('"@type":"GovernmentService"');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]!);
    // schema.org has no inLanguage or keywords on a Service: they describe the page, its main entity the service.
    expect(ld).not.toHaveProperty('inLanguage');
    expect(ld).not.toHaveProperty('keywords');
    expect(ld.mainEntityOfPage).toMatchObject({ '@type': 'WebPage', inLanguage: 'en' });
    expect(page.body).toContain('organisation=commune-ixelles');
    const resolved = await t.client().get('/en/services/change-of-address?postalCode=1050&organisation=commune-ixelles');
    expect(resolved.body).toContain('href="/en/organisations/commune-ixelles"');
    const bad = await t.client().get('/en/services/change-of-address?postalCode=12');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a 4-digit postal code');
    expect((await t.client().get('/en/services/nothing-here')).statusCode).toBe(404);
  });

  it('organisation and guided orientation pages exist in the three languages', async () => {
    for (const lang of ['fr', 'nl', 'en']) {
      const org = await t.client().get(`/${lang}/organisations/commune-schaerbeek`);
      expect(org.statusCode).toBe(200);
      expect(org.body).toContain(`href="/${lang}/services/change-of-address"`);
      const guided = await t.client().get(`/${lang}/orientation?topic=event:moving&audience=citizen&postalCode=1030`);
      expect(guided.statusCode).toBe(200);
      expect(guided.body).toContain(`href="/${lang}/services/change-of-address?postalCode=1030"`);
    }
    expect((await t.client().get('/en/organisations/nope')).statusCode).toBe(404);
  });

  it('home page has the search box', async () => {
    const home = await t.client().get('/en');
    expect(home.body).toContain('action="/en/search"');
  });
});

describe('machine-readable catalogue', () => {
  it('exports CPSV-AP JSON-LD and CSV with every published service', async () => {
    const jsonld = await t.client().get('/api/v1/catalogue.jsonld');
    expect(jsonld.statusCode).toBe(200);
    expect(jsonld.headers['content-type']).toContain('application/ld+json');
    const graph = jsonld.json()['@graph'];
    expect(graph.length).toBeGreaterThanOrEqual(150);
    const service = graph.find((s: { 'dct:identifier': string }) => s['dct:identifier'] === 'income-tax-return');
    expect(service['@type']).toBe('cpsv:PublicService');
    // Languages from the EU authority table and channel types as IRIs defined in the same document (CPSV-AP).
    expect(service['dct:language']).toContainEqual({ '@id': 'http://publications.europa.eu/resource/authority/language/NLD' });
    const defined = new Set(graph.map((node: { '@id'?: string }) => node['@id']));
    const context = jsonld.json()['@context'] as Record<string, string>;
    const expand = (iri: string) => iri.replace(/^irisdesk:/, context.irisdesk!);
    expect(service['cv:hasChannel'].length).toBeGreaterThan(0);
    for (const channel of service['cv:hasChannel']) expect(defined.has(channel['dct:type']['@id'])).toBe(true);
    expect(Object.keys(service).filter((key) => key.startsWith('schema:'))).toEqual([]);
    expect([...defined].map((id) => expand(String(id)))).toContain(expand('irisdesk:requiresAppointment'));

    const csv = await t.client().get('/api/v1/catalogue.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines.length).toBeGreaterThanOrEqual(151);
    expect(lines[0]).toContain('"code"');
  });
});

describe('editing', () => {
  const body = (version: number, overrides: Record<string, unknown> = {}) => ({
    version,
    name: { fr: 'Déclaration d’impôt', nl: 'Belastingaangifte', en: 'Tax return' },
    summary: { fr: 'Résumé', nl: 'Samenvatting', en: 'Summary' },
    description: { fr: '', nl: '', en: '' },
    evidence: { fr: '', nl: '', en: '' },
    cost: { fr: 'Gratuit', nl: 'Gratis', en: 'Free' },
    processingTime: { fr: '', nl: '', en: '' },
    keywords: { fr: ['impots'], nl: ['belastingen'], en: ['taxes'] },
    channels: ['online'],
    appointment: false,
    status: 'published',
    reviewed: true,
    ...overrides,
  });

  it('an editor of one organisation cannot change another organisation’s service nor a shared commune service', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const other = await editor.request('PUT', '/api/v1/admin/services/income-tax-return', { json: body(1) });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('catalogue.not_owner');
    expect((await editor.request('PUT', '/api/v1/admin/services/change-of-address', { json: body(1) })).statusCode).toBe(403);
    expect((await editor.get('/en/admin/catalogue/services/income-tax-return')).statusCode).toBe(403);
    const list = await editor.get('/api/v1/admin/services');
    expect(list.json().services.map((s: { code: string }) => s.code)).not.toContain('income-tax-return');
  });

  it('the owning organisation’s editor edits; a stale version is refused with 409; history is kept; drafts are not public', async () => {
    await t.db.query(
      `UPDATE services SET owner_organisation_id = (SELECT id FROM organisations WHERE code = 'commune-schaerbeek') WHERE code = 'municipal-taxes'`,
    );
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const version = (await editor.get('/api/v1/admin/services')).json().services.find((s: { code: string }) => s.code === 'municipal-taxes').version;
    // Searched (and its answer cached) before the edit: the edit must still show at once.
    expect(codes((await search('zorglubtaxe', 'fr')).body)).not.toContain('municipal-taxes');
    const saved = await editor.request('PUT', '/api/v1/admin/services/municipal-taxes', {
      json: body(version, { keywords: { fr: ['zorglubtaxe'], nl: [], en: [] } }),
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: version + 1, stale: false, translations: { fr: true, nl: true, en: true } });
    expect(codes((await search('zorglubtaxe', 'fr')).body)[0]).toBe('municipal-taxes');

    const stale = await editor.request('PUT', '/api/v1/admin/services/municipal-taxes?lang=en', { json: body(version) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/Someone else changed this service/);

    const draft = await editor.request('PUT', '/api/v1/admin/services/municipal-taxes', { json: body(version + 1, { status: 'draft' }) });
    expect(draft.statusCode).toBe(200);
    expect((await t.client().get('/api/v1/services/municipal-taxes')).statusCode).toBe(404);
    expect(codes((await search('zorglubtaxe', 'fr')).body)).not.toContain('municipal-taxes');

    const page = await editor.get('/en/admin/catalogue/services/municipal-taxes');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Version history');
    expect(page.body).toContain('Elise Editor');
  });

  it('the edit form saves through the page with its CSRF token and shows a stale edit plainly', async () => {
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const { version } = (await admin.get('/api/v1/admin/services')).json().services.find((s: { code: string }) => s.code === 'eid-card');
    const form = {
      version: String(version),
      nameFr: 'Carte d’identité',
      nameNl: 'Identiteitskaart',
      nameEn: 'Identity card',
      summaryFr: 'Résumé',
      status: 'published',
    };
    const ok = await admin.submitForm('/en/admin/catalogue/services/eid-card', '/en/admin/catalogue/services/eid-card', form);
    expect(ok.statusCode).toBe(303);
    const again = await admin.submitForm('/en/admin/catalogue/services/eid-card', '/en/admin/catalogue/services/eid-card', form);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Someone else changed this service');
  });

  it('editors see the stale list and the content gaps; the public does not', async () => {
    await t.db.query(`UPDATE services SET last_reviewed_at = now() - interval '13 months' WHERE code = 'driving-licence'`);
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const stale = await admin.get('/en/admin/catalogue?stale=1');
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toContain('/en/admin/catalogue/services/driving-licence');
    expect(stale.body).not.toContain('/en/admin/catalogue/services/income-tax-return"');
    await search('qwxzv blorp', 'fr');
    const gaps = await admin.get('/en/admin/catalogue/gaps');
    expect(gaps.body).toContain('qwxzv blorp');
    const anonymous = await t.client().get('/en/admin/catalogue/gaps');
    expect([302, 303, 401]).toContain(anonymous.statusCode);
  });
});
