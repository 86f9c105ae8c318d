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
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]/g, '');
}

/** The words of a person's name and e-mail address (parts of three letters or more). */
export function personalWords(person: { displayName: string; email: string }): string[] {
  const [local = '', domain = ''] = person.email.toLowerCase().split('@');
  const labels = domain.split('.').slice(0, -1); // "demo.irisdesk.brussels" → demo, irisdesk (not the top level)
  const parts = [...person.displayName.split(/[^\p{L}]+/u), ...local.split(/[^\p{L}]+/u), letters(local), ...labels];
  return [...new Set(parts.map(letters).filter((word) => word.length >= 3))].sort((a, b) => b.length - a.length);
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
  const estimate = (await loadEstimator())(password.slice(0, ESTIMATED_LENGTH), [...words, 'irisdesk']);
  if (estimate.score < PASSWORD_MIN_SCORE) return { code: 'password.weak' };
  return null;
}
