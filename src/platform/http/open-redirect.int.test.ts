// Open redirects (issue 13, part 5): a "next" or "returnTo" that the browser's URL parser would read as another
// site — a tab, a newline or a backslash after the first slash — is never followed nor linked to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ESCAPES = ['/\t/evil.example/x', '/\n/evil.example/x', '/\\evil.example/x', '/\r\n/evil.example/x'];

describe('open redirect', () => {
  it('signed in, /login?next= redirects only to a path of this site', async () => {
    const client = t.client();
    await client.login('agent@demo.irisdesk.brussels');
    for (const next of ESCAPES) {
      const response = await client.get(`/en/login?next=${encodeURIComponent(next)}`);
      expect(response.statusCode, next).toBe(303);
      expect(response.headers.location, next).toBe('/en/back-office');
    }
    const local = await client.get(`/en/login?next=${encodeURIComponent('/en/console?view=mine')}`);
    expect(local.headers.location).toBe('/en/console?view=mine');
    // CR/LF and an ideographic space give a 303 to a clean path, never a 500 or a split header.
    for (const next of ['/en/x\r\nSet-Cookie: a=b', '/en/\u3000x']) {
      const response = await client.get(`/en/login?next=${encodeURIComponent(next)}`);
      expect(response.statusCode, next).toBe(303);
      expect(response.headers.location, next).toMatch(/^\/en\/[\x21-\x7e]*$/);
      expect(response.headers['set-cookie'] ?? '', next).not.toContain('a=b');
    }
  });

  it('signing in with a next that escapes lands on the back office', async () => {
    const client = t.client();
    const response = await client.submitForm('/en/login', '/en/login', {
      email: 'agent@demo.irisdesk.brussels',
      password: (await import('../../seed/demo.ts')).DEMO_PASSWORD,
      next: '/\t/evil.example/x',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/back-office');
  });

  it('the safety report form renders no back link that leaves the site', async () => {
    const client = t.client();
    await client.login('agent@demo.irisdesk.brussels');
    for (const returnTo of ESCAPES) {
      const page = await client.get(`/en/safety/report?returnTo=${encodeURIComponent(returnTo)}`);
      expect(page.statusCode, returnTo).toBe(200);
      // Every link stays on the site as a browser resolves it (the language links keep the query, encoded).
      for (const [, href] of page.body.matchAll(/href="([^"]*)"/g)) {
        expect(new URL(href!.replaceAll('&amp;', '&'), t.config.publicUrl).origin, `${returnTo} → ${href}`).toBe(new URL(t.config.publicUrl).origin);
      }
      expect(page.body, returnTo).not.toContain('name="returnTo"');
      expect(page.body, returnTo).not.toContain('Back to the previous screen');
    }
    const page = await client.get(`/en/safety/report?returnTo=${encodeURIComponent('/en/console')}`);
    expect(page.body).toContain('name="returnTo" value="/en/console"');
    expect(page.body).toContain('Back to the previous screen');
  });
});
