import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import { DEMO_PASSWORD } from '../seed/demo.ts';
import { hashPassword } from '../identity/passwords.ts';

let t: TestApp;
let editor: TestClient; // content editor, commune-schaerbeek
let agent: TestClient; // first-line agent, commune-schaerbeek
let ixellesEditor: TestClient; // content editor, commune-ixelles
let ixellesAgent: TestClient;

const IXELLES_EDITOR = 'editor.ixelles@test.irisdesk.brussels';

beforeAll(async () => {
  t = await createTestApp();
  await t.db.query(
    `INSERT INTO accounts (organisation_id, email, display_name, password_hash, roles, preferred_language)
     SELECT id, $1, 'Ilse Ixelles Editor', $2, ARRAY['content_editor'], 'fr' FROM organisations WHERE code = 'commune-ixelles'`,
    [IXELLES_EDITOR, await hashPassword(DEMO_PASSWORD)],
  );
  editor = t.client();
  agent = t.client();
  ixellesEditor = t.client();
  ixellesAgent = t.client();
  await Promise.all([
    editor.login('editor@demo.irisdesk.brussels'),
    agent.login('agent@demo.irisdesk.brussels'),
    ixellesEditor.login(IXELLES_EDITOR),
    ixellesAgent.login('agent.ixelles@demo.irisdesk.brussels'),
  ]);
}, 120_000);
afterAll(() => t.close());

type Hit = { slug: string; visibility: string; services: string[]; organisation: { code: string }; titleLang: string; score: number | null; url: string };
const search = async (client: TestClient, query: string) => {
  const response = await client.get(`/api/v1/knowledge/articles?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().results as Hit[];
};

const article = (overrides: Record<string, unknown> = {}) => ({
  visibility: 'public',
  title: { fr: 'Prime vélo communale', nl: 'Gemeentelijke fietspremie', en: 'Municipal bicycle grant' },
  body: {
    fr: 'La commune rembourse une partie du prix d’un vélo cargo neuf.',
    nl: 'De gemeente betaalt een deel van de prijs van een nieuwe bakfiets terug.',
    en: 'The commune refunds part of the price of a new cargo bike.',
  },
  services: ['municipal-taxes'],
  ...overrides,
});

describe('knowledge search', () => {
  it('ranks in the user’s language, ignores accents, tolerates typos and finds the other languages', async () => {
    expect((await search(t.client(), 'q=renouveler%20carte%20identit%C3%A9&lang=fr'))[0]!.slug).toBe('renouveler-sa-carte-d-identite');
    expect((await search(t.client(), 'q=renouveler%20carte%20identite&lang=fr'))[0]!.slug).toBe('renouveler-sa-carte-d-identite');
    expect((await search(t.client(), 'q=encombrents&lang=fr'))[0]!.slug).toBe('se-debarrasser-des-encombrants'); // typo
    expect((await search(t.client(), 'q=grofvuil&lang=nl'))[0]!.slug).toBe('se-debarrasser-des-encombrants');
    expect((await search(t.client(), 'q=bulky%20waste&lang=en'))[0]!.slug).toBe('se-debarrasser-des-encombrants');
    const sorting = await search(t.client(), 'q=sac%20bleu%20PMC&lang=fr');
    expect(sorting[0]!.slug).toBe('trier-ses-dechets-les-sacs-de-couleur');
    expect(sorting[0]!.score).toBeGreaterThan(0);
  });

  it('never gives internal articles to the public; staff of any organisation see them', async () => {
    const anonymous = await search(t.client(), 'q=code%20PIN%20PUK%20perdu&lang=fr');
    expect(anonymous.every((hit) => hit.visibility === 'public')).toBe(true);
    expect(anonymous.map((hit) => hit.slug)).not.toContain('script-codes-pin-puk-perdus');
    const listed = await search(t.client(), 'lang=fr&limit=20');
    expect(listed.length).toBeGreaterThan(5);
    expect(listed.every((hit) => hit.visibility === 'public')).toBe(true);
    for (const staff of [agent, ixellesAgent]) {
      const hits = await search(staff, 'q=code%20PIN%20PUK%20perdu&lang=fr');
      expect(hits[0]!.slug).toBe('script-codes-pin-puk-perdus');
      expect(hits[0]!.url).toBe('/fr/admin/knowledge/articles/script-codes-pin-puk-perdus');
    }
  });

  it('filters by linked service and by owning organisation; drafts are never found', async () => {
    const eid = await search(agent, 'service=eid-card&lang=fr');
    expect(eid.map((hit) => hit.slug).sort()).toEqual([
      'renouveler-sa-carte-d-identite',
      'script-codes-pin-puk-perdus',
      'script-rendez-vous-au-service-population',
    ]);
    const eidQuery = await search(agent, 'q=carte&service=kids-id&lang=fr');
    expect(eidQuery.every((hit) => hit.services.includes('kids-id'))).toBe(true);
    expect(eidQuery.length).toBeGreaterThan(0);
    const proprete = await search(agent, 'q=d%C3%A9chets&organisation=bruxelles-proprete');
    expect(proprete.length).toBeGreaterThan(0);
    expect(proprete.every((hit) => hit.organisation.code === 'bruxelles-proprete')).toBe(true);
    expect((await search(editor, 'q=passeport%20d%C3%A9lais%20brouillon')).map((h) => h.slug)).not.toContain('kb-brouillon-passeport-delais');
  });

  it('marks a missing translation: the English result of a French/Dutch-only article says it is French', async () => {
    const hits = await search(agent, 'q=certificat%20r%C3%A9sidence%20Irisbox&lang=en');
    const script = hits.find((hit) => hit.slug === 'script-certificats-orienter-vers-irisbox')!;
    expect(script.titleLang).toBe('fr');
    const page = await agent.get('/en/admin/knowledge/articles/script-certificats-orienter-vers-irisbox');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This article is not available in English yet');
    expect(page.body).toMatch(/<div lang="fr" class="irisdesk-article-body">/);
  });

  it('refuses bad search parameters with 400 and field errors', async () => {
    const response = await t.client().get('/api/v1/knowledge/articles?service=DROP%20TABLE&limit=500', { 'accept-language': 'nl' });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.message).toBe('Sommige velden vragen uw aandacht.');
    expect(error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'service']);
  });
});

describe('reading articles', () => {
  it('serves public articles to everyone and internal ones only to signed-in staff, on the API and pages', async () => {
    const anonymous = t.client();
    expect((await anonymous.get('/api/v1/knowledge/articles/script-codes-pin-puk-perdus')).statusCode).toBe(404);
    expect((await anonymous.get('/fr/help/script-codes-pin-puk-perdus')).statusCode).toBe(404);
    // A public page never shows an internal article, even to a signed-in agent.
    expect((await agent.get('/fr/help/script-codes-pin-puk-perdus')).statusCode).toBe(404);
    expect((await agent.get('/fr/help/script-codes-pin-puk-perdus/versions/1')).statusCode).toBe(404);
    const internal = await agent.get('/api/v1/knowledge/articles/script-codes-pin-puk-perdus?lang=nl');
    expect(internal.statusCode).toBe(200);
    expect(internal.json().visibility).toBe('internal');

    const publicApi = await anonymous.get('/api/v1/knowledge/articles/renouveler-sa-carte-d-identite');
    expect(publicApi.statusCode).toBe(200);
    expect(publicApi.json().versions[0].publishedBy).toBeNull();
    for (const lang of ['fr', 'nl', 'en']) {
      const page = await anonymous.get(`/${lang}/help/renouveler-sa-carte-d-identite`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('DocStop');
    }
    const help = await anonymous.get('/nl/help?q=grofvuil');
    expect(help.body).toContain('/nl/help/se-debarrasser-des-encombrants');
    expect(help.body).not.toContain('script-');
    // Drafts and unknown or malformed ids are 404, never 500.
    for (const id of ['kb-brouillon-passeport-delais', 'no-such-article', '00000000-0000-0000-0000-000000000000', "x'--"]) {
      expect((await agent.get(`/api/v1/knowledge/articles/${encodeURIComponent(id)}`)).statusCode, id).toBe(404);
    }
  });

  it('documents the API in OpenAPI', async () => {
    const paths = (await t.client().get('/api/openapi.json')).json().paths;
    for (const path of [
      '/api/v1/knowledge/articles',
      '/api/v1/knowledge/articles/{id}',
      '/api/v1/knowledge/articles/{id}/flags',
      '/api/v1/knowledge/articles/{id}/publish',
    ]) {
      expect(paths[path], path).toBeDefined();
    }
    expect(paths['/api/v1/knowledge/articles'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'service', 'lang', 'organisation']),
    );
  });

  it('shows public articles linked to a catalogue service on its page', async () => {
    const page = await t.client().get('/fr/services/eid-card');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/fr/help/renouveler-sa-carte-d-identite');
    expect(page.body).not.toContain('script-codes-pin-puk-perdus');
  });
});

describe('editing, versions and tenant isolation', () => {
  it('lets the owner’s editor create a draft, publish it as version 1 then 2, and refuses a stale revision', async () => {
    const created = await editor.request('POST', '/api/v1/knowledge/articles', { json: article({ slug: 'prime-velo-cargo' }) });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ status: 'draft', publishedVersion: null, unpublishedChanges: true, organisation: { code: 'commune-schaerbeek' } });
    expect((await search(t.client(), 'q=v%C3%A9lo%20cargo')).map((h) => h.slug)).not.toContain('prime-velo-cargo');

    const published = await editor.request('POST', `/api/v1/knowledge/articles/${draft.id}/publish`, {
      json: { revision: draft.revision, note: 'Première version' },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedVersion: 1, unpublishedChanges: false });
    // This instance's index is rebuilt at once: the article is found immediately, in every language.
    expect((await search(t.client(), 'q=velo%20cargo&lang=fr'))[0]!.slug).toBe('prime-velo-cargo');
    expect((await search(t.client(), 'q=bakfiets&lang=nl'))[0]!.slug).toBe('prime-velo-cargo');

    const revision = published.json().revision;
    const saved = await editor.request('PUT', `/api/v1/knowledge/articles/prime-velo-cargo`, {
      json: { revision, ...article({ title: { fr: 'Prime vélo cargo', nl: 'Premie bakfiets', en: 'Cargo bike grant' } }) },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'published', publishedVersion: 1, unpublishedChanges: true });
    // Readers still see version 1 until the draft is published.
    expect((await t.client().get('/api/v1/knowledge/articles/prime-velo-cargo?lang=fr')).json().title.fr).toBe('Prime vélo communale');
    const stale = await editor.request('PUT', `/api/v1/knowledge/articles/prime-velo-cargo`, { json: { revision, ...article() } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('knowledge.stale');

    const second = await editor.request('POST', `/api/v1/knowledge/articles/prime-velo-cargo/publish`, { json: { revision: saved.json().revision } });
    expect(second.json().publishedVersion).toBe(2);
    const again = await editor.request('POST', `/api/v1/knowledge/articles/prime-velo-cargo/publish`, { json: { revision: second.json().revision } });
    expect(again.statusCode).toBe(409);

    const read = (await agent.get('/api/v1/knowledge/articles/prime-velo-cargo?lang=en')).json();
    expect(read.version).toBe(2);
    expect(read.title.en).toBe('Cargo bike grant');
    expect(read.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(read.versions[1]).toMatchObject({ publishedBy: 'Elise Editor', note: 'Première version' });
    const v1 = await t.client().get('/fr/help/prime-velo-cargo/versions/1');
    expect(v1.statusCode).toBe(200);
    expect(v1.body).toContain('Prime vélo communale');
    expect(v1.body).not.toContain('Elise Editor'); // authors are shown to staff only
  });

  it('two concurrent publishes of the same revision: one wins, the other gets 409', async () => {
    const created = (await editor.request('POST', '/api/v1/knowledge/articles', { json: article({ slug: 'concurrent-publish', services: [] }) })).json();
    const results = await Promise.all([
      editor.request('POST', `/api/v1/knowledge/articles/${created.id}/publish`, { json: { revision: created.revision } }),
      editor.request('POST', `/api/v1/knowledge/articles/${created.id}/publish`, { json: { revision: created.revision } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await agent.get('/api/v1/knowledge/articles/concurrent-publish')).json().versions).toHaveLength(1);
  });

  it('keeps other organisations and other roles out', async () => {
    const target = (await editor.get('/api/v1/knowledge/articles/renouveler-sa-carte-d-identite/draft')).json();
    expect(target.revision).toBeGreaterThan(0);
    const attempt = await ixellesEditor.request('PUT', '/api/v1/knowledge/articles/renouveler-sa-carte-d-identite', {
      json: { revision: target.revision, ...article() },
    });
    expect(attempt.statusCode).toBe(403);
    expect(attempt.json().error.code).toBe('knowledge.not_owner');
    expect(
      (await ixellesEditor.request('POST', '/api/v1/knowledge/articles/renouveler-sa-carte-d-identite/publish', { json: { revision: target.revision } }))
        .statusCode,
    ).toBe(403);
    expect((await ixellesEditor.get('/api/v1/knowledge/articles/renouveler-sa-carte-d-identite/draft')).statusCode).toBe(403);
    expect((await ixellesEditor.get('/fr/admin/knowledge/articles/renouveler-sa-carte-d-identite/edit')).statusCode).toBe(403);
    // An editor cannot create for another organisation; an agent cannot write at all; the public must sign in.
    expect((await ixellesEditor.request('POST', '/api/v1/knowledge/articles', { json: article({ organisation: 'commune-schaerbeek' }) })).statusCode).toBe(403);
    expect((await agent.request('POST', '/api/v1/knowledge/articles', { json: article() })).statusCode).toBe(403);
    expect((await t.client().request('POST', '/api/v1/knowledge/articles', { json: article() })).statusCode).toBe(401);
    // An Ixelles editor's own article belongs to Ixelles; Schaerbeek's editor cannot touch it.
    const own = await ixellesEditor.request('POST', '/api/v1/knowledge/articles', { json: article({ slug: 'ixelles-velo', publish: true }) });
    expect(own.statusCode).toBe(201);
    expect(own.json().organisation.code).toBe('commune-ixelles');
    expect((await editor.request('PUT', '/api/v1/knowledge/articles/ixelles-velo', { json: { revision: own.json().revision, ...article() } })).statusCode).toBe(
      403,
    );
    // Unchanged by the refused attempts.
    expect((await editor.get('/api/v1/knowledge/articles/renouveler-sa-carte-d-identite/draft')).json().revision).toBe(target.revision);
  });

  it('refuses bad input with 400 and field errors in the user’s language', async () => {
    const bad = await editor.request('POST', '/api/v1/knowledge/articles?lang=nl', {
      json: { visibility: 'secret', title: { fr: 'x'.repeat(201) }, body: {} },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields as Array<{ field: string; message: string }>;
    expect(fields.map((f) => f.field).sort()).toEqual(['title.fr', 'visibility']);
    expect(fields.find((f) => f.field === 'visibility')!.message).toContain('kies');

    const empty = await editor.request('POST', '/api/v1/knowledge/articles', {
      json: { visibility: 'public', title: {}, body: {}, services: ['no-such-service'] },
      headers: { 'accept-language': 'en' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual([
      { field: 'title.fr', code: 'knowledge.titleRequired', message: 'title.fr: give a title in at least one language.' },
      { field: 'services', code: 'knowledge.unknownService', message: 'services: not a service of the catalogue (no-such-service).' },
    ]);
    const incomplete = await editor.request('POST', '/api/v1/knowledge/articles?lang=fr', {
      json: { visibility: 'public', title: { nl: 'Alleen een titel' }, body: { en: 'Only a body' }, publish: true },
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.nl', 'title.en']);
    const taken = await editor.request('POST', '/api/v1/knowledge/articles', { json: article({ slug: 'renouveler-sa-carte-d-identite' }) });
    expect(taken.statusCode).toBe(409);
    expect((await editor.request('POST', '/api/v1/knowledge/articles', { json: article({ slug: 'Not A Slug' }) })).statusCode).toBe(400);
  });
});

describe('flags', () => {
  it('an agent of any organisation flags; the owner’s editors see and resolve; others cannot', async () => {
    const flagged = await ixellesAgent.request('POST', '/api/v1/knowledge/articles/renouveler-sa-carte-d-identite/flags', {
      json: { kind: 'outdated', comment: 'Le prix a changé, voir jean.dupont@example.be ou 0470 12 34 56' },
    });
    expect(flagged.statusCode, flagged.body).toBe(201);
    const flag = flagged.json();
    expect(flag).toMatchObject({ kind: 'outdated', status: 'open', articleVersion: 1, flaggedBy: 'Ilias Ixelles' });
    expect(flag.comment).toBe('Le prix a changé, voir [e-mail] ou [phone]');

    expect(
      (await t.client().request('POST', '/api/v1/knowledge/articles/renouveler-sa-carte-d-identite/flags', { json: { kind: 'unclear', comment: 'x' } }))
        .statusCode,
    ).toBe(401);
    const badFlag = await agent.request('POST', '/api/v1/knowledge/articles/renouveler-sa-carte-d-identite/flags?lang=fr', {
      json: { kind: 'wrong', comment: '' },
    });
    expect(badFlag.statusCode).toBe(400);
    expect(
      badFlag
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['comment', 'kind']);

    const open = (await editor.get('/api/v1/knowledge/flags')).json().flags as Array<{ id: string }>;
    expect(open.map((f) => f.id)).toContain(flag.id);
    expect((await ixellesEditor.get('/api/v1/knowledge/flags')).json().flags.map((f: { id: string }) => f.id)).not.toContain(flag.id);
    expect((await agent.get('/api/v1/knowledge/flags')).statusCode).toBe(403);
    expect((await ixellesEditor.request('POST', `/api/v1/knowledge/flags/${flag.id}/resolve`, { json: {} })).statusCode).toBe(403);

    const resolved = await editor.request('POST', `/api/v1/knowledge/flags/${flag.id}/resolve`, { json: { note: 'Prix mis à jour' } });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedBy: 'Elise Editor', resolutionNote: 'Prix mis à jour' });
    expect((await editor.request('POST', `/api/v1/knowledge/flags/${flag.id}/resolve`, { json: {} })).statusCode).toBe(409);
    expect((await editor.request('POST', `/api/v1/knowledge/flags/not-a-uuid/resolve`, { json: {} })).statusCode).toBe(404);
    expect((await editor.get('/api/v1/knowledge/flags?status=resolved')).json().flags.map((f: { id: string }) => f.id)).toContain(flag.id);
  });
});

describe('back-office pages and the knowledge panel', () => {
  it('creates through the form with field errors, edits all three languages, flags and resolves through pages', async () => {
    const refused = await editor.submitForm('/nl/admin/knowledge/new', '/nl/admin/knowledge/new', {
      visibility: 'internal',
      'title.fr': '',
      'body.fr': 'Tekst zonder titel',
      action: 'publish',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('data-error-summary');
    expect(refused.body).toContain('href="#field-title-fr"');
    expect(refused.body).toContain('Titel (Français): geef een titel in minstens één taal.');

    const created = await editor.submitForm('/fr/admin/knowledge/new', '/fr/admin/knowledge/new', {
      visibility: 'internal',
      'title.fr': 'Script : horaires d’été',
      'body.fr': 'Pendant l’été, le guichet ferme à 12 h 30.\n\n- lundi\n- mardi',
      'title.nl': 'Script: zomeruren',
      'body.nl': 'Tijdens de zomer sluit het loket om 12.30 uur.',
      'title.en': '',
      'body.en': '',
      services: 'change-of-address',
      reviewOn: '2027-01-31',
      action: 'publish',
    });
    expect(created.statusCode, created.body).toBe(303);
    expect(created.headers.location).toBe('/fr/admin/knowledge/articles/script-horaires-d-ete/edit?notice=published');
    const edit = await editor.get('/fr/admin/knowledge/articles/script-horaires-d-ete/edit?notice=published');
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('Nouvelle version publiée.');
    const revision = /name="revision" value="(\d+)"/.exec(edit.body)![1]!;
    const saved = await editor.submitForm(
      '/fr/admin/knowledge/articles/script-horaires-d-ete/edit',
      '/fr/admin/knowledge/articles/script-horaires-d-ete/edit',
      {
        revision,
        visibility: 'internal',
        'title.fr': 'Script : horaires d’été du guichet',
        'body.fr': 'Pendant l’été, le guichet ferme à 12 h 30.',
        'title.nl': 'Script: zomeruren',
        'body.nl': 'Tijdens de zomer sluit het loket om 12.30 uur.',
        'title.en': 'Script: summer hours',
        'body.en': 'In summer, the counter closes at 12:30.',
        services: ['change-of-address', 'eid-card'],
        action: 'save',
      },
    );
    expect(saved.statusCode, saved.body).toBe(303);
    const stale = await editor.submitForm(
      '/fr/admin/knowledge/articles/script-horaires-d-ete/edit',
      '/fr/admin/knowledge/articles/script-horaires-d-ete/edit',
      {
        revision,
        visibility: 'internal',
        'title.fr': 'Autre',
        action: 'save',
      },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Quelqu’un a modifié cet article entre-temps');

    const view = await agent.get('/fr/admin/knowledge/articles/script-horaires-d-ete');
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('<li class="utrecht-unordered-list__item">lundi</li>');
    expect(view.body).toContain('Historique des versions');
    const flagged = await agent.submitForm('/fr/admin/knowledge/articles/script-horaires-d-ete', '/fr/admin/knowledge/articles/script-horaires-d-ete/flags', {
      kind: 'unclear',
      comment: 'Quels jours exactement ?',
    });
    expect(flagged.statusCode).toBe(303);
    const emptyFlag = await agent.submitForm('/fr/admin/knowledge/articles/script-horaires-d-ete', '/fr/admin/knowledge/articles/script-horaires-d-ete/flags', {
      kind: 'unclear',
      comment: '',
    });
    expect(emptyFlag.statusCode).toBe(400);

    const flagsPage = await editor.get('/en/admin/knowledge/flags');
    expect(flagsPage.body).toContain('Quels jours exactement ?');
    const flagId = /\/en\/admin\/knowledge\/flags\/([0-9a-f-]{36})\/resolve/.exec(flagsPage.body)![1]!;
    const resolved = await editor.submitForm('/en/admin/knowledge/flags', `/en/admin/knowledge/flags/${flagId}/resolve`, { note: 'Clarified' });
    expect(resolved.statusCode).toBe(303);
    expect((await editor.get('/en/admin/knowledge/flags')).body).not.toContain('Quels jours exactement ?');
    expect((await agent.get('/en/admin/knowledge/flags')).statusCode).toBe(403);
  });

  it('the back-office list searches; the panel endpoint returns only the results, for staff only', async () => {
    const list = await agent.get('/nl/admin/knowledge?q=sluikstort');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('/nl/admin/knowledge/articles/script-signalement-depot-clandestin');
    const filtered = await agent.get('/fr/admin/knowledge?q=&service=&organisation=bruxelles-proprete');
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain('/fr/admin/knowledge/articles/script-signalement-depot-clandestin');
    expect(filtered.body).not.toContain('/fr/admin/knowledge/articles/renouveler-sa-carte-d-identite');
    expect(filtered.body).toContain('<option value="bruxelles-proprete" selected>');
    expect((await agent.get('/fr/admin/knowledge?service=%3Cscript%3E')).statusCode).toBe(400);
    const fragment = await agent.get('/fr/admin/knowledge/panel?kq=Kids-ID&kservice=kids-id');
    expect(fragment.statusCode).toBe(200);
    expect(fragment.body).not.toContain('<html');
    expect(fragment.body).toContain('/fr/admin/knowledge/articles/kids-id-pour-les-enfants-de-moins-de-12-ans');
    const anonymous = await t.client().get('/fr/admin/knowledge/panel?kq=eid');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/fr/login');
  });
});
