// The detector of identifying details in free texts shown to the regional analysts (issue 18, item 5): every
// case in FR, NL and EN, the outside test's own sentence first, and texts that must come through intact.
import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './detector.ts';

describe('maskPersonalData', () => {
  it('masks the sentence the outside test found in an export', () => {
    expect(maskPersonalData('Jan Peeters, rue Royale 12, né le 30/07/1985', 'fr')).toBe('[nom], [adresse], né le [date]');
  });

  it.each([
    ['fr', "Je m'appelle Marie Dubois et j'habite avenue de la Couronne 5.", "Je m'appelle [nom] et j'habite [adresse]."],
    ['fr', 'Madame Lambert est née le 1er mai 1962 ; appelez le 0470 12 34 56.', 'Madame [nom] est née le [date] ; appelez le [numéro].'],
    ['fr', 'Mon numéro national est 85.07.30-033.61 et mon compte BE68 5390 0754 7034.', 'Mon numéro national est [numéro] et mon compte [numéro].'],
    ['fr', "Bonjour, chaussée d'Haecht 100 à 1030, écrivez à jan.peeters@example.be", 'Bonjour, [adresse] à [numéro], écrivez à [e-mail]'],
    ['nl', 'Mijn naam is Pieter Van den Bossche, Kerkstraat 5 bus 2, geboren op 3 maart 1979.', 'Mijn naam is [naam], [adres], geboren op [datum].'],
    ['nl', 'Dhr. Janssens belde op 02/123.45.67 over dossier 2024-118833.', 'Dhr. [naam] belde op [nummer] over dossier [nummer].'],
    ['nl', 'Ik woon in de Louizalaan 12 en ben geboren op 14-02-1990.', 'Ik woon in de [adres] en ben geboren op [datum].'],
    ['en', 'My name is Sarah Connor, I live at 12 Baker Street, born July 30, 1985.', 'My name is [name], I live at [address], born [date].'],
    ['en', 'Call Mr. Smith on +32 470 12 34 56 before 1985-07-30.', 'Call Mr. [name] on [number] before [date].'],
  ] as const)('masks in %s: %s', (lang, text, expected) => {
    expect(maskPersonalData(text, lang)).toBe(expected);
  });

  it.each([
    ['fr', "L'accueil était rapide et le guichet bien indiqué."],
    ['nl', 'De wachttijd was te lang, maar de medewerker was vriendelijk.'],
    ['en', 'The form was clear. Thank you for the help.'],
  ] as const)('leaves a text without personal data alone (%s)', (lang, text) => {
    expect(maskPersonalData(text, lang)).toBe(text);
  });
});
