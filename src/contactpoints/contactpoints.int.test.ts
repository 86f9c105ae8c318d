import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp } from '../../test/app.ts';
import type { ContactPointSummary } from './service.ts';
import { translator } from '../platform/i18n/messages.ts';

let t: TestApp;
let schaerbeek: ContactPointSummary;
let ixelles: ContactPointSummary;

beforeAll(async () => {
  t = await createTestApp();
  const client = t.client();
  schaerbeek = (await client.get('/api/v1/organisations/commune-schaerbeek/contact-points'))
    .json()
    .contactPoints.find((cp: ContactPointSummary) => cp.code === 'maison-communale');
  ixelles = (await client.get('/api/v1/organisations/commune-ixelles/contact-points')).json().contactPoints[0];
});
afterAll(() => t.close());

const editForm = (cp: { code: string; version: number }, overrides: Record<string, string | string[]> = {}) => ({
  version: String(cp.version),
  code: cp.code,
  nameFr: 'Maison communale – Schaerbeek',
  nameNl: 'Gemeentehuis – Schaarbeek',
  nameEn: 'Town hall – Schaerbeek',
  streetFr: 'Rue des Iris',
  streetNl: 'Irisstraat',
  houseNumber: '12',
  postalCode: '1030',
  municipalityFr: 'Schaerbeek',
  municipalityNl: 'Schaarbeek',
  latitude: '50.8676',
  longitude: '4.3773',
  openingHours: 'Mo-Fr 08:30-12:30; Th 08:30-12:30,14:00-19:00; PH off',
  holidayCalendar: 'brussels',
  phone: '+32 2 555 12 34',
  email: 'accueil.schaerbeek@demo.irisdesk.brussels',
  channels: ['walk_in', 'phone'],
  languages: ['fr', 'nl'],
  accessibility: ['wheelchair', 'hearing_loop'],
  demo: 'true',
  active: 'true',
  ...overrides,
});

describe('contact points: public API and pages', () => {
  it('lists the demo contact points of every commune and CPAS with an open/closed status', async () => {
    const client = t.client();
    for (const code of ['commune-anderlecht', 'cpas-anderlecht', 'commune-woluwe-saint-pierre', 'cpas-jette', 'actiris', 'famiris']) {
      const response = await client.get(`/api/v1/organisations/${code}/contact-points`);
      expect(response.statusCode).toBe(200);
      const list = response.json().contactPoints as ContactPointSummary[];
      expect(list.length, code).toBeGreaterThan(0);
      expect(typeof list[0]!.status.openNow).toBe('boolean');
      expect(list[0]!.demo).toBe(true);
    }
    expect(schaerbeek.address.postalCode).toBe('1030');
    expect(schaerbeek.address.municipality).toEqual({ fr: 'Schaerbeek', nl: 'Schaarbeek' });
  });

  it('gives one contact point with its week, holidays and next change in Brussels time', async () => {
    const response = await t.client().get(`/api/v1/contact-points/${ixelles.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ id: ixelles.id, organisation: { code: 'commune-ixelles' }, holidayCalendar: 'brussels' });
    expect(body.weeklyHours).toHaveLength(7);
    expect(body.status.nextChange === null || /[+]0[12]:00$/.test(body.status.nextChange.at)).toBe(true);
  });

  it('computes the status at a given time: closed on Iris Day for a commune, open the day before', async () => {
    // Thursday 7 May 2026 at 10:00 Brussels, then Friday 8 May (Iris Day) at 10:00.
    const before = await t.services.contactPoints.get(schaerbeek.id, new Date('2026-05-07T08:00:00Z'));
    const irisDay = await t.services.contactPoints.get(schaerbeek.id, new Date('2026-05-08T08:00:00Z'));
    expect(before.status.openNow).toBe(true);
    expect(irisDay.status.openNow).toBe(false);
    expect(irisDay.status.holidayToday?.code).toBe('iris-day');
    // Upcoming closures seen from mid-April: Labour Day, Iris Day, Ascension, Whit Monday
    const april = await t.services.contactPoints.get(schaerbeek.id, new Date('2026-04-15T08:00:00Z'));
    expect(april.upcomingHolidays.map((closure) => closure.holiday.code)).toEqual(['labour-day', 'iris-day', 'ascension', 'whit-monday']);
    expect(april.upcomingHolidays.every((closure) => closure.intervals.length === 0)).toBe(true);
  });

  it('shows the page in French, Dutch and English with the demo warning, the week and the status', async () => {
    const client = t.client();
    const fr = await client.get(`/fr/contact-points/${schaerbeek.id}`);
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain('<html lang="fr"');
    expect(fr.body).toContain('Données de démonstration');
    expect(fr.body).toContain('Heures habituelles, heure de Bruxelles');
    // In words, consecutive days with the same hours together; never the OpenStreetMap notation or coordinates.
    expect(fr.body).toMatch(/<strong>[^<]*[Ll]undi[^<]*<\/strong>, de \d+\u00a0h/);
    expect(fr.body).not.toContain('Mo-Fr');
    const visibleText = fr.body.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');
    expect(visibleText).not.toMatch(/latitude|50\.\d{4}/i);
    expect(fr.body).toContain('href="https://www.openstreetmap.org/');
    expect(fr.body).toContain('Lundi');
    expect(fr.body).toMatch(/Ouvert maintenant|Fermé maintenant/);
    expect(fr.body).toContain('1030 Schaerbeek');
    expect(fr.body).toContain('Entrée de plain-pied');

    const nl = await client.get(`/nl/contact-points/${schaerbeek.id}`);
    expect(nl.body).toContain('Gemeentehuis – Schaarbeek');
    expect(nl.body).toContain('1030 Schaarbeek');
    expect(nl.body).toContain('Maandag');
    expect(nl.body).toMatch(/Nu open|Nu gesloten/);
    expect(nl.body).toContain('Demogegevens');

    const en = await client.get(`/en/contact-points/${schaerbeek.id}`);
    expect(en.body).toContain('Town hall – Schaerbeek');
    expect(en.body).toContain('Monday');
    expect(en.body).toContain('Upcoming public holiday closures');
    expect(en.body).toContain('openstreetmap.org/?mlat=');
    expect((en.body.match(/<h1/g) ?? []).length).toBe(1);
  });

  it('answers 404, never 500, for an unknown or malformed id and an unknown organisation', async () => {
    const client = t.client();
    for (const url of [
      '/api/v1/contact-points/00000000-0000-4000-8000-000000000000',
      '/api/v1/contact-points/not-a-uuid',
      "/api/v1/contact-points/1'%20OR%201=1",
    ]) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('contact_point.not_found');
    }
    const page = await client.get('/nl/contact-points/not-a-uuid');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Dit contactpunt bestaat niet.');
    const org = await client.get('/api/v1/organisations/commune-nowhere/contact-points');
    expect(org.statusCode).toBe(404);
    expect(org.json().error.code).toBe('organisation.not_found');
  });
});

describe('contact points: editing in the back office', () => {
  it('lets a content editor change a contact point of their organisation, and shows the new hours', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const list = await editor.get('/en/admin/contact-points');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Town hall – Schaerbeek');
    expect(list.body).not.toContain('Town hall – Ixelles');
    const current = (await editor.get(`/api/v1/contact-points/${schaerbeek.id}`)).json();
    const saved = await editor.submitForm(
      `/en/admin/contact-points/${schaerbeek.id}`,
      `/en/admin/contact-points/${schaerbeek.id}`,
      editForm(current, { openingHours: 'Mo-Fr 08:00-12:00; Sa 09:00-11:30; PH off' }),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/en/admin/contact-points/${schaerbeek.id}?saved=1`);
    const after = (await editor.get(`/api/v1/contact-points/${schaerbeek.id}`)).json();
    expect(after.openingHours).toBe('Mo-Fr 08:00-12:00; Sa 09:00-11:30; PH off');
    expect(after.version).toBe(current.version + 1);
    expect(after.weeklyHours[5]).toMatchObject({ weekday: 6, intervals: [{ from: '09:00', to: '11:30' }] });
    const page = await editor.get(`/en/contact-points/${schaerbeek.id}`);
    expect(page.body).toContain('<strong>Saturday</strong>, 9:00–11:30');
  });

  it('refuses a stale edit with 409 instead of losing the other change', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    const read = (await editor.get(`/api/v1/contact-points/${schaerbeek.id}`)).json();
    const first = await manager.submitForm(
      `/en/admin/contact-points/${schaerbeek.id}`,
      `/en/admin/contact-points/${schaerbeek.id}`,
      editForm(read, { houseNumber: '14' }),
    );
    expect(first.statusCode).toBe(303);
    const stale = await editor.submitForm(
      `/en/admin/contact-points/${schaerbeek.id}`,
      `/en/admin/contact-points/${schaerbeek.id}`,
      editForm(read, { houseNumber: '99' }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this contact point');
    const api = await editor.request('PUT', `/api/v1/contact-points/${schaerbeek.id}`, { json: apiBody(read) });
    expect(api.statusCode).toBe(409);
    expect(api.json().error.code).toBe('contact_point.stale');
    expect((await editor.get(`/api/v1/contact-points/${schaerbeek.id}`)).json().address.number).toBe('14');
  });

  it('refuses a bad opening_hours string with 400 and a clear message, on the form and the API', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels', undefined, 'fr');
    const current = (await editor.get(`/api/v1/contact-points/${schaerbeek.id}`)).json();
    const form = await editor.submitForm(
      `/fr/admin/contact-points/${schaerbeek.id}`,
      `/fr/admin/contact-points/${schaerbeek.id}`,
      editForm(current, { openingHours: 'lundi matin seulement' }),
    );
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('Heures d’ouverture : cette notation n’est pas valable');
    expect(form.body).toContain('href="#field-openingHours"');
    const phInList = await editor.request('PUT', `/api/v1/contact-points/${schaerbeek.id}?lang=en`, {
      json: { ...apiBody(current), openingHours: 'Mo-Fr,PH 09:00-12:00' },
    });
    expect(phInList.statusCode).toBe(400);
    expect(phInList.json().error.fields[0]).toMatchObject({
      field: 'openingHours',
      message: expect.stringContaining('write public holidays as a separate rule'),
    });
    expect((await editor.get(`/api/v1/contact-points/${schaerbeek.id}`)).json().version).toBe(current.version);

    const postal = await editor.submitForm(
      `/fr/admin/contact-points/${schaerbeek.id}`,
      `/fr/admin/contact-points/${schaerbeek.id}`,
      editForm(current, { postalCode: '10300' }),
    );
    expect(postal.statusCode).toBe(400);
    expect(postal.body).toContain('href="#field-postalCode"');
    expect(postal.body).toContain('Code postal');
    const half = await editor.submitForm(
      `/fr/admin/contact-points/${schaerbeek.id}`,
      `/fr/admin/contact-points/${schaerbeek.id}`,
      editForm(current, { longitude: '' }),
    );
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('donnez la latitude et la longitude, ou aucune des deux');
    const html = await editor.request('PUT', `/api/v1/contact-points/${schaerbeek.id}`, {
      json: { ...apiBody(current), openingHours: '<script>alert(1)</script>' },
    });
    expect(html.statusCode).toBe(400);
    expect(html.body).not.toContain('<script>');
  });

  it('keeps organisations apart: an editor of Schaerbeek cannot change an Ixelles contact point', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const page = await editor.get(`/en/admin/contact-points/${ixelles.id}`);
    expect(page.statusCode).toBe(403);
    const current = (await editor.get(`/api/v1/contact-points/${ixelles.id}`)).json();
    const token = csrfTokenOf((await editor.get('/en/admin/contact-points')).body);
    const post = await editor.request('POST', `/en/admin/contact-points/${ixelles.id}`, { form: { ...editForm(current), _csrf: token } });
    expect(post.statusCode).toBe(403);
    const api = await editor.request('PUT', `/api/v1/contact-points/${ixelles.id}`, {
      json: { ...apiBody(current), houseNumber: undefined, address: { ...current.address, number: '666' } },
    });
    expect(api.statusCode).toBe(403);
    const create = await editor.request('POST', '/api/v1/organisations/commune-ixelles/contact-points', { json: newBody('annexe') });
    expect(create.statusCode).toBe(403);
    expect((await editor.get(`/api/v1/contact-points/${ixelles.id}`)).json().address.number).toBe(current.address.number);

    // Ixelles's own manager may.
    const manager = t.client();
    await manager.login('manager.ixelles@demo.irisdesk.brussels');
    const own = await manager.request('PUT', `/api/v1/contact-points/${ixelles.id}`, {
      json: { ...apiBody(current), address: { ...current.address, number: '7' } },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().address.number).toBe('7');
  });

  it('hides a deactivated contact point from the public but keeps it for its editors', async () => {
    const manager = t.client();
    await manager.login('manager.ixelles@demo.irisdesk.brussels');
    const created = await manager.request('POST', '/api/v1/organisations/commune-ixelles/contact-points', {
      json: { ...newBody('antenne-flagey'), address: { ...newBody('x').address, postalCode: '1050', municipality: { fr: 'Ixelles', nl: 'Elsene' } } },
    });
    expect(created.statusCode).toBe(201);
    const cp = created.json();
    const before = await t.services.contactPoints.listForOrganisation(cp.organisation.id);
    expect(before.map((item) => item.code)).toContain('antenne-flagey');
    const off = await manager.request('PUT', `/api/v1/contact-points/${cp.id}`, { json: { ...apiBody(cp), active: false } });
    expect(off.statusCode).toBe(200);
    expect((await t.client().get(`/api/v1/contact-points/${cp.id}`)).statusCode).toBe(404);
    expect((await t.client().get(`/fr/contact-points/${cp.id}`)).statusCode).toBe(404);
    const after = await t.services.contactPoints.listForOrganisation(cp.organisation.id);
    expect(after.map((item) => item.code)).not.toContain('antenne-flagey');
    const byOrganisation = await t.services.contactPoints.listForOrganisations([cp.organisation.id, 'not-a-uuid']);
    expect(byOrganisation.get(cp.organisation.id)!.map((item) => item.code)).toEqual(after.map((item) => item.code));
    const list = await manager.get('/fr/admin/contact-points');
    expect(list.body).toContain('Inactif');
    expect(list.body).toContain('href="/fr/admin/contact-points"');
  });

  it('refuses the back office to staff without an editing role', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/en/admin/contact-points')).statusCode).toBe(403);
    const nav = await agent.get('/en/back-office');
    expect(nav.body).not.toContain('/en/admin/contact-points');
    const anonymous = await t.client().request('POST', '/api/v1/organisations/commune-schaerbeek/contact-points', { json: newBody('x1') });
    expect(anonymous.statusCode).toBe(401);
  });

  it('creates a contact point (form and API), refuses a duplicate code, and shows it publicly', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const created = await editor.submitForm('/en/admin/contact-points/new', '/en/admin/contact-points', {
      ...editForm({ code: 'antenne-josaphat', version: 1 }),
      version: [],
      organisationCode: 'commune-schaerbeek',
      nameEn: 'Josaphat local office',
      holidayCalendar: 'brussels',
    });
    expect(created.statusCode).toBe(303);
    const id = /contact-points\/([0-9a-f-]{36})\?created=1/.exec(String(created.headers.location))![1]!;
    const page = await t.client().get(`/en/contact-points/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Josaphat local office');

    const api = await editor.request('POST', '/api/v1/organisations/commune-schaerbeek/contact-points', { json: newBody('guichet-energie') });
    expect(api.statusCode).toBe(201);
    expect(api.json()).toMatchObject({ code: 'guichet-energie', holidayCalendar: 'brussels', organisation: { code: 'commune-schaerbeek' } });
    const duplicate = await editor.request('POST', '/api/v1/organisations/commune-schaerbeek/contact-points', { json: newBody('guichet-energie') });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('contact_point.code_taken');

    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const anywhere = await admin.request('POST', '/api/v1/organisations/vgc/contact-points', { json: newBody('onthaal') });
    expect(anywhere.statusCode).toBe(201);
    expect(anywhere.json().holidayCalendar).toBe('flemish');
  });
});

function apiBody(cp: Record<string, any>) {
  return {
    version: cp.version,
    code: cp.code,
    name: cp.name,
    address: cp.address,
    coordinates: cp.coordinates,
    accessibility: cp.accessibility,
    languages: cp.languages,
    channels: cp.channels,
    phone: cp.phone,
    email: cp.email,
    openingHours: cp.openingHours,
    holidayCalendar: cp.holidayCalendar,
    demo: cp.demo,
    active: cp.active,
  };
}

function newBody(code: string) {
  return {
    code,
    name: { fr: 'Guichet énergie', nl: 'Energieloket', en: 'Energy desk' },
    address: { street: { fr: 'Rue des Iris', nl: 'Irisstraat' }, number: '5', postalCode: '1030', municipality: { fr: 'Schaerbeek', nl: 'Schaarbeek' } },
    coordinates: { latitude: 50.86, longitude: 4.37 },
    languages: ['fr', 'nl'],
    channels: ['walk_in'],
    openingHours: 'Tu,Th 09:00-12:00; PH off',
    demo: true,
  };
}

// The accessibility note (free text per language, next to the feature checkboxes) edited through the
// back-office form and shown on the public page, and the schema.org JSON-LD of the public contact-point page.
const accessibilityForm = (version: number, overrides: Record<string, string | string[]> = {}) =>
  editForm(
    { code: 'maison-communale', version },
    { streetFr: 'Place Colignon', streetNl: 'Colignonplein', houseNumber: '1', openingHours: 'Mo-Fr 08:30-12:30; Th 14:00-19:00; PH off', ...overrides },
  );

/** The JSON-LD blocks of a page, parsed. */
function jsonLdOf(html: string): Array<Record<string, unknown>> {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe('contact point accessibility note', () => {
  it('is edited per language on the back-office form, shown on the public page in the reader’s language, and cleared when emptied', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const read = (await editor.get(`/api/v1/contact-points/${schaerbeek.id}`)).json();
    const page = await editor.get(`/en/admin/contact-points/${schaerbeek.id}`);
    expect(page.body).toContain('name="accessibilityNoteNl"');
    expect(page.body).toContain('Accessibility details (Dutch)');

    const saved = await editor.submitForm(
      `/en/admin/contact-points/${schaerbeek.id}`,
      `/en/admin/contact-points/${schaerbeek.id}`,
      accessibilityForm(read.version, {
        accessibilityNoteFr: 'Entrée sans marche par la rue <Royale>',
        accessibilityNoteNl: 'Drempelloze ingang via de Koningsstraat',
        accessibilityNoteEn: '',
      }),
    );
    expect(saved.statusCode).toBe(303);
    const api = (await t.client().get(`/api/v1/contact-points/${schaerbeek.id}`)).json();
    expect(api.accessibilityNote).toEqual({ fr: 'Entrée sans marche par la rue <Royale>', nl: 'Drempelloze ingang via de Koningsstraat', en: '' });

    const nl = await t.client().get(`/nl/contact-points/${schaerbeek.id}`);
    expect(nl.body).toContain('Drempelloze ingang via de Koningsstraat');
    const fr = await t.client().get(`/fr/contact-points/${schaerbeek.id}`);
    expect(fr.body).toContain('Entrée sans marche par la rue &lt;Royale>');
    expect(fr.body).not.toContain('<Royale>');
    // English is empty: the reader sees another language, marked with its lang.
    const en = await t.client().get(`/en/contact-points/${schaerbeek.id}`);
    expect(en.body).toMatch(/<span lang="(fr|nl)">(Entrée sans marche|Drempelloze ingang)/);

    const again = (await editor.get(`/api/v1/contact-points/${schaerbeek.id}`)).json();
    const edit = await editor.get(`/en/admin/contact-points/${schaerbeek.id}`);
    expect(edit.body).toContain('Drempelloze ingang via de Koningsstraat');
    const cleared = await editor.submitForm(
      `/en/admin/contact-points/${schaerbeek.id}`,
      `/en/admin/contact-points/${schaerbeek.id}`,
      accessibilityForm(again.version, { accessibilityNoteFr: ' ', accessibilityNoteNl: '', accessibilityNoteEn: '' }),
    );
    expect(cleared.statusCode).toBe(303);
    expect((await t.client().get(`/api/v1/contact-points/${schaerbeek.id}`)).json().accessibilityNote).toBeNull();
  });

  it('refuses a note over 1,000 characters with the field named, in the user’s language', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels', undefined, 'fr');
    const read = (await editor.get(`/api/v1/contact-points/${schaerbeek.id}`)).json();
    const tooLong = await editor.submitForm(
      `/fr/admin/contact-points/${schaerbeek.id}`,
      `/fr/admin/contact-points/${schaerbeek.id}`,
      accessibilityForm(read.version, { accessibilityNoteEn: 'x'.repeat(1001) }),
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('href="#field-accessibilityNoteEn"');
    expect(tooLong.body).toContain('Précisions sur l’accessibilité (anglais)');
  });
});

describe('contact point JSON-LD', () => {
  it('describes the office as a schema.org GovernmentOffice with address, geo, opening hours, phone and e-mail', async () => {
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const read = (await admin.get(`/api/v1/contact-points/${schaerbeek.id}`)).json();
    const saved = await admin.submitForm(
      `/en/admin/contact-points/${schaerbeek.id}`,
      `/en/admin/contact-points/${schaerbeek.id}`,
      accessibilityForm(read.version, {
        openingHours: 'Mo-Fr 08:30-12:30; Th 14:00-19:00; Sa 22:00-24:00; PH off',
        accessibilityNoteNl: 'Lift </script> at the back',
      }),
    );
    expect(saved.statusCode).toBe(303);

    const page = await t.client().get(`/nl/contact-points/${schaerbeek.id}`);
    expect(page.statusCode).toBe(200);
    const blocks = jsonLdOf(page.body);
    expect(blocks).toHaveLength(1);
    const office = blocks[0]! as Record<string, any>;
    expect(office['@context']).toBe('https://schema.org');
    expect(office['@type']).toBe('GovernmentOffice');
    expect(office.url).toBe(`${t.config.publicUrl.replace(/\/$/, '')}/nl/contact-points/${schaerbeek.id}`);
    expect(office.name).toBe('Gemeentehuis – Schaarbeek');
    expect(office.address).toEqual({
      '@type': 'PostalAddress',
      streetAddress: 'Colignonplein 1',
      postalCode: '1030',
      addressLocality: 'Schaarbeek',
      addressCountry: 'BE',
    });
    expect(office.geo).toEqual({ '@type': 'GeoCoordinates', latitude: 50.8676, longitude: 4.3773 });
    expect(office.telephone).toBe('+32 2 555 12 34');
    expect(office.email).toBe('accueil.schaerbeek@demo.irisdesk.brussels');
    expect(office.parentOrganization).toMatchObject({ '@type': 'GovernmentOrganization', name: expect.stringMatching(/Schaarbeek/) });
    expect(office.knowsLanguage).toEqual(['fr', 'nl']);
    expect(office).not.toHaveProperty('availableLanguage');
    const nl = translator('nl');
    expect(office.amenityFeature).toEqual([
      { '@type': 'LocationFeatureSpecification', name: nl('contactPoints.feature.wheelchair'), value: true },
      { '@type': 'LocationFeatureSpecification', name: nl('contactPoints.feature.hearing_loop'), value: true },
      { '@type': 'LocationFeatureSpecification', name: nl('contactPoints.accessibility'), value: 'Lift </script> at the back' },
    ]);

    const specs = office.openingHoursSpecification as Array<Record<string, string>>;
    const weekly = specs.filter((s) => s.dayOfWeek);
    for (const spec of specs) {
      expect(spec['@type']).toBe('OpeningHoursSpecification');
      expect(spec.opens).toMatch(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/);
      expect(spec.closes).toMatch(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/);
    }
    const day = (name: string) => weekly.filter((s) => s.dayOfWeek === `https://schema.org/${name}`).map((s) => `${s.opens}-${s.closes}`);
    expect(day('Monday')).toEqual(['08:30-12:30']);
    expect(day('Thursday')).toEqual(['14:00-19:00']);
    expect(day('Saturday')).toEqual(['22:00-23:59:59']);
    expect(day('Sunday')).toEqual([]);
    // Public holidays ahead are special days, closed (opens = closes = 00:00), with their date.
    for (const holiday of specs.filter((s) => s.validFrom)) {
      expect(holiday.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(holiday.validThrough).toBe(holiday.validFrom);
      expect(`${holiday.opens}-${holiday.closes}`).toBe('00:00-00:00');
    }
    // The script is escaped: a "<" in stored text cannot close it.
    expect(page.body).not.toMatch(/<script type="application\/ld\+json">[^<]*<(?!\/script>)/);
  });
});
