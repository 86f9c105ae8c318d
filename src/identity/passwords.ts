// Password hashing with argon2id (OWASP's first choice), with the library's vetted defaults
// (64 MiB memory, 3 passes, 4 lanes).
//
// The test suites sign in hundreds of times; at the standard cost that alone took minutes of CI. They use the
// minimal cost instead (PASSWORD_HASH_COST=minimal, the default under NODE_ENV=test and refused in production,
// as Rails lowers bcrypt's cost in tests). A hash carries its own parameters, so verifying never depends on
// the setting: only new hashes do.
import argon2 from 'argon2';

export type PasswordHashCost = 'standard' | 'minimal';
export const PASSWORD_HASH_COSTS: readonly PasswordHashCost[] = ['standard', 'minimal'];
const PARAMETERS: Record<PasswordHashCost, { memoryCost: number; timeCost: number; parallelism: number }> = {
  standard: { memoryCost: 65_536, timeCost: 3, parallelism: 4 },
  minimal: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
};
let cost: PasswordHashCost = 'standard';

/** Sets the cost of new hashes for this process (from the validated settings, before any hash is made). */
export function setPasswordHashCost(value: PasswordHashCost): void {
  cost = value;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...PARAMETERS[cost] });
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
