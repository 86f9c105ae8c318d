// What a new password must be: long enough, not built from the person's name or e-mail address, and not easy to
// guess by the estimate of zxcvbn-ts (common passwords, French, Dutch and English words and names, keyboard
// patterns, repetitions, dates). Checked when a password is chosen, never when signing in; the demo accounts'
// password is seeded as it is.
import type { ZxcvbnResult } from '@zxcvbn-ts/core';
import { PASSWORD_MIN_LENGTH } from './passwords.ts';

/** zxcvbn's score from 0 to 4; 3 means "safely unguessable: moderate protection from an offline attack". */
export const PASSWORD_MIN_SCORE = 3;
/** zxcvbn's work grows with the length; what lies beyond this only adds strength. */
const ESTIMATED_LENGTH = 100;

export interface PasswordWeakness {
  code: 'validation.minLength' | 'password.personal' | 'password.weak';
  values?: Record<string, number>;
}

let estimator: Promise<(password: string, userInputs: string[]) => ZxcvbnResult> | undefined;

/** The dictionaries weigh several megabytes: loaded on the first password chosen, not at start-up. */
function loadEstimator() {
  estimator ??= (async () => {
    const [{ zxcvbn, zxcvbnOptions }, common, en, fr, nl] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-fr'),
      import('@zxcvbn-ts/language-nl-be'),
    ]);
    zxcvbnOptions.setOptions({
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary, ...nl.dictionary },
    });
    return (password: string, userInputs: string[]) => zxcvbn(password, userInputs);
  })();
  return estimator;
}

/** Lower case, accents off, letters only: "Élise-Marie" and "elisemarie" compare equal. */
function letters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The words of a person's name and of the personal part of their e-mail address (three letters or more). */
export function personalWords(person: { displayName: string; email: string }): string[] {
  const local = person.email.toLowerCase().split('@')[0] ?? '';
  const parts = [...person.displayName.split(/[^\p{L}]+/u), ...local.split(/[^\p{L}]+/u), letters(local)];
  return [...new Set(parts.map(letters).filter((word) => word.length >= 3))].sort((a, b) => b.length - a.length);
}

/**
 * The e-mail domain's words ("demo.irisdesk.brussels" → demo, irisdesk), shared by every colleague: not the
 * person's own, so only the estimate weighs them (a password that is little more than them is weak).
 */
function domainWords(email: string): string[] {
  return (email.toLowerCase().split('@')[1] ?? '')
    .split('.')
    .slice(0, -1)
    .map(letters)
    .filter((word) => word.length >= 3);
}

/**
 * Why a password may not be chosen, or null when it may. A password whose letters are only the person's name
 * and e-mail words (with digits and signs around them, as "Amira.Agent2026!") is refused before the
 * estimate, which does not see through separators.
 */
export async function passwordWeakness(password: string, person: { displayName: string; email: string }): Promise<PasswordWeakness | null> {
  if ([...password].length < PASSWORD_MIN_LENGTH) return { code: 'validation.minLength', values: { limit: PASSWORD_MIN_LENGTH } };
  const words = personalWords(person);
  let rest = letters(password);
  for (const word of words) rest = rest.split(word).join('');
  if (rest.length < 4 && rest.length < letters(password).length) return { code: 'password.personal' };
  const estimate = (await loadEstimator())(password.slice(0, ESTIMATED_LENGTH), [...words, ...domainWords(person.email), 'irisdesk']);
  if (estimate.score < PASSWORD_MIN_SCORE) return { code: 'password.weak' };
  return null;
}
