// schema.org description of a contact point, embedded in its public page as JSON-LD: a GovernmentOffice (a
// Place) with its address, coordinates, opening hours per weekday (from the evaluated opening_hours
// schedule, Brussels time), holiday closures of the coming weeks, phone, e-mail, accessibility and languages.
// Typed with schema-dts (decision 0028): tsc refuses a property schema.org does not allow on a type.
import type { GovernmentOffice, LocationFeatureSpecification, OpeningHoursSpecification, WithContext } from 'schema-dts';
import { pickText, type Language } from '../platform/i18n/languages.ts';
import type { ContactPointDetail } from './service.ts';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** schema.org times are hh:mm[:ss] within one day: an interval reaching midnight closes at 23:59:59. */
const closing = (to: string) => (to === '24:00' ? '23:59:59' : to);

export function contactPointJsonLd(
  cp: ContactPointDetail,
  lang: Language,
  options: { publicUrl: string; featureName: (feature: string) => string; accessibilityLabel: string },
) {
  const base = options.publicUrl.replace(/\/$/, '');
  const side: 'fr' | 'nl' = lang === 'nl' ? 'nl' : 'fr';
  const url = `${base}/${lang}/contact-points/${cp.id}`;
  const weekly = cp.weeklyHours.flatMap((day) =>
    day.intervals.map((interval): OpeningHoursSpecification => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: `https://schema.org/${DAYS[day.weekday - 1]!}`,
      opens: interval.from,
      closes: closing(interval.to),
    })),
  );
  // Special days: a closed day is opens = closes = 00:00 (schema.org's convention).
  const holidays = cp.upcomingHolidays.flatMap((closure) =>
    (closure.intervals.length === 0 ? [{ from: '00:00', to: '00:00' }] : closure.intervals).map((interval): OpeningHoursSpecification => ({
      '@type': 'OpeningHoursSpecification',
      validFrom: closure.holiday.date,
      validThrough: closure.holiday.date,
      opens: interval.from,
      closes: closing(interval.to),
      description: pickText(closure.holiday.name, lang).text,
    })),
  );
  const note = cp.accessibilityNote ? pickText(cp.accessibilityNote, lang).text : '';
  const features: LocationFeatureSpecification[] = [
    ...cp.accessibility.map((feature): LocationFeatureSpecification => ({
      '@type': 'LocationFeatureSpecification',
      name: options.featureName(feature),
      value: true,
    })),
    ...(note ? [{ '@type': 'LocationFeatureSpecification', name: options.accessibilityLabel, value: note } satisfies LocationFeatureSpecification] : []),
  ];
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
    // Absent values are undefined (left out by JSON.stringify), not spread in, so that tsc checks every property.
    geo: cp.coordinates ? { '@type': 'GeoCoordinates', latitude: cp.coordinates.latitude, longitude: cp.coordinates.longitude } : undefined,
    telephone: cp.phone || undefined,
    email: cp.email || undefined,
    openingHoursSpecification: [...weekly, ...holidays],
    // The languages spoken at the desk: schema.org's availableLanguage is for contact points and channels, not
    // places; an organisation (which a GovernmentOffice also is) knowsLanguage, as BCP 47 codes.
    knowsLanguage: cp.languages.length > 0 ? cp.languages : undefined,
    // The free-text accessibility note is one more feature, its value the text (accessibilitySummary is a
    // property of creative works, not of places).
    amenityFeature: features.length > 0 ? features : undefined,
  } satisfies WithContext<GovernmentOffice>;
}
