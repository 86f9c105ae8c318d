// Phone numbers as people type them ("0470 12 34 56", "+32 470/12.34.56", "0032 2 279 22 11", a French
// "06 12 34 56 78" with its country code) become one E.164 form ("+32470123456") with libphonenumber-js and its
// full metadata, which knows each country's number plans; a national form is read as Belgian.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

const DEFAULT_COUNTRY: CountryCode = 'BE';

export interface PhoneNumber {
  /** "+32470123456" */
  e164: string;
  /** As people read it in its country: "+32 470 12 34 56" */
  international: string;
  /** Whether a text message can reach it: mobiles, and numbers the plan cannot tell apart from one. */
  textable: boolean;
}

export function parsePhoneNumber(input: string): PhoneNumber | undefined {
  const trimmed = input.trim();
  if (trimmed.length < 3 || trimmed.length > 40 || !/^[+0-9][0-9 ./()-]*$/.test(trimmed)) return undefined;
  // "0032…" is the international prefix dialled from Belgium.
  const number = parsePhoneNumberFromString(trimmed.replace(/^00(?=[1-9])/, '+'), DEFAULT_COUNTRY);
  if (!number?.isValid()) return undefined;
  const type = number.getType();
  return {
    e164: number.number,
    international: number.formatInternational(),
    textable: type === undefined || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' || type === 'PERSONAL_NUMBER',
  };
}

/** The E.164 form, or undefined when the input is not a valid number. */
export function normalisePhoneNumber(input: string): string | undefined {
  return parsePhoneNumber(input)?.e164;
}
