// The short link of a waiting-list offer by text message (issue 19, part 2): /t/{code} on PUBLIC_URL redirects to
// the week of the freed time. The code holds the language (one letter), the settings' id (22 base64url characters)
// and the day (days since 2020-01-01, base 36): nothing is stored, nothing personal or secret is in it (the week
// of free times is public), and the message stays under 160 GSM-7 characters with a 60-character link.
import type { Language } from '../platform/i18n/languages.ts';
import { addDays } from '../platform/calendar/brussels-time.ts';

const EPOCH = '2020-01-01';
const LANG_LETTER: Record<Language, string> = { fr: 'f', nl: 'n', en: 'e' };
const LETTER_LANG: Record<string, Language> = { f: 'fr', n: 'nl', e: 'en' };
const CODE = /^([fne])([A-Za-z0-9_-]{22})([0-9a-z]{1,4})$/;

const daysSinceEpoch = (day: string) => Math.round((Date.parse(`${day}T12:00:00Z`) - Date.parse(`${EPOCH}T12:00:00Z`)) / 86_400_000);

export function encodeOfferCode(lang: Language, settingsId: string, day: string): string {
  const id = Buffer.from(settingsId.replace(/-/g, ''), 'hex').toString('base64url');
  return `${LANG_LETTER[lang]}${id}${daysSinceEpoch(day).toString(36)}`;
}

/** The language, settings id and day of a code; undefined for anything that is not one. */
export function decodeOfferCode(code: string): { lang: Language; settingsId: string; day: string } | undefined {
  const match = CODE.exec(code);
  if (!match) return undefined;
  const hex = Buffer.from(match[2]!, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  const settingsId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { lang: LETTER_LANG[match[1]!]!, settingsId, day: addDays(EPOCH, parseInt(match[3]!, 36)) };
}
