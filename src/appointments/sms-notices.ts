// The appointment notices by text message (issue 19, part 2): confirmation, reminder, move and cancellation,
// each one GSM-7 message where it can be (160 characters): a compact date ("lun. 14/12 à 10:30"), the point's
// name shortened and made GSM-safe (typographic quotes and accents outside GSM-7 would switch the whole text
// to UCS-2, 70 characters), and the short manage link /a/{token}.
import type { Language } from '../platform/i18n/languages.ts';
import { translator } from '../platform/i18n/messages.ts';
import { smsLength } from '../platform/sms/gsm.ts';

export type SmsNoticeKind = 'confirmation' | 'reminder' | 'moved' | 'cancellation' | 'offer';

const LOCALES: Record<Language, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };
const POINT_MAX = 40;
const TYPOGRAPHY: Record<string, string> = { '’': "'", '‘': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '\u00a0': ' ', '\u202f': ' ' };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: 'Europe/Brussels' })));
  return found;
}

/** "lun. 14/12", "ma 14/12", "Mon 14/12": short, and GSM-7 in the three languages. */
export function shortDate(value: Date, lang: Language): string {
  const weekday = formatter(lang, { weekday: 'short' }).format(value);
  const day = formatter(lang, { day: '2-digit' }).format(value);
  const month = formatter(lang, { month: '2-digit' }).format(value);
  return `${weekday} ${day}/${month}`;
}

export const shortTime = (value: Date, lang: Language) => formatter(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(value);

/** The text with characters outside GSM-7 replaced by their plain forms where one exists (é stays, ê becomes e). */
export function gsmSafe(text: string): string {
  let out = '';
  for (const character of text) {
    const plain = TYPOGRAPHY[character] ?? character;
    if (smsLength(plain).encoding === 'gsm7') out += plain;
    else {
      const stripped = plain.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += smsLength(stripped).encoding === 'gsm7' ? stripped : plain;
    }
  }
  return out;
}

/** At most `max` characters, cut after a whole word where one ends late enough, without trailing punctuation. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const boundary = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('-'));
  return (boundary >= max * 0.6 ? cut.slice(0, boundary) : cut).replace(/[\s.,;:'(-]+$/, '');
}

/** One message is 160 GSM-7 septets; the point's name gives way (down to a few letters) before a second part. */
const ONE_MESSAGE = 160;
const POINT_MIN = 12;

export function appointmentSmsText(kind: SmsNoticeKind, lang: Language, a: { reference: string; startsAt: Date; point: string; link: string }): string {
  const t = translator(lang);
  const point = gsmSafe(a.point.trim());
  const render = (pointText: string) =>
    gsmSafe(
      t(`appointments.sms.${kind}`, {
        reference: a.reference,
        date: shortDate(a.startsAt, lang),
        time: shortTime(a.startsAt, lang),
        point: pointText,
        link: a.link,
      }),
    );
  const first = shorten(point, POINT_MAX);
  const text = render(first);
  const excess = smsLength(text).units - ONE_MESSAGE;
  return excess > 0 && smsLength(text).encoding === 'gsm7' ? render(shorten(first, Math.max(POINT_MIN, first.length - excess))) : text;
}
