// schema.org description of a contact point, embedded in its public page as JSON-LD: a GovernmentOffice (a
// Place) with its address, coordinates, opening hours per weekday (from the evaluated opening_hours
// schedule, Brussels time), holiday closures of the coming weeks, phone, e-mail, accessibility and languages.
import { pickText, type Language } from '../platform/i18n/languages.ts';
import type { ContactPointDetail } from './service.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** schema.org times are hh:mm[:ss] within one day: an interval reaching midnight closes at 23:59:59. */
const closing = (to: string) => (to === '24:00' ? '23:59:59' : to);

export function contactPointJsonLd(
  cp: ContactPointDetail,
  lang: Language,
  options: { publicUrl: string; featureName: (feature: string) => string },
) {
  const base = options.publicUrl.replace(/\/$/, '');
  const side: 'fr' | 'nl' = lang === 'nl' ? 'nl' : 'fr';
  const url = `${base}/${lang}/contact-points/${cp.id}`;
  const weekly = cp.weeklyHours.flatMap((day) =>
    day.intervals.map((interval) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: `https://schema.org/${DAYS[day.weekday - 1]}`,
      opens: interval.from,
      closes: closing(interval.to),
    })),
  );
  // Special days: a closed day is opens = closes = 00:00 (schema.org's convention).
  const holidays = cp.upcomingHolidays.flatMap((closure) =>
    (closure.intervals.length === 0 ? [{ from: '00:00', to: '00:00' }] : closure.intervals).map((interval) => ({
      '@type': 'OpeningHoursSpecification',
      validFrom: closure.holiday.date,
      validThrough: closure.holiday.date,
      opens: interval.from,
      closes: closing(interval.to),
      description: pickText(closure.holiday.name, lang).text,
    })),
  );
  const note = cp.accessibilityNote ? pickText(cp.accessibilityNote, lang).text : '';
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentOffice',
    '@id': url,
    url,
    name: pickText(cp.name, lang).text,
    parentOrganization: {
      '@type': 'GovernmentOrganization',
      '@id': `${base}/${lang}/organisations/${cp.organisation.code}`,
      name: pickText(cp.organisation.name, lang).text,
    },
    address: {
      '@type': 'PostalAddress',
      streetAddress: `${cp.address.street[side]} ${cp.address.number}`,
      postalCode: cp.address.postalCode,
      addressLocality: cp.address.municipality[side],
      addressCountry: 'BE',
    },
    ...(cp.coordinates ? { geo: { '@type': 'GeoCoordinates', latitude: cp.coordinates.latitude, longitude: cp.coordinates.longitude } } : {}),
    ...(cp.phone ? { telephone: cp.phone } : {}),
    ...(cp.email ? { email: cp.email } : {}),
    openingHoursSpecification: [...weekly, ...holidays],
    ...(cp.languages.length > 0 ? { availableLanguage: cp.languages } : {}),
    ...(cp.accessibility.length > 0
      ? { amenityFeature: cp.accessibility.map((feature) => ({ '@type': 'LocationFeatureSpecification', name: options.featureName(feature), value: true })) }
      : {}),
    ...(note ? { accessibilitySummary: note } : {}),
  };
}
