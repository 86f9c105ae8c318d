import { describe, expect, it } from 'vitest';
import { contactPointJsonLd } from './jsonld.ts';
import type { ContactPointDetail } from './service.ts';

const base: ContactPointDetail = {
  id: '00000000-0000-4000-8000-000000000001',
  code: 'desk',
  organisation: { id: 'o', code: 'commune-ixelles', name: { fr: 'Commune d’Ixelles', nl: 'Gemeente Elsene', en: 'Ixelles' } },
  name: { fr: 'Guichet', nl: 'Loket', en: 'Desk' },
  address: { street: { fr: 'Chaussée d’Ixelles', nl: 'Elsensesteenweg' }, number: '168', postalCode: '1050', municipality: { fr: 'Ixelles', nl: 'Elsene' } },
  coordinates: null,
  accessibility: [],
  languages: [],
  channels: [],
  phone: null,
  email: null,
  openingHours: 'Mo 09:00-12:00,13:00-24:00',
  holidayCalendar: 'brussels',
  demo: true,
  status: { openNow: false, nextChange: null, comment: null, holidayToday: null },
  accessibilityNote: null,
  active: true,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  weeklyHours: [
    {
      weekday: 1,
      intervals: [
        { from: '09:00', to: '12:00' },
        { from: '13:00', to: '24:00' },
      ],
      comment: null,
    },
    { weekday: 2, intervals: [], comment: null },
  ],
  upcomingHolidays: [
    { holiday: { date: '2026-12-25', code: 'christmas', name: { fr: 'Noël', nl: 'Kerstmis', en: 'Christmas' } }, intervals: [] },
    {
      holiday: { date: '2026-12-24', code: 'eve', name: { fr: 'Réveillon', nl: 'Kerstavond', en: 'Christmas Eve' } },
      intervals: [{ from: '09:00', to: '12:00' }],
    },
  ],
};

describe('contactPointJsonLd', () => {
  it('leaves out what is unknown (no geo, phone, e-mail, features) and keeps every interval of a day', () => {
    const ld = contactPointJsonLd(base, 'en', { publicUrl: 'https://irisdesk.example/', featureName: (f) => f, accessibilityLabel: 'Accessibility' });
    const written = JSON.parse(JSON.stringify(ld)) as Record<string, unknown>;
    for (const absent of ['geo', 'telephone', 'email', 'amenityFeature', 'knowsLanguage']) expect(written).not.toHaveProperty(absent);
    expect(ld['@id']).toBe('https://irisdesk.example/en/contact-points/00000000-0000-4000-8000-000000000001');
    // English readers get the French side of the bilingual address.
    expect(ld.address.streetAddress).toBe('Chaussée d’Ixelles 168');
    expect(ld.openingHoursSpecification).toEqual([
      { '@type': 'OpeningHoursSpecification', dayOfWeek: 'https://schema.org/Monday', opens: '09:00', closes: '12:00' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: 'https://schema.org/Monday', opens: '13:00', closes: '23:59:59' },
      { '@type': 'OpeningHoursSpecification', validFrom: '2026-12-25', validThrough: '2026-12-25', opens: '00:00', closes: '00:00', description: 'Christmas' },
      {
        '@type': 'OpeningHoursSpecification',
        validFrom: '2026-12-24',
        validThrough: '2026-12-24',
        opens: '09:00',
        closes: '12:00',
        description: 'Christmas Eve',
      },
    ]);
  });

  it('uses the Dutch side of the address for Dutch readers', () => {
    const ld = contactPointJsonLd(base, 'nl', { publicUrl: 'https://irisdesk.example', featureName: (f) => f, accessibilityLabel: 'Accessibility' });
    expect(ld.address).toMatchObject({ streetAddress: 'Elsensesteenweg 168', addressLocality: 'Elsene', postalCode: '1050' });
    expect(ld.name).toBe('Loket');
  });

  it('gives the languages as knowsLanguage and the accessibility note as a feature with its text', () => {
    const ld = contactPointJsonLd(
      { ...base, languages: ['fr', 'nl'], accessibility: ['wheelchair'], accessibilityNote: { fr: 'Ascenseur', nl: 'Lift', en: 'Lift at the back' } },
      'en',
      { publicUrl: 'https://irisdesk.example', featureName: (f) => `feature ${f}`, accessibilityLabel: 'Accessibility' },
    );
    expect(ld.knowsLanguage).toEqual(['fr', 'nl']);
    expect(ld.amenityFeature).toEqual([
      { '@type': 'LocationFeatureSpecification', name: 'feature wheelchair', value: true },
      { '@type': 'LocationFeatureSpecification', name: 'Accessibility', value: 'Lift at the back' },
    ]);
    expect(ld).not.toHaveProperty('availableLanguage');
  });
});
