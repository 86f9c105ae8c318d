// How long a text message is on the air: the GSM 03.38 7-bit alphabet (160 characters in one message, 153 per
// part of a longer one; the extension characters such as € and [ count twice) or, as soon as one character is
// outside it, UCS-2 (70, and 67 per part). IrisDesk writes its texts to fit one GSM-7 message where it can.

const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '^{}\\[~]|€\f';
const basic = new Set(Array.from(BASIC));
const extension = new Set(Array.from(EXTENSION));

export interface SmsLength {
  encoding: 'gsm7' | 'ucs2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  /** Messages the network sends (and the sender pays for). */
  segments: number;
}

export function smsLength(text: string): SmsLength {
  let septets = 0;
  for (const character of text) {
    if (basic.has(character)) septets += 1;
    else if (extension.has(character)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'gsm7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}
