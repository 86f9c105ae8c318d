// Creating services and pending drafts of published services (decision 0015): the public catalogue (pages,
// API, search, CPSV-AP export) shows only published content until a draft is published; publishing records a
// version; discarding drops the draft; a stale save is refused; another organisation's editor is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { translator } from '../platform/i18n/messages.ts';
import { justelUrl, LEGAL_BASES } from '../seed/catalogue.ts';
import { fillLegalBases } from './repository.ts';

const fr = translator('fr');
const en = translator('en');

let t: TestApp;
let theme: string;
let lifeEvent: string;
beforeAll(async () => {
  t = await createTestApp();
  theme = (await t.db.query<{ code: string }>('SELECT code FROM catalogue_themes ORDER BY position LIMIT 1')).rows[0]!.code;
  lifeEvent = (await t.db.query<{ code: string }>('SELECT code FROM life_events ORDER BY position LIMIT 1')).rows[0]!.code;
});
afterAll(async () => {
  await t?.close();
});

const empty = { fr: '', nl: '', en: '' };
const newService = (code: string, overrides: Record<string, unknown> = {}) => ({
  code,
  name: { fr: 'Carte de stationnement riverain', nl: 'Bewonerskaart parkeren', en: 'Residents’ parking card' },
  summary: { fr: 'Stationner près de chez vous.', nl: 'Parkeren bij u in de buurt.', en: 'Park near your home.' },
  description: empty,
  evidence: { fr: 'Certificat d’immatriculation', nl: 'Inschrijvingsbewijs', en: 'Vehicle registration' },
  cost: empty,
  processingTime: empty,
  keywords: { fr: ['parking'], nl: ['parkeerkaart'], en: ['parking permit'] },
  channels: ['counter', 'online'],
  appointment: false,
  audience: ['citizen'],
  lifeEvents: [lifeEvent],
  theme,
  competent: { kind: 'organisation', organisation: 'commune-schaerbeek' },
  ...overrides,
});
const draftOf = (version: number, body: ReturnType<typeof newService>, overrides: Record<string, unknown> = {}) => {
  const { code: _code, ...content } = body;
  return { version, ...content, ...overrides };
};
const publicName = async (code: string, lang = 'en') => {
  const response = await t.client().get(`/api/v1/services/${code}?lang=${lang}`);
  return response.statusCode === 200 ? (response.json().name as string) : response.statusCode;
};
const found = async (q: string, code: string) =>
  ((await t.client().get(`/api/v1/search?q=${encodeURIComponent(q)}&lang=en`)).json().results as Array<{ code: string }>).some((r) => r.code === code);
const versionRows = async (code: string) =>
  (
    await t.db.query<{ version: number; note: string | null }>(
      `SELECT v.version, v.note FROM service_versions v JOIN services s ON s.id = v.service_id WHERE s.code = $1 ORDER BY v.version`,
      [code],
    )
  ).rows;

describe('creating a service', () => {
  it('an editor creates a draft service of their organisation; it is not public; a taken code gives 409', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const created = await editor.request('POST', '/api/v1/admin/services', { json: newService('residents-parking-card') });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'residents-parking-card',
      status: 'draft',
      version: 1,
      draft: false,
      translations: { fr: true, nl: true, en: true },
    });
    const { rows } = await t.db.query<{ owner: string; competent: string; audience: string[]; theme: string }>(
      `SELECT o.code AS owner, c.code AS competent, s.audience, s.theme FROM services s
         JOIN organisations o ON o.id = s.owner_organisation_id JOIN organisations c ON c.id = s.competent_organisation_id
        WHERE s.code = 'residents-parking-card'`,
    );
    expect(rows[0]).toEqual({ owner: 'commune-schaerbeek', competent: 'commune-schaerbeek', audience: ['citizen'], theme });

    expect(await publicName('residents-parking-card')).toBe(404);
    expect(await found('residents parking card', 'residents-parking-card')).toBe(false);
    expect((await editor.get('/api/v1/admin/services')).json().services.map((s: { code: string }) => s.code)).toContain('residents-parking-card');

    const again = await editor.request('POST', '/api/v1/admin/services?lang=fr', { json: newService('residents-parking-card') });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'catalogue.code_taken', fields: [{ field: 'code' }] });
    expect(again.json().error.message).toContain('« residents-parking-card » est déjà utilisé');
  });

  it('refuses bad input field by field in the user’s language', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const bad = await editor.request('POST', '/api/v1/admin/services?lang=nl', {
      json: newService('Bad Code!', {
        name: { fr: 'Seulement en français', nl: '', en: '' },
        theme: 'no-such-theme',
        lifeEvents: ['no-such-event'],
        competent: { kind: 'organisation', organisation: null },
      }),
    });
    expect(bad.statusCode).toBe(400);
    const fields = Object.fromEntries((bad.json().error.fields as Array<{ field: string; message: string }>).map((f) => [f.field, f.message]));
    expect(Object.keys(fields).sort()).toEqual(['code', 'competent.organisation', 'lifeEvents', 'name.nl', 'theme']);
    expect(fields.code).toContain('kleine letters');
    expect(fields.theme).toContain('kies een thema');
    expect(fields.lifeEvents).toContain('no-such-event');
    expect(bad.json().error.message).toBeTruthy();

    const noAudience = await editor.request('POST', '/api/v1/admin/services', { json: newService('no-audience', { audience: [] }) });
    expect(noAudience.statusCode).toBe(400);
    expect(noAudience.json().error.fields[0].field).toBe('audience');
    expect((await editor.request('POST', '/api/v1/admin/services', { json: newService('new') })).statusCode).toBe(400);
  });

  it('an editor cannot create a service of another organisation nor one of every commune; an administrator can', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const other = await editor.request('POST', '/api/v1/admin/services', {
      json: newService('ixelles-only', { competent: { kind: 'organisation', organisation: 'commune-ixelles' } }),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('catalogue.competent_not_allowed');
    const shared = await editor.request('POST', '/api/v1/admin/services', { json: newService('every-commune', { competent: { kind: 'commune' } }) });
    expect(shared.statusCode).toBe(403);
    expect((await t.client().request('POST', '/api/v1/admin/services', { json: newService('anonymous') })).statusCode).toBe(401);

    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const regional = await admin.request('POST', '/api/v1/admin/services', { json: newService('every-commune', { competent: { kind: 'commune' } }) });
    expect(regional.statusCode).toBe(201);
    const { rows } = await t.db.query<{ owner: string | null; kind: string }>(
      `SELECT owner_organisation_id AS owner, competent_kind AS kind FROM services WHERE code = 'every-commune'`,
    );
    expect(rows[0]).toEqual({ owner: null, kind: 'commune' });
  });

  it('creates through the back-office form (three languages on one form) with errors shown per field', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels', undefined, 'fr');
    const page = await editor.get('/fr/admin/catalogue/services/new');
    expect(page.statusCode).toBe(200);
    for (const field of [
      'code',
      'nameFr',
      'nameNl',
      'nameEn',
      'summaryEn',
      'descriptionNl',
      'keywordsFr',
      'theme',
      'audience',
      'lifeEvents',
      'competentKind',
      'competentOrganisation',
      'channels',
      'appointment',
    ]) {
      expect(page.body, field).toContain(`name="${field}"`);
    }
    const form = {
      code: 'form-made-service',
      nameFr: 'Service du formulaire',
      nameNl: '',
      nameEn: 'Form-made service',
      summaryFr: 'Résumé',
      audience: ['citizen', 'business'],
      lifeEvents: [lifeEvent],
      theme,
      competentKind: 'organisation',
      competentOrganisation: 'commune-schaerbeek',
      channels: ['counter'],
      appointment: 'true',
      keywordsFr: 'mot, autre mot',
    };
    const invalid = await editor.submitForm('/fr/admin/catalogue/services/new', '/fr/admin/catalogue/services', form);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('href="#field-nameNl"');
    expect(invalid.body).toContain(`${fr('field.nameNl')} : ce champ est obligatoire`);
    expect(invalid.body).toContain('value="Service du formulaire"');

    const ok = await editor.submitForm('/fr/admin/catalogue/services/new', '/fr/admin/catalogue/services', { ...form, nameNl: 'Dienst van het formulier' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/fr/admin/catalogue/services/form-made-service?notice=created');
    const view = (await editor.get('/api/v1/admin/services/form-made-service')).json();
    expect(view).toMatchObject({ status: 'draft', draft: false, translations: { fr: true, nl: false, en: false } });
    const { rows } = await t.db.query<{ audience: string[]; appointment: boolean; keywords: Record<string, string[]> }>(
      `SELECT audience, appointment, keywords FROM services WHERE code = 'form-made-service'`,
    );
    expect(rows[0]).toMatchObject({ audience: ['citizen', 'business'], appointment: true, keywords: { fr: ['mot', 'autre mot'] } });

    const taken = await editor.submitForm('/fr/admin/catalogue/services/new', '/fr/admin/catalogue/services', { ...form, nameNl: 'x' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('href="#field-code"');
  });
});

describe('drafts of a published service', () => {
  const code = 'draft-flow-service';
  const body = () => newService(code);

  it('keeps the public service unchanged until publish, records a version on publish, and discards', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    expect((await editor.request('POST', '/api/v1/admin/services', { json: body() })).statusCode).toBe(201);
    const published = await editor.request('POST', `/api/v1/admin/services/${code}/publish`, { json: { version: 1 } });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', version: 2, draft: false });
    expect(await publicName(code)).toBe('Residents’ parking card');
    const historyAfterPublish = await versionRows(code);

    // A draft: the live service, search and the CPSV-AP export do not move.
    const draft = await editor.request('PUT', `/api/v1/admin/services/${code}/draft`, {
      json: draftOf(2, body(), {
        name: { ...body().name, en: 'Zorglub parking card' },
        keywords: { fr: ['parking'], nl: ['parkeerkaart'], en: ['zorglub'] },
        appointment: true,
      }),
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'published', version: 3, draft: true, name: { en: 'Zorglub parking card' } });
    expect(draft.json().changedFields.sort()).toEqual(['appointment', 'keywords.en', 'name.en']);
    expect(await publicName(code)).toBe('Residents’ parking card');
    expect((await t.client().get(`/api/v1/services/${code}?lang=en`)).json().appointment).toBe(false);
    expect(await found('zorglub', code)).toBe(false);
    expect((await t.client().get('/api/v1/catalogue.jsonld')).body).not.toContain('Zorglub');
    expect((await t.client().get(`/en/services/${code}`)).body).not.toContain('Zorglub');
    expect(await versionRows(code)).toEqual(historyAfterPublish);

    // The back office shows the draft, marked, with what it changes.
    const page = await editor.get(`/en/admin/catalogue/services/${code}`);
    expect(page.body).toContain('Unpublished changes');
    expect(page.body).toContain('value="Zorglub parking card"');
    const changed = /<ul[^>]*data-changed-fields[^>]*>(.*?)<\/ul>/s.exec(page.body)![1]!;
    expect([...changed.matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((m) => m[1])).toEqual([
      en('field.nameEn'),
      en('field.keywordsEn'),
      en('catalogue.field.appointment'),
    ]);
    expect((await editor.get('/en/admin/catalogue')).body).toContain('unpublished changes');

    // Stale: a save on the version read before the draft is refused, nothing lost.
    const stale = await editor.request('PUT', `/api/v1/admin/services/${code}/draft`, { json: draftOf(2, body()) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('catalogue.stale');
    expect((await editor.request('POST', `/api/v1/admin/services/${code}/publish`, { json: { version: 2 } })).statusCode).toBe(409);

    // Publish: live content replaced, a new version recorded, search and export follow.
    const live = await editor.request('POST', `/api/v1/admin/services/${code}/publish`, { json: { version: 3, reviewed: true } });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ version: 4, draft: false, changedFields: [] });
    expect(await publicName(code)).toBe('Zorglub parking card');
    expect(await found('zorglub', code)).toBe(true);
    expect((await t.client().get('/api/v1/catalogue.jsonld')).body).toContain('Zorglub parking card');
    const history = await versionRows(code);
    expect(history, JSON.stringify([historyAfterPublish, history])).toHaveLength(historyAfterPublish.length + 1);
    expect(history.at(-1)).toEqual({ version: 4, note: 'published' });

    // Nothing to publish or discard now.
    expect((await editor.request('POST', `/api/v1/admin/services/${code}/publish`, { json: { version: 4 } })).json().error.code).toBe('catalogue.no_draft');
    expect((await editor.request('POST', `/api/v1/admin/services/${code}/discard-draft`, { json: { version: 4 } })).statusCode).toBe(409);

    // Discard: the draft goes, the live service stays.
    await editor.request('PUT', `/api/v1/admin/services/${code}/draft`, { json: draftOf(4, body(), { name: { ...body().name, en: 'Never published' } }) });
    const discarded = await editor.request('POST', `/api/v1/admin/services/${code}/discard-draft`, { json: { version: 5 } });
    expect(discarded.statusCode).toBe(200);
    expect(discarded.json()).toMatchObject({ version: 6, draft: false, name: { en: 'Zorglub parking card' } });
    expect(await publicName(code)).toBe('Zorglub parking card');
    expect((await versionRows(code)).length).toBe(history.length);
  });

  it('two concurrent saves on the same version: one wins, the other gets 409', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const { version } = (await editor.get(`/api/v1/admin/services/${code}`)).json();
    const [a, b] = await Promise.all([
      editor.request('PUT', `/api/v1/admin/services/${code}/draft`, { json: draftOf(version, body(), { cost: { fr: 'A', nl: 'A', en: 'A' } }) }),
      editor.request('PUT', `/api/v1/admin/services/${code}/draft`, { json: draftOf(version, body(), { cost: { fr: 'B', nl: 'B', en: 'B' } }) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? 'A' : 'B';
    const { rows } = await t.db.query<{ cost: string }>(`SELECT draft->'cost'->>'en' AS cost FROM services WHERE code = $1`, [code]);
    expect(rows[0]!.cost).toBe(winner);
  });

  it('another organisation’s editor cannot save, publish or discard a draft', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const tax = (await admin.get('/api/v1/admin/services/income-tax-return')).json();
    const json = draftOf(tax.version, newService('x', { competent: { kind: 'organisation', organisation: 'spf-finances' } }));
    const refused = await editor.request('PUT', '/api/v1/admin/services/income-tax-return/draft', { json });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('catalogue.not_owner');
    expect((await editor.request('POST', '/api/v1/admin/services/income-tax-return/publish', { json: { version: tax.version } })).statusCode).toBe(403);
    expect((await editor.request('POST', '/api/v1/admin/services/income-tax-return/discard-draft', { json: { version: tax.version } })).statusCode).toBe(403);
    expect((await editor.get('/api/v1/admin/services/income-tax-return')).statusCode).toBe(403);
    // Nor hand their own service to another organisation.
    const own = (await editor.get(`/api/v1/admin/services/${code}`)).json();
    const handOver = await editor.request('PUT', `/api/v1/admin/services/${code}/draft`, {
      json: draftOf(own.version, body(), { competent: { kind: 'organisation', organisation: 'commune-ixelles' } }),
    });
    expect(handOver.statusCode).toBe(403);
    expect(handOver.json().error.code).toBe('catalogue.competent_not_allowed');
    // An administrator may edit it (draft kept apart from the live service).
    const ok = await admin.request('PUT', '/api/v1/admin/services/income-tax-return/draft', { json });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().draft).toBe(true);
    expect(await publicName('income-tax-return')).not.toBe('Residents’ parking card');
  });

  it('the edit form saves a draft of a published service, then publishes it, then discards and withdraws', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const url = `/en/admin/catalogue/services/${code}`;
    let version = (await editor.get(`/api/v1/admin/services/${code}`)).json().version;
    if ((await editor.get(`/api/v1/admin/services/${code}`)).json().draft) {
      expect((await editor.submitForm(url, `${url}/discard`, { version: String(version) })).statusCode).toBe(303);
      version += 1;
    }
    const form = {
      version: String(version),
      nameFr: 'Carte riverain',
      nameNl: 'Bewonerskaart',
      nameEn: 'Residents card (form)',
      summaryFr: 'Résumé',
      summaryNl: 'Samenvatting',
      summaryEn: 'Summary',
      audience: ['citizen'],
      theme,
      competentKind: 'organisation',
      competentOrganisation: 'commune-schaerbeek',
      channels: ['online'],
    };
    const saved = await editor.submitForm(url, url, { ...form, intent: 'save' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${url}?notice=saved`);
    expect(await publicName(code)).toBe('Zorglub parking card');
    const page = await editor.get(`${url}?notice=saved`);
    expect(page.body).toContain('Unpublished changes');
    expect(page.body).toContain('Changes saved.');

    const stale = await editor.submitForm(url, url, { ...form, intent: 'publish' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this service');
    expect(await publicName(code)).toBe('Zorglub parking card');

    const publishedForm = await editor.submitForm(url, url, { ...form, version: String(version + 1), nameEn: 'Residents card (published)', intent: 'publish' });
    expect(publishedForm.statusCode).toBe(303);
    expect(await publicName(code)).toBe('Residents card (published)');
    expect((await editor.get(`/api/v1/admin/services/${code}`)).json().draft).toBe(false);

    const withdrawn = await editor.submitForm(url, `${url}/withdraw`, { version: String(version + 2) });
    expect(withdrawn.statusCode).toBe(303);
    expect(await publicName(code)).toBe(404);
    // Withdrawn: edits apply in place (nothing public to protect), and "Publish" puts it back.
    const inPlace = await editor.submitForm(url, url, { ...form, version: String(version + 3), nameEn: 'Back again', intent: 'save' });
    expect(inPlace.statusCode).toBe(303);
    expect((await editor.get(`/api/v1/admin/services/${code}`)).json()).toMatchObject({ status: 'withdrawn', draft: false, name: { en: 'Back again' } });
    const back = await editor.request('POST', `/api/v1/admin/services/${code}/publish`, { json: { version: version + 4 } });
    expect(back.statusCode).toBe(200);
    expect(await publicName(code)).toBe('Back again');
  });
});

describe('local parts of shared services (decision 0058)', () => {
  it('a commune editor drafts, publishes and discards a local part, shown only to citizens of that commune', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const list = await editor.get('/fr/admin/catalogue');
    expect(list.body).toContain('Services partagés : vos informations locales');
    expect(list.body).toContain('/fr/admin/catalogue/services/residence-certificate/local');
    expect(list.body).not.toContain('Aucun service à modifier');

    const url = '/en/admin/catalogue/services/residence-certificate/local';
    const blank = Object.fromEntries(['fees', 'documents', 'offices', 'notes'].flatMap((f) => ['Fr', 'Nl', 'En'].map((l) => [`${f}${l}`, ''])));
    const form = { ...blank, version: '0', feesFr: 'Gratuit à Schaerbeek', feesEn: 'Free of charge in Schaerbeek', officesNl: 'Loket 7' };
    const saved = await editor.submitForm(url, url, { ...form, intent: 'save' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${url}?notice=saved`);
    const page = (postalCode: string, lang = 'en') => t.client().get(`/${lang}/services/residence-certificate?postalCode=${postalCode}`);
    expect((await page('1030')).body).not.toContain('Free of charge in Schaerbeek');

    const published = await editor.submitForm(url, url, { ...form, version: '1', intent: 'publish' });
    expect(published.statusCode).toBe(303);
    const schaerbeek = (await page('1030')).body;
    expect(schaerbeek).toContain('In your municipality');
    expect(schaerbeek).toContain('Free of charge in Schaerbeek');
    expect(schaerbeek).toContain('<span lang="nl">Loket 7</span>');
    expect((await page('1030', 'fr')).body).toContain('Gratuit à Schaerbeek');
    expect((await page('1000')).body).not.toContain('Free of charge in Schaerbeek');
    expect((await t.client().get('/en/services/residence-certificate')).body).not.toContain('In your municipality');

    // A stale form is refused; a new draft leaves the public page alone until discarded.
    expect((await editor.submitForm(url, url, { ...form, version: '1', intent: 'publish' })).statusCode).toBe(409);
    expect((await editor.submitForm(url, url, { ...form, version: '2', feesEn: 'Changed', intent: 'save' })).statusCode).toBe(303);
    const editPage = await editor.get(url);
    expect(editPage.body).toContain('Unpublished changes');
    expect((await editor.submitForm(url, `${url}/discard`, { version: '3' })).statusCode).toBe(303);
    expect((await page('1030')).body).toContain('Free of charge in Schaerbeek');
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE subject_type = 'service_local_part'`);
    expect(audit.rows.length).toBe(1);
  });

  it('only content editors of a commune write local parts, and only on services every commune provides', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/en/admin/catalogue/services/residence-certificate/local')).statusCode).toBe(403);
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    expect((await editor.get('/en/admin/catalogue/services/urgent-medical-aid/local')).statusCode).toBe(403); // every CPAS
    expect((await editor.get('/en/admin/catalogue/services/job-seeker-registration/local')).statusCode).toBe(404); // one organisation
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    expect((await admin.get('/en/admin/catalogue/services/residence-certificate/local')).statusCode).toBe(403);
  });
});

describe('legal basis (issue 15)', () => {
  it('is seeded for the identity card, shown on the page, and editable with a checked link', async () => {
    const api = await t.client().get('/api/v1/services/eid-card?lang=en');
    expect(api.json().legalBasis).toEqual({ text: expect.stringContaining('Law of 19 July 1991'), url: null });
    const nl = await t.client().get('/nl/services/eid-card');
    expect(nl.body).toContain('Wettelijke basis');
    expect(nl.body).toContain('Wet van 19 juli 1991');

    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const url = '/en/admin/catalogue/services/passport';
    const current = (await admin.get(`/api/v1/admin/services/passport`)).json();
    const editPage = await admin.get(url);
    expect(editPage.body).toContain('Consular Code (Law of 21 December 2013)');
    const form = {
      version: String(current.version),
      nameFr: 'Passeport',
      nameNl: 'Paspoort',
      nameEn: 'Passport',
      summaryFr: 'Résumé',
      summaryNl: 'Samenvatting',
      summaryEn: 'Summary',
      legalBasisFr: 'Code consulaire',
      legalBasisNl: 'Consulair Wetboek',
      legalBasisEn: 'Consular Code',
      legalBasisUrl: 'javascript:alert(1)',
      audience: ['citizen'],
      theme: 'identity-civil-status',
      competentKind: 'commune',
      channels: ['counter'],
      intent: 'publish',
    };
    const bad = await admin.submitForm(url, url, form);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('give a full web address starting with https://');
    const ok = await admin.submitForm(url, url, { ...form, legalBasisUrl: 'https://www.ejustice.just.fgov.be/' });
    expect(ok.statusCode).toBe(303);
    const page = (await t.client().get('/en/services/passport')).body;
    expect(page).toMatch(/<a[^>]+href="https:\/\/www\.ejustice\.just\.fgov\.be\/"[^>]*>Consular Code<\/a>/);
    const jsonld = (await t.client().get('/api/v1/catalogue.jsonld')).body;
    expect(jsonld).toContain('"cv:hasLegalResource":{"@id":"https://www.ejustice.just.fgov.be/","@type":"eli:LegalResource"');
    expect(jsonld).toContain('Law of 19 July 1991');
  });
  it('links an act to its official text where its number is known, also on databases seeded before the links', async () => {
    const api = await t.client().get('/api/v1/services/euthanasia-advance-directive?lang=fr');
    expect(api.json().legalBasis).toEqual({
      text: "Loi du 28 mai 2002 relative à l'euthanasie",
      url: 'https://www.ejustice.just.fgov.be/eli/loi/2002/05/28/2002009590/justel',
    });
    const page = (await t.client().get('/nl/services/urgent-medical-aid')).body;
    expect(page).toContain('href="https://www.ejustice.just.fgov.be/eli/arrete/1996/12/12/1996022721/justel"');

    // A database seeded before the links: the seeded text without its link gets it; a text someone changed does not.
    await t.db.query(`UPDATE services SET legal_basis_url = NULL WHERE code IN ('belgian-nationality', 'urgent-medical-aid')`);
    await t.db.query(`UPDATE services SET legal_basis = jsonb_set(legal_basis, '{en}', '"Aid Decree"') WHERE code = 'urgent-medical-aid'`);
    await fillLegalBases(t.db, LEGAL_BASES);
    const urls = await t.db.query<{ code: string; url: string | null }>(
      `SELECT code, legal_basis_url AS url FROM services WHERE code IN ('belgian-nationality', 'urgent-medical-aid') ORDER BY code`,
    );
    expect(urls.rows).toEqual([
      { code: 'belgian-nationality', url: 'https://www.ejustice.just.fgov.be/eli/loi/1984/06/28/1984900065/justel' },
      { code: 'urgent-medical-aid', url: null },
    ]);
    expect(() => justelUrl('loi', '2002-05-28', '20020095')).toThrow();
  });
});
