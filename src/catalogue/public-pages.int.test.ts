// The public pages as everyone reads them: the service page (how to do it, where, the postal code carried into
// booking and the contact form, "was this page useful?"), served from the page cache and never stale after an
// edit (decision 0044); search that answers honestly, out-of-scope questions included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('the service page', () => {
  it('says how to do it and carries the postal code into booking and the contact form', async () => {
    const page = await t.client().get('/fr/services/change-of-address?postalCode=1030');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Comment faire ?');
    expect(page.body).toContain('href="/fr/appointments?service=change-of-address&amp;postcode=1030"');
    expect(page.body).toContain('href="/fr/contact?service=change-of-address&amp;postcode=1030"');
    expect(page.body).toContain('href="/fr/organisations/commune-schaerbeek"');
    // Nothing of the visitor's: no form token, so one rendering serves everyone.
    expect(page.body).not.toContain('name="_csrf"');
    expect(page.body).toContain('href="/fr/services/change-of-address/useful?answer=no&amp;postalCode=1030"');
  });

  it('is rendered once and served from the cache, yet shows an edit at once', async () => {
    const url = '/en/services/municipal-taxes';
    const first = await t.client().request('GET', url, { headers: { 'accept-encoding': 'br' } });
    const second = await t.client().request('GET', url, { headers: { 'accept-encoding': 'br' } });
    expect(first.headers['x-page-cache']).toBe('miss');
    expect(second.headers['x-page-cache']).toBe('hit');
    expect(second.headers['content-encoding']).toBe('br');
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);

    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const { version } = (await admin.get('/api/v1/admin/services')).json().services.find((s: { code: string }) => s.code === 'municipal-taxes');
    const saved = await admin.request('PUT', '/api/v1/admin/services/municipal-taxes', {
      json: {
        version,
        name: { fr: 'Taxes communales', nl: 'Gemeentebelastingen', en: 'Local taxes of your municipality' },
        summary: { fr: 'Les taxes de votre commune.', nl: 'De belastingen van uw gemeente.', en: 'The taxes of your municipality.' },
        description: { fr: '', nl: '', en: '' },
        evidence: { fr: '', nl: '', en: '' },
        cost: { fr: '', nl: '', en: '' },
        processingTime: { fr: '', nl: '', en: '' },
        keywords: { fr: [], nl: [], en: [] },
        channels: ['online'],
        appointment: false,
        status: 'published',
        reviewed: true,
      },
    });
    expect(saved.statusCode).toBe(200);
    const after = await t.client().get(url);
    expect(after.headers['x-page-cache']).toBe('miss');
    expect(after.body).toContain('Local taxes of your municipality');
    // A signed-in member of staff gets their own rendering (their name in the header), never a shared one.
    const staff = await admin.get(url);
    expect(staff.headers['x-page-cache']).toBeUndefined();
  });

  it('answers a bad postal code with 400 in the language of the page, and never caches it', async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await t.client().get('/nl/services/change-of-address?postalCode=12');
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['x-page-cache']).toBeUndefined();
    }
  });

  it('asks "was this page useful?" on a page of its own, with the answer and an optional comment', async () => {
    const visitor = t.client();
    const form = await visitor.get('/en/services/change-of-address/useful?answer=no&postalCode=1030');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Your answer: no, this page was not useful.');
    expect(form.body).toContain('name="organisation" value="commune-schaerbeek"'); // the satisfaction widget below
    const sent = await visitor.submitForm('/en/services/change-of-address/useful?answer=no', '/en/services/change-of-address/useful', {
      useful: 'no',
      lookingFor: 'how to move my business',
    });
    expect(sent.statusCode).toBe(303);
    const { rows } = await t.db.query<{ useful: boolean; looking_for: string }>(
      `SELECT useful, looking_for FROM page_usefulness WHERE service_code = 'change-of-address' ORDER BY at DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({ useful: false, looking_for: 'how to move my business' });
  });
});

describe('search that answers honestly', () => {
  const outcome = async (q: string, lang: string) => (await t.client().get(`/api/v1/search?q=${encodeURIComponent(q)}&lang=${lang}`)).json();

  it('gives no service for nonsense and for topics editors marked out of scope', async () => {
    for (const [q, lang] of [
      ['xyzzy blabla', 'fr'],
      ['quel temps fera-t-il demain à Bruxelles ?', 'fr'],
      ['weer morgen in Brussel', 'nl'],
      ['tell me a joke', 'en'],
      // Topics of decision 0064: pets, shopping, outings, sport results, gibberish, luck and dating, home computers.
      ['comment dresser un chiot qui mord', 'fr'],
      ['goedkope sneakers kopen', 'nl'],
      ['tide times at Knokke this weekend', 'en'],
      ['uitslag van de match van de Rode Duivels', 'nl'],
      ['lorem ipsum dolor', 'en'],
      ['horoscope de la semaine', 'fr'],
      ['wifi password forgotten', 'en'],
    ]) {
      const answer = await outcome(q!, lang!);
      expect({ q, results: answer.results }).toEqual({ q, results: [] });
      expect(answer.outcome).toBe('no_result');
    }
  });

  it('still finds the service when an out-of-scope word comes with a concept of the catalogue', async () => {
    const answer = await outcome("recette revenu d'intégration", 'fr');
    expect(answer.results.map((r: { code: string }) => r.code)).toContain('social-integration-income');
  });

  it('matches topic labels of one word by their stem only: "wife" is not "wifi", "imprimer" not a printer', async () => {
    const codes = async (q: string, lang: string) => (await outcome(q, lang)).results.map((r: { code: string }) => r.code);
    expect(await codes('bring my wife from Pakistan to live with me', 'en')).toContain('family-reunification');
    expect((await codes('imprimer ma composition de ménage', 'fr')).slice(0, 3)).toContain('household-composition-certificate');
  });

  it('shows the no-result page with browse by theme and the contact form, from the page cache the second time', async () => {
    const url = '/en/search?q=xyzzy+blabla';
    const page = await t.client().get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="browse-themes"');
    expect(page.body).toContain('href="/en/contact"');
    expect((await t.client().get(url)).headers['x-page-cache']).toBe('hit');
  });
});
