// The ways into the standard questionnaire that need no recorded contact: the "give your opinion" widget of
// service pages (competent organisation resolved by the catalogue, CSRF, per-address throttle) and the staff
// screen that shows a counter visitor a QR code to their invitation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp, type TestClient } from '../../../test/app.ts';

let t: TestApp;
let address = 0;

/** A visitor from an address of their own (the widget is throttled per address). */
const visitor = () => {
  const client = t.client();
  client.remoteAddress = `10.1.0.${++address}`;
  return client;
};

const postWidget = async (client: TestClient, lang: string, code: string, form: Record<string, string> = {}, page = `/${lang}/services/${code}/useful`) =>
  client.submitForm(page, `/${lang}/services/${code}/feedback`, form);

async function invitationOf(location: string) {
  const token = /\/feedback\/([A-Za-z0-9_-]+)$/.exec(location)![1]!;
  const { rows } = await t.db.query<{
    organisation: string;
    service_code: string | null;
    channel: string;
    language: string;
    source_kind: string;
    contact_point_id: string | null;
  }>(
    `SELECT o.code AS organisation, i.service_code, i.channel, i.language, i.source_kind, i.contact_point_id
       FROM feedback_invitations i JOIN organisations o ON o.id = i.organisation_id
      WHERE i.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
    [token],
  );
  return rows[0]!;
}

beforeAll(async () => {
  t = await createTestApp({ FEEDBACK_WIDGET_LIMIT: '3' });
});
afterAll(() => t.close());

describe('the feedback widget of service pages', () => {
  it('offers the questionnaire on the page of a service of one organisation and makes a web invitation for it', async () => {
    const client = visitor();
    // The widget's form lives on the page the service page links to (the service page is cached for everyone).
    expect((await client.get('/fr/services/income-tax-return')).body).toContain('href="/fr/services/income-tax-return/useful#feedback-widget"');
    const page = await client.get('/fr/services/income-tax-return/useful');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Comment s’est passée votre expérience avec ce service ?');
    expect(page.body).toContain('action="/fr/services/income-tax-return/feedback"');
    const posted = await postWidget(client, 'fr', 'income-tax-return');
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toMatch(/^\/fr\/feedback\/[A-Za-z0-9_-]{20,}$/);
    expect(await invitationOf(posted.headers.location as string)).toEqual({
      organisation: 'spf-finances',
      service_code: 'income-tax-return',
      channel: 'web',
      language: 'fr',
      source_kind: 'link',
      contact_point_id: null,
    });
    const questionnaire = await client.get(posted.headers.location as string);
    expect(questionnaire.statusCode).toBe(200);
  });

  it('for a service of every commune, asks the postal code first, then invites for the commune it resolves', async () => {
    const client = visitor();
    const ask = await client.get('/en/services/change-of-address');
    expect(ask.body).toContain('first enter your postal code');
    expect(ask.body).not.toContain('action="/en/services/change-of-address/feedback"');
    // Posted without a postal code (a stale page, a forged form): back to the "where?" form.
    const none = await postWidget(client, 'en', 'change-of-address', {}, '/en/services/change-of-address/useful?postalCode=1030');
    expect(none.statusCode).toBe(303);
    expect(none.headers.location).toBe('/en/services/change-of-address#where');
    const bad = await postWidget(client, 'en', 'change-of-address', { postalCode: 'abc' }, '/en/services/change-of-address/useful?postalCode=1030');
    expect(bad.headers.location).toBe('/en/services/change-of-address?postalCode=abc#where');
    // A postal code shared by two communes: the choice is asked on the service page.
    const shared = await postWidget(client, 'en', 'change-of-address', { postalCode: '1040' }, '/en/services/change-of-address/useful?postalCode=1030');
    expect(shared.headers.location).toBe('/en/services/change-of-address?postalCode=1040#where');
    const chosen = await postWidget(
      client,
      'en',
      'change-of-address',
      { postalCode: '1040', organisation: 'commune-etterbeek' },
      '/en/services/change-of-address/useful?postalCode=1040&organisation=commune-etterbeek',
    );
    expect(chosen.statusCode).toBe(303);
    expect(await invitationOf(chosen.headers.location as string)).toMatchObject({
      organisation: 'commune-etterbeek',
      service_code: 'change-of-address',
      channel: 'web',
      language: 'en',
    });

    const resolved = await client.get('/nl/services/change-of-address/useful?postalCode=1030');
    expect(resolved.body).toContain('name="organisation" value="commune-schaerbeek"');
    // The organisation posted is only a choice among the communes of the postal code, never taken as such.
    const forged = await postWidget(
      client,
      'nl',
      'change-of-address',
      { postalCode: '1030', organisation: 'spf-finances' },
      '/nl/services/change-of-address/useful?postalCode=1030',
    );
    expect(await invitationOf(forged.headers.location as string)).toMatchObject({ organisation: 'commune-schaerbeek', language: 'nl' });
  });

  it('refuses a post without its CSRF token and an unknown service', async () => {
    const client = visitor();
    await client.get('/en/services/income-tax-return/useful');
    const forged = await client.request('POST', '/en/services/income-tax-return/feedback', { form: {} });
    expect(forged.statusCode).toBe(403);
    const token = csrfTokenOf((await client.get('/en/services/income-tax-return/useful')).body);
    const unknown = await client.request('POST', '/en/services/no-such-service/feedback', { form: { _csrf: token } });
    expect(unknown.statusCode).toBe(404);
  });

  it('throttles invitations per address (429 in the user’s language), other addresses unaffected', async () => {
    const client = visitor();
    for (let i = 0; i < 3; i++) expect((await postWidget(client, 'nl', 'income-tax-return')).statusCode).toBe(303);
    const refused = await postWidget(client, 'nl', 'income-tax-return');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('3600');
    expect(refused.body).toContain('Te veel vragenlijsten aangevraagd vanaf uw verbinding');
    expect((await postWidget(visitor(), 'nl', 'income-tax-return')).statusCode).toBe(303);
  });
});

describe('the counter QR code (staff screen)', () => {
  let agent: TestClient;
  beforeAll(async () => {
    agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
  });

  it('makes a counter invitation of the agent’s organisation and shows it as a QR code with the link written out', async () => {
    const form = await agent.get('/en/satisfaction/counter-link');
    expect(form.statusCode).toBe(200);
    const pointId = /<option value="([0-9a-f-]{36})"/.exec(form.body)![1]!;
    const made = await agent.submitForm('/en/satisfaction/counter-link', '/en/satisfaction/counter-link', {
      language: 'nl',
      serviceCode: 'change-of-address',
      contactPointId: pointId,
    });
    expect(made.statusCode).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    expect(made.body).toMatch(/<svg[^>]*role="img"[^>]*aria-label="QR code leading to the satisfaction questionnaire"/);
    const url = /<a class="utrecht-link" href="(http[^"]+\/nl\/feedback\/[A-Za-z0-9_-]+)">\1<\/a>/.exec(made.body)![1]!;
    expect(url.startsWith(t.config.publicUrl)).toBe(true);
    expect(await invitationOf(url)).toMatchObject({
      organisation: 'commune-schaerbeek',
      service_code: 'change-of-address',
      channel: 'counter',
      language: 'nl',
      contact_point_id: pointId,
    });
    // Opened from the counter screen, the form comes with the counter's contact point and service chosen.
    const preselected = await agent.get(`/en/satisfaction/counter-link?contactPoint=${pointId}&service=eid-card`);
    expect(preselected.body).toContain(`<option value="${pointId}" selected>`);
    expect(preselected.body).toContain('<option value="eid-card" selected>');
  });

  it('refuses bad input on the form, people without the role and anonymous visitors', async () => {
    const bad = await agent.submitForm('/fr/satisfaction/counter-link', '/fr/satisfaction/counter-link', { language: 'xx', contactPointId: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-language"');
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = 'commune-ixelles' LIMIT 1`,
    );
    const foreign = await agent.submitForm('/fr/satisfaction/counter-link', '/fr/satisfaction/counter-link', { language: 'fr', contactPointId: rows[0]!.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('Point de contact');
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    expect((await editor.get('/en/satisfaction/counter-link')).statusCode).toBe(403);
    const anonymous = await t.client().get('/en/satisfaction/counter-link');
    expect(anonymous.statusCode).toBe(303);
  });
});
