// How a person booking (or waiting) can be reached: an e-mail address, a mobile number, or both (issue 19,
// part 2: many CPAS clients have no e-mail). The phone is kept in E.164; the person's key — for the per-person
// limit and the waiting list — is the e-mail in lower case, else the phone.
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { parsePhoneNumber } from '../platform/sms/phone.ts';

export const EMAIL = /^[^\s<>@",;()[\]\\]{1,64}@[^\s<>@",;()[\]\\]{1,190}\.[^\s<>@",;()[\]\\]{2,}$/;

export interface PersonContact {
  email: string | null;
  phone: string | null;
  key: string;
}

/** The field errors of a contact as given (empty when it is usable). */
export function contactErrors(input: { email?: string | null | undefined; phone?: string | null | undefined }): FieldError[] {
  const email = input.email?.trim() ?? '';
  const phone = input.phone?.trim() ?? '';
  if (!email && !phone) return [{ field: 'email', code: 'appointments.emailOrPhoneRequired' }];
  const fields: FieldError[] = [];
  if (email && !EMAIL.test(email)) fields.push({ field: 'email', code: 'appointments.emailInvalid' });
  if (phone) {
    const parsed = parsePhoneNumber(phone);
    if (!parsed) fields.push({ field: 'phone', code: 'validation.phone' });
    else if (!parsed.textable) fields.push({ field: 'phone', code: 'appointments.phoneNotMobile' });
  }
  return fields;
}

/** The contact to store; a 400 with field errors when neither is usable. */
export function personContact(input: { email?: string | null | undefined; phone?: string | null | undefined }): PersonContact {
  const fields = contactErrors(input);
  if (fields.length) throw new AppError(400, 'validation.failed', { fields });
  const email = input.email?.trim() || null;
  const phone = input.phone?.trim() ? parsePhoneNumber(input.phone)!.e164 : null;
  return { email, phone, key: email ? email.toLowerCase() : phone! };
}
