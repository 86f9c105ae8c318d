// The appointment texts fit one GSM-7 message in the three languages with a long point name and a real link.
import { describe, expect, it } from 'vitest';
import { smsLength } from '../platform/sms/gsm.ts';
import { appointmentSmsText, gsmSafe, shortDate, type SmsNoticeKind } from './sms-notices.ts';

const LINK = `https://rendez-vous.irisdesk.brussels/a/${'x'.repeat(32)}`;
// A Wednesday in August: "août" and "mercredi" are the French words most likely to leave GSM-7 or run long.
const START = new Date('2026-08-12T13:45:00+02:00');
const POINT = 'Maison communale de Saint-Josse-ten-Noode – Guichet population';

describe('appointment text messages', () => {
  for (const lang of ['fr', 'nl', 'en'] as const) {
    for (const kind of ['confirmation', 'reminder', 'moved', 'cancellation'] as SmsNoticeKind[]) {
      it(`${kind} in ${lang} is one GSM-7 message`, () => {
        const text = appointmentSmsText(kind, lang, { reference: 'RDV-ABCD-EF23', startsAt: START, point: POINT, link: kind === 'cancellation' ? '' : LINK });
        expect(text).toContain('RDV-ABCD-EF23');
        expect(text).toContain('13:45');
        expect(text).toContain('12/08');
        if (kind !== 'cancellation') expect(text).toContain(LINK);
        expect(text).not.toContain('{');
        expect(smsLength(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
      });
    }
  }

  it('writes short dates in the language, in GSM-7', () => {
    expect(shortDate(START, 'fr')).toBe('mer. 12/08');
    expect(shortDate(START, 'nl')).toBe('wo 12/08');
    expect(shortDate(START, 'en')).toBe('Wed 12/08');
  });

  it('replaces typography and accents outside GSM-7, keeps those inside', () => {
    expect(gsmSafe('L’Île – côté Forêt')).toBe("L'Ile - coté Foret");
    expect(gsmSafe('Schaerbeek é à ü')).toBe('Schaerbeek é à ü');
    expect(smsLength(gsmSafe('CPAS d’Etterbeek – Accueil')).encoding).toBe('gsm7');
  });
});
