// The claim mapping of the citizen provider (decision 0060): which claims give the address and the name.
import { describe, expect, it } from 'vitest';
import { identityFromClaims } from './service.ts';

const standard = { emailClaim: 'email', nameClaim: 'name', emailVerifiedRequired: true };

describe('identityFromClaims', () => {
  it('takes a verified address and the name claim, else given and family name', () => {
    expect(identityFromClaims({ email: 'Amina@Example.be', email_verified: true, name: 'Amina El Idrissi' }, standard)).toEqual({
      email: 'amina@example.be',
      displayName: 'Amina El Idrissi',
    });
    expect(identityFromClaims({ email: 'amina@example.be', given_name: 'Amina', family_name: 'El Idrissi' }, standard)).toEqual({
      email: null,
      displayName: 'Amina El Idrissi',
    });
  });

  it('follows the mapping: other claim names, several name parts, an address the provider vouches for', () => {
    const fas = { emailClaim: 'mail', nameClaim: 'givenName surname', emailVerifiedRequired: false };
    expect(identityFromClaims({ mail: 'jan.peeters@example.be', givenName: 'Jan', surname: 'Peeters', email: 'other@example.be' }, fas)).toEqual({
      email: 'jan.peeters@example.be',
      displayName: 'Jan Peeters',
    });
    expect(identityFromClaims({ mail: 'not an address', surname: ' Peeters ' }, fas)).toEqual({ email: null, displayName: 'Peeters' });
  });
});
