// The test OpenID provider works with openid-client on this Node: discovery, authorization code with PKCE,
// state and nonce, through the provider's real redirects, and the ID token's claims. (Issue 18, item 7: the
// harness the OIDC sign-in tests use.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { followToClient, startOidcProvider, type TestOidcProvider } from './oidc-provider.ts';

const REDIRECT = 'http://127.0.0.1:9/en/login/oidc/callback';
let provider: TestOidcProvider;
beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: [REDIRECT] });
});
afterAll(() => provider.close());

describe('the test OpenID provider', () => {
  it('signs the chosen user in through the authorization code flow with PKCE', async () => {
    const config = await client.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
      execute: [client.allowInsecureRequests],
    });
    expect(config.serverMetadata().end_session_endpoint).toBe(`${provider.issuer}/session/end`);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const authorize = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    provider.signInNext({ sub: 'user-1', email: 'lea@example.test', name: 'Léa Test' });
    const back = await followToClient(authorize.href, provider.issuer);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe(state);

    const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    expect(tokens.claims()).toMatchObject({ sub: 'user-1', email: 'lea@example.test', name: 'Léa Test', iss: provider.issuer });

    // a wrong state is refused by the library
    const again = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: client.randomState(),
      nonce,
    });
    const forged = await followToClient(again.href, provider.issuer);
    await expect(client.authorizationCodeGrant(config, forged, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })).rejects.toThrow();
  });
});
