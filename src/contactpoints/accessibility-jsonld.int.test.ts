// The accessibility note (free text per language, next to the feature checkboxes) edited through the
// back-office form and shown on the public page, and the schema.org JSON-LD of the public contact-point page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import type { ContactPointSummary } from './service.ts';
import { translator } from '../platform/i18n/messages.ts';

let t: TestApp;
let schaerbeek: ContactPointSummary;

beforeAll(async () => {
  t = await createTestApp();
  const list = (await t.client().get('/api/v1/organisations/commune-schaerbeek/contact-points')).json().contactPoints as ContactPointSummary[];
  schaerbeek = list.find((cp) => cp.code === 'maison-communale')!;
});
afterAll(() => t.close());

const form = (version: number, overrides: Record<string, string | string[]> = {}) => ({
  version: String(version),
  code: 'maison-communale',
  nameFr: 'Maison communale – Schaerbeek',
  nameNl: 'Gemeentehuis – Schaarbeek',
  nameEn: 'Town hall – Schaerbeek',
  streetFr: 'Place Colignon',
  streetNl: 'Colignonplein',
  houseNumber: '1',
  postalCode: '1030',
  municipalityFr: 'Schaerbeek',
  municipalityNl: 'Schaarbeek',
  latitude: '50.8676',
  longitude: '4.3773',
  openingHours: 'Mo-Fr 08:30-12:30; Th 14:00-19:00; PH off',
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
      form(read.version, {
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
      form(again.version, { accessibilityNoteFr: ' ', accessibilityNoteNl: '', accessibilityNoteEn: '' }),
    );
    expect(cleared.statusCode).toBe(303);
    expect((await t.client().get(`/api/v1/contact-points/${schaerbeek.id}`)).json().accessibilityNote).toBeNull();
  });

  it('refuses a note over 1,000 characters with the field named, in the user’s language', async () => {
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels', undefined, 'fr');
    const read = (await editor.get(`/api/v1/contact-points/${schaerbeek.id}`)).json();
    const tooLong = await editor.submitForm(`/fr/admin/contact-points/${schaerbeek.id}`, `/fr/admin/contact-points/${schaerbeek.id}`, form(read.version, { accessibilityNoteEn: 'x'.repeat(1001) }));
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
      form(read.version, { openingHours: 'Mo-Fr 08:30-12:30; Th 14:00-19:00; Sa 22:00-24:00; PH off', accessibilityNoteNl: 'Lift </script> at the back' }),
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
    expect(office.address).toEqual({ '@type': 'PostalAddress', streetAddress: 'Colignonplein 1', postalCode: '1030', addressLocality: 'Schaarbeek', addressCountry: 'BE' });
    expect(office.geo).toEqual({ '@type': 'GeoCoordinates', latitude: 50.8676, longitude: 4.3773 });
    expect(office.telephone).toBe('+32 2 555 12 34');
    expect(office.email).toBe('accueil.schaerbeek@demo.irisdesk.brussels');
    expect(office.parentOrganization).toMatchObject({ '@type': 'GovernmentOrganization', name: expect.stringMatching(/Schaarbeek/) });
    expect(office.availableLanguage).toEqual(['fr', 'nl']);
    const nl = translator('nl');
    expect(office.amenityFeature).toEqual([
      { '@type': 'LocationFeatureSpecification', name: nl('contactPoints.feature.wheelchair'), value: true },
      { '@type': 'LocationFeatureSpecification', name: nl('contactPoints.feature.hearing_loop'), value: true },
    ]);
    expect(office.accessibilitySummary).toBe('Lift </script> at the back');

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
