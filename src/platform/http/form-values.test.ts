import { describe, expect, it } from 'vitest';
import { formValues } from './form-values.ts';

describe('formValues', () => {
  it('gives the posted fields back as text, lists as lists, and drops what a field cannot show', () => {
    expect(formValues({ title: 'Accueil', version: 3, active: true, units: ['a', 'b', 4], nested: { a: 1 }, empty: undefined })).toEqual({
      title: 'Accueil',
      version: '3',
      active: 'true',
      units: ['a', 'b', '4'],
      nested: undefined,
      empty: undefined,
    });
    expect(formValues(undefined)).toEqual({});
  });
});
