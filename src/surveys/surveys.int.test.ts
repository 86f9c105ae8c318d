// Custom surveys end to end: building from a template or blank with optimistic locking, the FR/NL completeness
// rule, public link answers (page without JavaScript, API, per-browser guard, throttle), invitations after
// contacts (sampling, one response per token), results with suppression outside the owner, CSV exports,
// tenant isolation, and closed / not yet open surveys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp, type TestClient } from '../../test/app.ts';
import { LINK_LIMIT } from './service.ts';

let t: TestApp;
let orgIds: Record<string, string>;
let editor: TestClient;
let analyst: TestClient;

async function signedIn(email: string) {
  const client = t.client();
  await client.login(email);
  return client;
}

async function detail(client: TestClient, id: string) {
  const response = await client.get(`/api/v1/surveys/${id}`);
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** An open survey of Schaerbeek from a template; returns its id, slug and questions. */
async function openSurvey(templateCode = 'reception-quality', extra: Record<string, unknown> = {}) {
  const created = await editor.request('POST', '/api/v1/surveys', { json: { owner: 'organisation', templateCode } });
  expect(created.statusCode).toBe(201);
  const { id, slug } = created.json();
  if (Object.keys(extra).length) {
    const current = await detail(editor, id);
    const patched = await editor.request('PATCH', `/api/v1/surveys/${id}`, {
      json: { version: current.survey.version, title: current.survey.title, linkEnabled: true, samplingRate: 0, ...extra },
    });
    expect(patched.statusCode).toBe(204);
  }
  const opened = await editor.request('POST', `/api/v1/surveys/${id}/open`, { json: { version: (await detail(editor, id)).survey.version } });
  expect(opened.statusCode).toBe(204);
  return {
    id,
    slug,
    questions: (await detail(editor, id)).questions as Array<{ id: string; kind: string; options: Array<{ value: string }>; rows: Array<{ value: string }> }>,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.db.query<{ id: string; code: string }>('SELECT id, code FROM organisations');
  orgIds = Object.fromEntries(rows.map((row) => [row.code, row.id]));
  editor = await signedIn('editor@demo.irisdesk.brussels');
  analyst = await signedIn('analyst@demo.irisdesk.brussels');
});
afterAll(() => t.close());

describe('building a survey', () => {
  it('creates a draft from a template with the bank questions in three languages, and opens it', async () => {
    const bank = (await editor.get('/api/v1/surveys/bank')).json();
    expect(bank.templates.map((template: { code: string }) => template.code)).toEqual(['standard-csat', 'effort', 'nps', 'reachability', 'reception-quality']);
    const created = await editor.request('POST', '/api/v1/surveys', { json: { owner: 'organisation', templateCode: 'reception-quality' } });
    expect(created.statusCode).toBe(201);
    const { id, slug } = created.json();
    expect(slug).toMatch(/^qualite-de-l-accueil-[0-9a-f]{6}$/);
    const body = await detail(editor, id);
    expect(body.survey).toMatchObject({ status: 'draft', state: 'draft', owner: { kind: 'organisation', code: 'commune-schaerbeek' }, version: 1 });
    expect(body.questions.map((q: { kind: string }) => q.kind)).toEqual(['rating', 'matrix', 'single', 'single', 'single', 'text']);
    expect(body.completeness.every((c: { complete: boolean }) => c.complete)).toBe(true);
    expect(body.canOpen).toBe(true);
    // A stale version is refused; the right one opens the survey; questions are then frozen.
    expect((await editor.request('POST', `/api/v1/surveys/${id}/open`, { json: { version: 7 } })).statusCode).toBe(409);
    expect((await editor.request('POST', `/api/v1/surveys/${id}/open`, { json: { version: 1 } })).statusCode).toBe(204);
    const frozen = await editor.request('POST', `/api/v1/surveys/${id}/questions`, { json: { version: 2, bankCode: 'recommend-nps' } });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.code).toBe('surveys.not_draft');
  });

  it('refuses to open until French and Dutch are complete (English optional), with field errors', async () => {
    const created = await editor.request('POST', '/api/v1/surveys', { json: { owner: 'organisation', title: { fr: 'Horaires du guichet' } } });
    const { id } = created.json();
    const added = await editor.request('POST', `/api/v1/surveys/${id}/questions`, {
      json: {
        version: 1,
        question: {
          kind: 'single',
          required: true,
          text: { fr: 'Les horaires vous conviennent-ils ?' },
          options: [
            { value: 'yes', label: { fr: 'Oui', nl: 'Ja' } },
            { value: 'no', label: { fr: 'Non', nl: 'Nee' } },
          ],
        },
      },
    });
    expect(added.statusCode).toBe(201);
    const questionId = added.json().id;
    const refused = await editor.request('POST', `/api/v1/surveys/${id}/open?lang=en`, { json: { version: 2 } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([
      { field: 'texts.nl', code: 'surveys.open.incomplete', message: expect.stringContaining('2 texts are missing') },
    ]);
    const badQuestion = await editor.request('PUT', `/api/v1/surveys/${id}/questions/${questionId}`, {
      json: { version: 2, question: { kind: 'single', text: { fr: 'x' }, options: [{ value: 'a', label: { fr: 'A' } }] } },
    });
    expect(badQuestion.statusCode).toBe(400);
    expect(badQuestion.json().error.fields[0].code).toBe('surveys.question.optionsMin');
    expect(
      (
        await editor.request('PATCH', `/api/v1/surveys/${id}`, {
          json: { version: 2, title: { fr: 'Horaires du guichet', nl: 'Openingsuren van het loket' }, linkEnabled: true, samplingRate: 0 },
        })
      ).statusCode,
    ).toBe(204);
    const updated = await editor.request('PUT', `/api/v1/surveys/${id}/questions/${questionId}`, {
      json: {
        version: 3,
        question: {
          kind: 'single',
          required: true,
          text: { fr: 'Les horaires vous conviennent-ils ?', nl: 'Passen de openingsuren u?' },
          options: [
            { value: 'yes', label: { fr: 'Oui', nl: 'Ja' } },
            { value: 'no', label: { fr: 'Non', nl: 'Nee' } },
          ],
        },
      },
    });
    expect(updated.statusCode).toBe(204);
    const body = await detail(editor, id);
    expect(body.completeness.find((c: { language: string }) => c.language === 'en')).toMatchObject({ complete: false, filled: 0 });
    expect((await editor.request('POST', `/api/v1/surveys/${id}/open`, { json: { version: 4 } })).statusCode).toBe(204);
  });

  it('builds through the pages without JavaScript: create, add from the bank, reorder, error summary on opening', async () => {
    const created = await editor.submitForm('/fr/admin/surveys/new', '/fr/admin/surveys/new', {
      owner: 'organisation',
      templateCode: '',
      'title.fr': 'Essai',
      'title.nl': 'Test',
      'title.en': '',
    });
    expect(created.statusCode).toBe(303);
    const path = created.headers.location as string;
    const id = path.split('/').pop()!;
    const page = await editor.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Essai</h1>');
    const token = csrfTokenOf(page.body);
    const add = (bankCode: string, version: number) =>
      editor.request('POST', `${path}/questions`, { form: { _csrf: token, version: String(version), bankCode } });
    expect((await add('recommend-nps', 1)).statusCode).toBe(303);
    expect((await add('nps-reason', 2)).statusCode).toBe(303);
    const stale = await add('improvement', 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Quelqu’un d’autre a modifié cette enquête');
    let questions = (await detail(editor, id)).questions;
    expect(
      (await editor.request('POST', `${path}/questions/${questions[1].id}/move`, { form: { _csrf: token, version: '3', direction: 'up' } })).statusCode,
    ).toBe(303);
    questions = (await detail(editor, id)).questions;
    expect(questions.map((q: { kind: string }) => q.kind)).toEqual(['text', 'nps']);
    // A blank question written in French only: opening shows the error summary, linked to the completeness table.
    const newPage = `${path}/questions/new?kind=rating`;
    const written = await editor.submitForm(newPage, newPage, { version: '4', 'text.fr': 'Note globale', scaleMin: '1', scaleMax: '5', required: 'yes' });
    expect(written.statusCode).toBe(303);
    const refused = await editor.request('POST', `${path}/open`, { form: { _csrf: token, version: '5' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-texts-nl"');
    expect(refused.body).toContain('id="field-texts-nl"');
    // A draft without responses can be deleted.
    expect((await editor.request('POST', `${path}/delete`, { form: { _csrf: token, version: '5' } })).headers.location).toBe('/fr/admin/surveys');
    expect((await editor.get(path)).statusCode).toBe(404);
  });

  it('keeps other organisations out and lets the competence center build regional surveys', async () => {
    const { id } = (await editor.request('POST', '/api/v1/surveys', { json: { owner: 'organisation', templateCode: 'nps' } })).json();
    const ixelles = await signedIn('manager.ixelles@demo.irisdesk.brussels');
    expect((await ixelles.get(`/api/v1/surveys/${id}`)).statusCode).toBe(404);
    expect((await ixelles.get(`/api/v1/surveys/${id}/results`)).statusCode).toBe(404);
    expect((await ixelles.get(`/en/admin/surveys/${id}`)).statusCode).toBe(404);
    expect((await editor.request('POST', '/api/v1/surveys', { json: { owner: 'region', templateCode: 'nps' } })).statusCode).toBe(403);
    // The competence center sees the draft (read only) and builds its own regional survey.
    expect((await analyst.request('POST', `/api/v1/surveys/${id}/open`, { json: { version: 1 } })).statusCode).toBe(403);
    const regional = await analyst.request('POST', '/api/v1/surveys', {
      json: { owner: 'region', templateCode: 'standard-csat', title: { fr: 'Baromètre régional', nl: 'Gewestelijke barometer' } },
    });
    expect(regional.statusCode).toBe(201);
    expect((await detail(analyst, regional.json().id)).survey.owner).toEqual({ kind: 'region', code: null });
    expect((await editor.get(`/api/v1/surveys/${regional.json().id}`)).statusCode).toBe(404);
    const agent = await signedIn('agent@demo.irisdesk.brussels');
    expect((await agent.get('/api/v1/surveys')).statusCode).toBe(403);
  });
});

describe('answering', () => {
  let survey: Awaited<ReturnType<typeof openSurvey>>;
  beforeAll(async () => {
    survey = await openSurvey();
  });

  it('answers by link on the page without JavaScript: errors first, then thanks, then the browser is remembered', async () => {
    const visitor = t.client();
    const page = await visitor.get(`/nl/surveys/${survey.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kwaliteit van het onthaal');
    expect(page.body).toContain('<legend');
    const [overall, matrix, , , needMet, comment] = survey.questions;
    const empty = await visitor.request('POST', `/nl/surveys/${survey.slug}`, { form: { _csrf: csrfTokenOf(page.body) } });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(`href="#field-q-${overall!.id}"`);
    expect(empty.body).toContain('Bent u over het algemeen tevreden over uw aanvraag?: dit veld is verplicht.');
    const form: Record<string, string> = {
      _csrf: csrfTokenOf(page.body),
      [`q-${overall!.id}`]: '5',
      [`q-${needMet!.id}`]: 'partly',
      [`q-${comment!.id}`]: 'Bel me op 0470 12 34 56',
    };
    for (const row of matrix!.rows) form[`q-${matrix!.id}.${row.value}`] = '4';
    const sent = await visitor.request('POST', `/nl/surveys/${survey.slug}`, { form });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/nl/surveys/thanks');
    const again = await visitor.get(`/nl/surveys/${survey.slug}`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('U hebt deze enquête al beantwoord.');
    const { rows } = await t.db.query<{ text: string }>(
      `SELECT a.text FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1 AND a.text IS NOT NULL`,
      [survey.id],
    );
    expect(rows).toEqual([{ text: 'Bel me op [phone]' }]);
  });

  it('answers by the API with field errors for bad input, and throttles one address', async () => {
    const [overall, matrix, , , needMet] = survey.questions;
    const client = t.client();
    client.remoteAddress = '203.0.113.7';
    const bad = await client.request('POST', `/api/v1/surveys/public/${survey.slug}/responses?lang=en`, {
      json: { answers: { [overall!.id]: 9, [matrix!.id]: { courtesy: 'x' } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string; code: string }) => `${f.field} ${f.code}`)).toEqual(
      expect.arrayContaining([
        `answers.${overall!.id} surveys.answer.outOfRange`,
        `answers.${matrix!.id}.courtesy surveys.answer.invalidChoice`,
        `answers.${matrix!.id}.listening validation.required`,
      ]),
    );
    const answers = { [overall!.id]: 4, [needMet!.id]: 'yes', [matrix!.id]: Object.fromEntries(matrix!.rows.map((row) => [row.value, '5'])) };
    for (let i = 0; i < LINK_LIMIT; i++) {
      const fresh = t.client();
      fresh.remoteAddress = '203.0.113.7';
      expect((await fresh.request('POST', `/api/v1/surveys/public/${survey.slug}/responses`, { json: { answers } })).statusCode).toBe(201);
    }
    const limited = await client.request('POST', `/api/v1/surveys/public/${survey.slug}/responses`, { json: { answers } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('3600');
  });

  it('invites a sample of contacts after a contact and takes one response per invitation', async () => {
    const sampled = await openSurvey('nps', { samplingRate: 50, channels: ['phone'] });
    const input = { organisationId: orgIds['commune-schaerbeek']!, channel: 'phone', language: 'fr' as const, source: { kind: 'request', id: 'req-1' } };
    expect(await t.services.surveys.maybeInvite(t.db, input, () => 75)).toBeNull();
    expect(await t.services.surveys.maybeInvite(t.db, { ...input, channel: 'counter' }, () => 0)).toBeNull();
    expect(await t.services.surveys.maybeInvite(t.db, { ...input, organisationId: orgIds['commune-ixelles']! }, () => 0)).toBeNull();
    const invitation = await t.services.surveys.maybeInvite(t.db, input, () => 10);
    expect(invitation).toMatchObject({ surveyId: sampled.id, url: expect.stringMatching(/\/fr\/surveys\/invitations\/[\w-]+$/) });
    expect(await t.services.surveys.maybeInvite(t.db, input, () => 10)).toBeNull(); // the same contact is not invited twice
    const token = invitation!.token;
    const client = t.client();
    const questionnaire = await client.get(`/api/v1/surveys/invitations/${token}`);
    expect(questionnaire.json()).toMatchObject({ state: 'open', language: 'fr' });
    expect((await client.get(`/fr/surveys/invitations/${token}`)).statusCode).toBe(200);
    const [nps] = sampled.questions;
    const [first, second] = await Promise.all([
      client.request('POST', `/api/v1/surveys/invitations/${token}`, { json: { answers: { [nps!.id]: 9 } } }),
      t.client().request('POST', `/api/v1/surveys/invitations/${token}`, { json: { answers: { [nps!.id]: 2 } } }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    expect((await client.get(`/fr/surveys/invitations/${token}`)).statusCode).toBe(409);
    expect((await client.get('/api/v1/surveys/invitations/nope')).statusCode).toBe(404);
    // The same on the page, without JavaScript.
    const other = await t.services.surveys.maybeInvite(t.db, { ...input, source: { kind: 'request', id: 'req-2' } }, () => 0);
    const pagePath = new URL(other!.url).pathname;
    const answered = await client.submitForm(pagePath, pagePath, { [`q-${nps!.id}`]: '10' });
    expect(answered.statusCode).toBe(303);
    expect((await client.get(pagePath)).statusCode).toBe(409);
    const { rows } = await t.db.query<{ via: string; channel: string; organisationId: string }>(
      `SELECT via, channel, organisation_id AS "organisationId" FROM survey_responses WHERE survey_id = $1`,
      [sampled.id],
    );
    expect(rows).toEqual([
      { via: 'invitation', channel: 'phone', organisationId: orgIds['commune-schaerbeek'] },
      { via: 'invitation', channel: 'phone', organisationId: orgIds['commune-schaerbeek'] },
    ]);
  });

  it('shows results per question to the owner, suppressed to the competence center, with CSV exports', async () => {
    const own = (await editor.get(`/api/v1/surveys/${survey.id}/results`)).json();
    expect(own.suppressed).toBe(false);
    expect(own.summary).toMatchObject({ total: 21, viaLink: 21 });
    const overall = own.results[0];
    expect(overall).toMatchObject({ kind: 'rating', respondents: 21, suppressed: false });
    expect(overall.cells.find((c: { value: string }) => c.value === '5').count).toBe(1);
    expect(overall.mean).toBeCloseTo(4.05, 2);
    const comment = own.results[5];
    expect(comment).toMatchObject({ kind: 'text', respondents: 1 });
    const outside = (await analyst.get(`/api/v1/surveys/${survey.id}/results`)).json();
    expect(outside.suppressed).toBe(true);
    expect(outside.results[0]).toMatchObject({ respondents: 21, suppressed: false });
    expect(outside.results[1].rows[0]).toMatchObject({ respondents: 21, suppressed: false });
    expect(outside.results[5]).toMatchObject({ respondents: 1, suppressed: true });
    const csv = await analyst.get(`/api/v1/surveys/${survey.id}/results.csv?lang=en`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('position,kind,question,row,answer,count,percent');
    expect((await analyst.get(`/api/v1/surveys/${survey.id}/answers.csv`)).statusCode).toBe(403);
    const raw = await editor.get(`/api/v1/surveys/${survey.id}/answers.csv`);
    expect(raw.statusCode).toBe(200);
    const lines = raw.body.trim().split('\r\n');
    expect(lines).toHaveLength(22);
    expect(lines[0]).toMatch(/^response,day,language,via,channel,q1,q2_courtesy/);
    expect(raw.body).toContain('Bel me op [phone]');
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE subject_type = 'survey_answers' AND subject_id = $1 ORDER BY action`,
      [survey.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['export', 'read']);
    const page = await editor.get(`/fr/admin/surveys/${survey.id}/results`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<caption class="utrecht-table__caption"[^>]*>2\. Comment évaluez-vous l’accueil sur chacun de ces points \?<\/caption>/);
  });

  it('says clearly when a survey is closed (410) or not yet open (404)', async () => {
    const closing = await openSurvey('effort');
    expect(
      (await editor.request('POST', `/api/v1/surveys/${closing.id}/close`, { json: { version: (await detail(editor, closing.id)).survey.version } }))
        .statusCode,
    ).toBe(204);
    const closed = await t.client().get(`/fr/surveys/${closing.slug}`);
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('Cette enquête est clôturée');
    expect((await t.client().request('POST', `/api/v1/surveys/public/${closing.slug}/responses`, { json: { answers: {} } })).statusCode).toBe(410);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const later = await openSurvey('reachability', { opensAt: tomorrow });
    const notYet = await t.client().get(`/en/surveys/${later.slug}`);
    expect(notYet.statusCode).toBe(404);
    expect(notYet.body).toContain('This survey is not open yet.');
    expect((await t.client().get('/fr/surveys/no-such-survey')).statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('describes the surveys API', async () => {
    const spec = (await t.client().get('/api/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/surveys',
        '/api/v1/surveys/{id}/results',
        '/api/v1/surveys/public/{slug}/responses',
        '/api/v1/surveys/invitations/{token}',
      ]),
    );
  });
});
