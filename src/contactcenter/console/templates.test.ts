// The console's mail texts and built-in reply templates come from the message catalogues: the values are
// filled in literally (an apostrophe or a brace in a name stays as written), the template placeholders stay
// for the agent's pick, and the layout of the mails (blank lines, final newline) is the code's.
import { describe, expect, it } from 'vitest';
import { builtinTemplates, MAIL_TEXTS } from './templates.ts';

describe('console mail texts', () => {
  it('fill subject and body in each language', () => {
    expect(MAIL_TEXTS.fr.closedSubject('BXL-AAAA-BBBB')).toBe('[BXL-AAAA-BBBB] Votre demande est clôturée');
    expect(MAIL_TEXTS.nl.passedBody('Sofia', 'BXL-AAAA-BBBB', 'OCMW Elsene')).toBe(
      'Beste Sofia,\n\nUw aanvraag BXL-AAAA-BBBB werd doorgestuurd naar OCMW Elsene, die ons helpt ze te beantwoorden. We nemen zo snel mogelijk contact met u op.\n',
    );
    expect(MAIL_TEXTS.en.feedback('https://example.test/s/x')).toBe(
      '\n\nYour opinion helps us improve our services. Answer a few questions (2 minutes):\nhttps://example.test/s/x\n',
    );
    expect(MAIL_TEXTS.en.replySubject('BXL-AAAA-BBBB', "Re: {name}'s {file}")).toBe("[BXL-AAAA-BBBB] Re: {name}'s {file}");
    expect(MAIL_TEXTS.fr.callbackBody("Zoë D'Hondt", 'BXL-AAAA-BBBB', 'CPAS')).toContain("Bonjour Zoë D'Hondt,\n\nVous avez demandé");
  });

  it('keep the reply templates’ placeholders for the agent’s pick', () => {
    for (const lang of ['fr', 'nl', 'en'] as const) {
      const templates = builtinTemplates(lang);
      expect(templates.map((t) => t.id)).toEqual(['builtin:acknowledge', 'builtin:more-information', 'builtin:answer']);
      for (const template of templates) {
        expect(template.title).not.toMatch(/^console\./);
        expect(template.body).toContain('{name}');
        expect(template.body).toContain('{reference}');
      }
    }
    expect(builtinTemplates('fr')[1]!.title).toBe("Demande d'informations complémentaires");
  });
});
