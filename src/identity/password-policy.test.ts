import { beforeAll, describe, expect, it } from 'vitest';
import { passwordWeakness, personalWords } from './password-policy.ts';

const amira = { displayName: 'Amira Agent', email: 'amira.agent@schaerbeek.brussels' };
const elise = { displayName: 'Élise Van den Broeck', email: 'evdb@ixelles.brussels' };

describe('password policy', () => {
  // The estimator loads its FR/NL/EN dictionaries on first use (seconds on a loaded machine): once, here,
  // rather than inside whichever test happens to come first.
  beforeAll(async () => {
    await passwordWeakness('a long enough warm-up phrase', amira);
  }, 60_000);

  it('refuses short passwords first', async () => {
    expect(await passwordWeakness('Tram 81 naa', amira)).toEqual({ code: 'validation.minLength', values: { limit: 12 } });
  });

  it.each([
    'aaaaaaaaaaaa', // a repetition
    'Password1234!', // a common password, lightly dressed
    'motdepasse2026', // French
    'wachtwoord1234', // Dutch
    'azertyuiop123', // the Belgian keyboard's top row
    'bonjour123456',
    'AmiraAgentSchaerbeek', // the name, then the e-mail's domain
    '123456789012',
  ])('refuses %s as too easy to guess', async (password) => {
    expect(await passwordWeakness(password, amira)).toEqual({ code: 'password.weak' });
  });

  it.each([
    ['Amira.Agent2026!', amira],
    ['agent-amira-1999', amira],
    ['elise-vandenbroeck-77', elise],
    ['ÉliseBroeck!!2026', elise],
  ] as const)('refuses %s as built from the name or e-mail', async (password, person) => {
    expect(await passwordWeakness(password, person)).toEqual({ code: 'password.personal' });
  });

  it.each(['Tram 81 naar Vorst, dan rechts', 'a much longer passphrase', 'la girafe mange du céleri bleu', 'IrisDesk-demo-2026'])(
    'accepts %s',
    async (password) => {
      expect(await passwordWeakness(password, amira)).toBeNull();
    },
  );

  it('takes the words of the name and of the e-mail before the @', () => {
    expect(personalWords({ displayName: 'Élise Van den Broeck', email: 'e.vandenbroeck@demo.irisdesk.brussels' }).sort()).toEqual(
      ['broeck', 'den', 'elise', 'evandenbroeck', 'van', 'vandenbroeck'].sort(),
    );
  });

  it('accepts the demo password for the demo accounts, and weighs their domain’s words', async () => {
    const demo = { displayName: 'Bram Backoffice', email: 'backoffice@demo.irisdesk.brussels' };
    expect(await passwordWeakness('IrisDesk-demo-2026', demo)).toBeNull();
    expect(await passwordWeakness('demoirisdesk', demo)).toEqual({ code: 'password.weak' });
  });
});
