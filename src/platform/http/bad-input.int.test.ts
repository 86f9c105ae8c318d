// Bad input of every kind gets a clear 4xx in the user's language, never a 500 or a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT: '4096' });
});
afterAll(() => t.close());

async function signedIn() {
  const client = t.client();
  await client.login('admin@demo.irisdesk.brussels');
  return client;
}

describe('bad input', () => {
  it('malformed JSON gives 400 with the envelope in the asked language', async () => {
    const client = await signedIn();
    const response = await client.request('POST', '/api/v1/organisations', {
      headers: { 'content-type': 'application/json', 'accept-language': 'nl' },
      json: undefined,
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations?lang=nl',
      headers: { 'content-type': 'application/json', cookie: `irisdesk_session=${client.cookies.get('irisdesk_session')}` },
      payload: '{"code": "x",',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toEqual({
      error: { code: 'request.malformed', status: 400, message: expect.stringContaining('De aanvraag kon niet gelezen worden') },
    });
  });

  it('wrong types list the fields with messages', async () => {
    const client = await signedIn();
    const response = await client.request('POST', '/api/v1/organisations', {
      json: { code: 'Bad Code!', kind: 'planet', name: { fr: 'x', nl: 5 } },
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('validation.failed');
    const fields = body.error.fields.map((field: { field: string }) => field.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'kind', 'name.en']));
    expect(body.error.fields.find((field: { field: string }) => field.field === 'name.en').message).toBe('name.en: this is required.');
  });

  it('an oversize body gives 413', async () => {
    const client = await signedIn();
    const response = await client.request('POST', '/api/v1/organisations', {
      json: { code: 'big', kind: 'other', name: { fr: 'x'.repeat(10_000), nl: 'x', en: 'x' } },
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'request.too_large', message: 'The request is too large.' });
  });

  it('a form-encoded body to the API is refused with 415', async () => {
    const client = await signedIn();
    const response = await client.request('POST', '/api/v1/organisations', { form: { code: 'x' } });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('request.unsupported_media_type');
  });

  it('an API call without a session gives 401 with the envelope', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'accept-language': 'fr' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toEqual({ code: 'auth.required', status: 401, message: 'Veuillez d’abord vous connecter.' });
  });

  it('an unknown route gives a 404 page in the URL’s language, and JSON under /api', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/nl/no-such-page' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="nl"');
    expect(page.body).toContain('Pagina niet gevonden');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'en' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });

  it('an unknown language gets a clear 404, negotiated from the browser', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/de/login', headers: { 'accept-language': 'de,en;q=0.8' } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain('This page exists in French, Dutch and English only.');
  });

  it('escapes what the user typed when it is shown back', async () => {
    const client = t.client();
    const response = await client.submitForm('/en/login', '/en/login', { email: '"><script>alert(1)</script>', password: 'x' });
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body).toContain('&lt;script>');
  });

  it('an odd URL never gives a 500', async () => {
    for (const url of ['/%E0%A4%A', '/en/admin/accounts/%00', '/api/v1/organisations/%F0%9F%98%80', '/en/admin/accounts/not-a-uuid']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(300);
      expect(response.statusCode, url).toBeLessThan(500);
    }
  });
});

describe('operations endpoints', () => {
  it('health, readiness and metrics answer', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
    await t.app.inject('/en');
    const metrics = await t.app.inject('/metrics');
    expect(metrics.body).toContain('irisdesk_http_requests_total{method="GET",route="/:lang",status="200"}');
    expect(metrics.body).toContain('irisdesk_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('irisdesk_db_pool_connections{state="total"}');
  });

  it('serves an OpenAPI 3.1 document of the API, with the error envelope', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/organisations', '/api/v1/accounts/{id}', '/api/v1/me', '/healthz']));
    expect(Object.keys(doc.paths).some((path) => path.startsWith('/{lang}'))).toBe(false);
    expect(JSON.stringify(doc.components.schemas)).toContain('"fields"');
  });

  it('serves the stylesheet compressed with a long cache', async () => {
    const home = await t.app.inject('/fr');
    const href = /href="(\/assets\/irisdesk\.[0-9a-f]+\.css)"/.exec(home.body)![1]!;
    const css = await t.app.inject({ url: href, headers: { 'accept-encoding': 'br, gzip' } });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.rawPayload.length).toBeLessThan(40_000);
  });

  it('sends the security headers on pages, API answers and errors alike', async () => {
    for (const url of ['/fr', '/api/v1/search?q=eid&lang=fr', '/fr/no-such-page']) {
      const response = await t.app.inject(url);
      expect(response.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(response.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });
});
