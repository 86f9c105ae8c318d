// A contact point's address as one line, in the page's or message's language (Dutch street names for Dutch,
// French ones otherwise: Brussels addresses exist in both).
import type { Language } from '../platform/i18n/languages.ts';
import type { SettingsRecord } from './repository.ts';

export function pointAddress(s: Pick<SettingsRecord, 'street' | 'houseNumber' | 'postalCode' | 'municipality'>, lang: Language): string {
  const side = lang === 'nl' ? 'nl' : 'fr';
  return `${s.street[side]} ${s.houseNumber}, ${s.postalCode} ${s.municipality[side]}`;
}
