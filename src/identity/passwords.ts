// Password hashing with argon2id (OWASP's first choice), with the library's vetted defaults
// (64 MiB memory, 3 passes, 4 lanes).
import argon2 from 'argon2';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash never lets anyone in
  }
}

// Verifying against this when the e-mail is unknown keeps the response time the same, so timing does not
// reveal which e-mail addresses have an account.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('irisdesk-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}
