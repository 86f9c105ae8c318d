// The competence center end to end on a real database: campaigns, scoring, submission checks, access rules
// between organisations, optimistic locking of drafts, generated action plans, the regional view, the
// strategy and the seam with the satisfaction module's measured indicators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp, type TestClient } from '../../test/app.ts';
import { DEFAULT_QUESTIONNAIRE, RECOMMENDATION_RULES } from '../seed/competence.ts';
import { measuredIndicators } from './indicators.ts';

let t: TestApp;
let analyst: TestClient;
let manager: TestClient; // Schaerbeek, organisation_manager
let agent: TestClient; // Schaerbeek, first_line_agent
let ixelles: TestClient; // another organisation's manager
let admin: TestClient;

const CAMPAIGN = 'test-2027';
const ASSESSMENT = `/api/v1/competence/campaigns/${CAMPAIGN}/assessments/commune-schaerbeek`;
const KEYS = DEFAULT_QUESTIONNAIRE.map((c) => c.key);

/** Answers for every criterion: a score per dimension, evidence when above 10. */
function fullAnswers(scoreOf: (key: string) => number) {
  return KEYS.map((key) => {
    const score = scoreOf(key);
    return { criterion: key, score, evidence: score > 10 ? 'Note de service 2026/14' : '', evidenceLinks: [] as string[] };
  });
}

const DIMENSION_SCORES: Record<string, number> = { culture: 80, user_knowledge: 30, processes: 60, tools: 45, governance: 70 };
const byDimension = (key: string) => DIMENSION_SCORES[key.split('.')[0]!]!;

beforeAll(async () => {
  t = await createTestApp();
  [analyst, manager, agent, ixelles, admin] = [t.client(), t.client(), t.client(), t.client(), t.client()];
  await analyst.login('analyst@demo.irisdesk.brussels');
  await manager.login('manager@demo.irisdesk.brussels');
  await agent.login('agent@demo.irisdesk.brussels');
  await ixelles.login('manager.ixelles@demo.irisdesk.brussels');
  await admin.login('admin@demo.irisdesk.brussels');
  const created = await analyst.request('POST', '/api/v1/competence/campaigns', {
    json: { code: CAMPAIGN, title: { fr: 'Campagne 2027', nl: 'Campagne 2027', en: 'Campaign 2027' }, closesOn: '2027-06-30' },
  });
  expect(created.statusCode).toBe(201);
  const opened = await analyst.request('POST', `/api/v1/competence/campaigns/${CAMPAIGN}/status`, {
    json: { version: created.json().version, status: 'open' },
  });
  expect(opened.json().status).toBe('open');
}, 180_000); // five sign-ins (argon2) and a database copy: slow on a busy machine
afterAll(() => t?.close());

describe('campaigns', () => {
  it('copies the default questionnaire into a new campaign and lets only the competence center open it', async () => {
    const campaign = await manager.get(`/api/v1/competence/campaigns/${CAMPAIGN}`);
    expect(campaign.json().criteria.map((c: { key: string }) => c.key)).toEqual(KEYS);
    const refused = await manager.request('POST', '/api/v1/competence/campaigns', { json: { code: 'mine', title: { fr: 'x', nl: 'x', en: 'x' } } });
    expect(refused.statusCode).toBe(403);
    const stale = await analyst.request('POST', `/api/v1/competence/campaigns/${CAMPAIGN}/status`, { json: { version: 1, status: 'closed' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('competence.campaign_stale');
  });

  it('lets the competence center edit a draft campaign’s questionnaire, not an open one', async () => {
    const draft = await analyst.request('POST', '/api/v1/competence/campaigns', {
      json: { code: 'draft-edit', title: { fr: 'Brouillon', nl: 'Ontwerp', en: 'Draft' } },
    });
    const edited = await analyst.request('PATCH', '/api/v1/competence/campaigns/draft-edit/criteria/culture.charter?lang=en', {
      json: { version: 1, title: 'A reception charter is signed by the mayor', guidance: 'Signed and displayed.' },
    });
    expect(edited.statusCode).toBe(200);
    // Edited in English only: the other languages fall back to it, no stale translation is kept.
    expect(edited.json().title).toEqual({ en: 'A reception charter is signed by the mayor' });
    const page = await analyst.get(`/fr/competence/campaigns/draft-edit`);
    expect(page.body).toContain('<span lang="en">A reception charter is signed by the mayor</span>');
    expect(draft.statusCode).toBe(201);
    const locked = await analyst.request('PATCH', `/api/v1/competence/campaigns/${CAMPAIGN}/criteria/culture.charter`, {
      json: { version: 1, title: 'x', guidance: 'y' },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('competence.questionnaire_locked');
  });

  it('edits a criterion in the three languages at once: French and Dutch required, English may fall back', async () => {
    const url = '/api/v1/competence/campaigns/draft-edit/criteria/culture.training';
    const texts = {
      title: { fr: 'Le personnel est formé', nl: 'Het personeel is opgeleid', en: '' },
      guidance: { fr: 'Plan de formation.', nl: 'Opleidingsplan.' },
    };
    const saved = await analyst.request('PATCH', url, { json: { version: 1, ...texts } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      title: { fr: 'Le personnel est formé', nl: 'Het personeel is opgeleid' },
      guidance: { fr: 'Plan de formation.', nl: 'Opleidingsplan.' },
    });
    expect(saved.json().title.en).toBeUndefined(); // empty English is left out: it falls back visibly
    const missing = await analyst.request('PATCH', url, { json: { version: 2, title: { fr: 'Titre', nl: ' ' }, guidance: texts.guidance } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['title.nl']);

    // The form: a fieldset per text, one field per language (with its lang), errors linked field by field.
    const pageUrl = '/en/competence/campaigns/draft-edit/criteria/culture.training';
    const page = await analyst.get(pageUrl);
    expect(page.body).toMatch(/<input[^>]*id="field-title-nl"[^>]*lang="nl"|<input[^>]*lang="nl"[^>]*id="field-title-nl"/);
    expect(page.body).toContain('data-translations');
    const form = {
      _csrf: csrfTokenOf(page.body),
      version: '2',
      'title.fr': 'Le personnel est formé à l’accueil',
      'title.nl': '',
      'title.en': 'Staff are trained',
      'guidance.fr': 'Plan.',
      'guidance.nl': 'Plan.',
      'guidance.en': '',
    };
    const refused = await analyst.request('POST', pageUrl, { form });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-title-nl"');
    expect(refused.body).toContain('Title in Dutch: this is required.');
    expect(refused.body).toContain('value="Staff are trained"'); // what was typed stays
    const accepted = await analyst.request('POST', pageUrl, { form: { ...form, 'title.nl': 'Het personeel is opgeleid voor het onthaal' } });
    expect(accepted.statusCode).toBe(303);
    const stored = (await analyst.get('/api/v1/competence/campaigns/draft-edit')).json().criteria.find((c: { key: string }) => c.key === 'culture.training');
    expect(stored.title).toEqual({ fr: 'Le personnel est formé à l’accueil', nl: 'Het personeel is opgeleid voor het onthaal', en: 'Staff are trained' });
    expect(stored.guidance).toEqual({ fr: 'Plan.', nl: 'Plan.' });
  });
});

describe('access to an organisation’s assessment', () => {
  it('hides another organisation’s answers and results, and refuses to let it write them', async () => {
    expect((await ixelles.get(ASSESSMENT)).statusCode).toBe(404);
    expect((await ixelles.get(`/api/v1/competence/campaigns/demo-2025/results/commune-schaerbeek`)).statusCode).toBe(404);
    const write = await ixelles.request('PUT', ASSESSMENT, { json: { version: 1, answers: [] } });
    expect(write.statusCode).toBe(404);
    expect((await ixelles.get(`/en/competence/campaigns/${CAMPAIGN}/assessments/commune-schaerbeek`)).statusCode).toBe(404);
    expect((await ixelles.get(`/en/competence/action-plans/commune-schaerbeek`)).statusCode).toBe(404);
  });

  it('lets the competence center read but not fill in an organisation’s questionnaire', async () => {
    const read = await analyst.get(ASSESSMENT);
    expect(read.statusCode).toBe(200);
    const write = await analyst.request('PUT', ASSESSMENT, { json: { version: 1, answers: [] } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('competence.assessment_not_yours');
    const adminWrite = await admin.request('PUT', ASSESSMENT, { json: { version: 1, answers: [] } });
    expect(adminWrite.statusCode).toBe(403);
  });

  it('keeps the regional view and the portfolio for the competence center', async () => {
    expect((await manager.get(`/api/v1/competence/campaigns/demo-2026/region`)).statusCode).toBe(403);
    expect((await manager.get('/api/v1/competence/portfolio')).statusCode).toBe(403);
    expect((await manager.get('/en/competence/portfolio')).statusCode).toBe(403);
  });
});

describe('drafts saved by several people', () => {
  it('refuses a save made on a version someone else already saved, and keeps their answers', async () => {
    const start = (await agent.get(ASSESSMENT)).json();
    expect(start.status).toBe('draft');
    const first = await agent.request('PUT', ASSESSMENT, {
      json: {
        version: start.version,
        answers: [{ criterion: 'culture.charter', score: 55, evidence: 'Charte affichée', evidenceLinks: ['https://intranet.example/charte'] }],
      },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(start.version + 1);
    const second = await manager.request('PUT', ASSESSMENT, {
      json: { version: start.version, answers: [{ criterion: 'culture.charter', score: 10, evidence: '', evidenceLinks: [] }] },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('competence.assessment_stale');
    const now = (await manager.get(ASSESSMENT)).json();
    expect(now.answers.find((a: { criterion: string }) => a.criterion === 'culture.charter')).toEqual({
      criterion: 'culture.charter',
      score: 55,
      evidence: 'Charte affichée',
      evidenceLinks: ['https://intranet.example/charte'],
    });
  });

  it('tells the second person in the page, showing what the first saved', async () => {
    const url = `/en/competence/campaigns/${CAMPAIGN}/assessments/commune-schaerbeek`;
    const pageA = await agent.get(url);
    const pageB = await manager.get(url);
    const version = /name="version" value="(\d+)"/.exec(pageA.body)![1]!;
    const saved = await agent.request('POST', url, {
      form: {
        _csrf: csrfTokenOf(pageA.body),
        version,
        intent: 'save',
        'answers.tools.channels.score': '65',
        'answers.tools.channels.evidence': 'Horaires publiés',
      },
    });
    expect(saved.statusCode).toBe(303);
    const late = await manager.request('POST', url, {
      form: { _csrf: csrfTokenOf(pageB.body), version, intent: 'save', 'answers.tools.channels.score': '20' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Someone else saved this questionnaire while you were filling it in');
    expect(late.body).toMatch(/id="field-answers-tools-channels-score"[^>]*value="65"/);
  });
});

describe('submitting', () => {
  it('lists every missing score and evidence field by field, and keeps the draft', async () => {
    const current = (await manager.get(ASSESSMENT)).json();
    const answers = fullAnswers(byDimension).map((a) => (a.criterion.startsWith('governance.') ? { ...a, score: null } : a));
    answers.find((a) => a.criterion === 'tools.online')!.evidence = ''; // 45 without evidence
    Object.assign(
      answers.find((a) => a.criterion === 'culture.safety')!,
      { score: 0, evidence: '' },
    ); // 0 is an answer, not a gap
    const refused = await manager.request('POST', `${ASSESSMENT}/submit?lang=en`, { json: { version: current.version, answers } });
    expect(refused.statusCode).toBe(400);
    const body = refused.json().error;
    expect(body.code).toBe('competence.assessment_incomplete');
    expect(body.fields.map((f: { field: string }) => f.field)).toEqual([
      'answers.tools.online.evidence',
      'answers.governance.review.score',
      'answers.governance.objectives.score',
      'answers.governance.publication.score',
      'answers.governance.cooperation.score',
    ]);
    expect(body.fields[1].message).toBe('Management regularly reviews satisfaction and reception indicators: give a score.');
    const kept = (await manager.get(ASSESSMENT)).json();
    expect(kept.status).toBe('draft');
    expect(kept.version).toBe(current.version + 1);
    expect(kept.answers.find((a: { criterion: string }) => a.criterion === 'culture.charter').score).toBe(80);
    expect(kept.answers.find((a: { criterion: string }) => a.criterion === 'culture.safety').score).toBe(0);
    expect(kept.answers.find((a: { criterion: string }) => a.criterion === 'governance.review').score).toBeNull();
  });

  it('shows the missing fields in the page’s error summary, linked to each field', async () => {
    const url = `/fr/competence/campaigns/${CAMPAIGN}/assessments/commune-schaerbeek`;
    const page = await manager.get(url);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const response = await manager.request('POST', url, {
      form: { _csrf: csrfTokenOf(page.body), version, intent: 'submit', 'answers.culture.charter.score': '150' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#field-answers-culture-charter-score"');
    expect(response.body).toContain('Une charte d’accueil existe et est connue du personnel et des usagers : le score doit être un nombre entier de 0 à 100.');
  });

  it('refuses a submission by someone who is not the manager', async () => {
    const current = (await agent.get(ASSESSMENT)).json();
    const refused = await agent.request('POST', `${ASSESSMENT}/submit`, { json: { version: current.version, answers: fullAnswers(byDimension) } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('competence.submit_manager_only');
  });

  it('submits a complete questionnaire, scores it and generates the action plan from the rules', async () => {
    const current = (await manager.get(ASSESSMENT)).json();
    // Actions still open from the 2025 campaign (demo data): their rules must not give a second copy.
    const before = (await manager.get('/api/v1/competence/organisations/commune-schaerbeek/actions')).json().actions as Array<{
      rule: string | null;
      status: string;
    }>;
    const stillOpen = new Set(before.filter((a) => a.rule && ['planned', 'in_progress'].includes(a.status)).map((a) => a.rule));
    const submitted = await manager.request('POST', `${ASSESSMENT}/submit`, { json: { version: current.version, answers: fullAnswers(byDimension) } });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().assessment.status).toBe('submitted');
    // Rules fire below their threshold (50): user_knowledge (30) and tools (45) criteria; not those already open.
    const fired = RECOMMENDATION_RULES.filter((rule) => byDimension(rule.criterionKey) < rule.threshold);
    const expected = fired.filter((rule) => !stillOpen.has(rule.key));
    expect(fired.length).toBeGreaterThan(expected.length); // the demo plan does hold open actions of some fired rules
    expect(submitted.json().actionsGenerated).toBe(expected.length);

    const results = (await manager.get(`/api/v1/competence/campaigns/${CAMPAIGN}/results/commune-schaerbeek`)).json();
    expect(results.scores.dimensions).toEqual(DIMENSION_SCORES);
    expect(results.scores.overall).toBe(57);
    expect(results.previousCampaign).toBe('demo-2025'); // Schaerbeek did not submit in demo-2026
    expect(results.changes.culture).toBe(Math.round((80 - results.previous.dimensions.culture) * 10) / 10);

    const all = (await manager.get('/api/v1/competence/organisations/commune-schaerbeek/actions')).json().actions as Array<{
      rule: string | null;
      status: string;
      campaign: string;
      dueOn: string;
      overdue: boolean;
    }>;
    const plan = all.filter((a) => a.campaign === CAMPAIGN);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
    expect(plan.map((a) => a.rule).sort()).toEqual(expected.map((r) => r.key).sort());
    // One open action per fired rule, never two; the 2025 ones, due in 2025-12, are flagged overdue.
    for (const rule of fired) {
      const open = all.filter((a) => a.rule === rule.key && ['planned', 'in_progress'].includes(a.status));
      expect(open, rule.key).toHaveLength(1);
      if (stillOpen.has(rule.key)) expect(open[0]).toMatchObject({ campaign: 'demo-2025', overdue: open[0]!.dueOn < today });
    }
    expect(all.some((a) => a.overdue)).toBe(true); // the 2025 short-term actions, due in December 2025
    expect(plan.every((a) => !a.overdue)).toBe(true);
    const openOf = (rule: string) => all.find((a) => a.rule === rule && ['planned', 'in_progress'].includes(a.status));
    const satisfaction = openOf('r.satisfaction');
    expect(satisfaction).toMatchObject({
      horizon: 'short',
      scope: 'collective',
      indicator: 'satisfaction.overall',
      status: 'planned',
      criterion: 'user_knowledge.satisfaction',
    });
    const needs = openOf('r.needs');
    expect(needs).toMatchObject({ horizon: 'long', scope: 'individual', targetValue: 50 });

    // Once submitted, it is closed to edits.
    const late = await agent.request('PUT', ASSESSMENT, { json: { version: submitted.json().assessment.version, answers: [] } });
    expect(late.statusCode).toBe(409);
  });

  it('refuses to add an action already open in the plan, and flags overdue actions on the plan page', async () => {
    const plan = (await manager.get('/api/v1/competence/organisations/commune-schaerbeek/actions')).json().actions as Array<{
      title: { fr?: string; nl?: string };
      overdue: boolean;
      status: string;
    }>;
    const open = plan.find((a) => a.status === 'planned' && a.title.fr && a.title.nl)!;
    const page = await manager.get('/fr/competence/action-plans/commune-schaerbeek');
    const token = csrfTokenOf(page.body);
    const again = await manager.request('POST', '/fr/competence/action-plans/commune-schaerbeek', {
      form: {
        _csrf: token,
        'title.fr': `  ${open.title.fr!.toUpperCase()} `,
        'title.nl': 'Iets anders',
        'title.en': '',
        owner: '',
        dueOn: '',
        indicator: 'maturity.overall',
        targetValue: '',
        horizon: 'short',
        scope: 'individual',
      },
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Cette action figure déjà dans le plan.');
    const overdue = plan.filter((a) => a.overdue).length;
    expect(overdue).toBeGreaterThan(0);
    expect(page.body.match(/class="irisdesk-overdue"/g)).toHaveLength(overdue);
    expect(page.body).toContain('<ul class="irisdesk-key-figures" aria-label="Avancement du plan">');
    // A new action with its own title is added.
    const added = await manager.request('POST', '/fr/competence/action-plans/commune-schaerbeek', {
      form: {
        _csrf: token,
        'title.fr': 'Former l’équipe à l’accueil téléphonique',
        'title.nl': 'Het team opleiden in telefonisch onthaal',
        'title.en': '',
        owner: '',
        dueOn: '',
        indicator: 'maturity.overall',
        targetValue: '',
        horizon: 'short',
        scope: 'individual',
      },
    });
    expect(added.statusCode).toBe(303);
  });

  it('edits an action with optimistic locking', async () => {
    const plan = (await manager.get('/api/v1/competence/organisations/commune-schaerbeek/actions')).json().actions;
    const action = plan.find((a: { rule: string; status: string }) => a.rule === 'r.needs' && a.status === 'planned');
    const change = {
      version: action.version,
      title: 'Étude des publics 2027',
      owner: 'Service accueil',
      dueOn: '2027-12-31',
      status: 'in_progress',
      indicator: 'maturity.user_knowledge',
      targetValue: 55,
      horizon: 'long',
    };
    const saved = await manager.request('PATCH', `/api/v1/competence/actions/${action.id}?lang=fr`, { json: change });
    expect(saved.json()).toMatchObject({ owner: 'Service accueil', status: 'in_progress', targetValue: 55, title: { fr: 'Étude des publics 2027' } });
    const stale = await agent.request('PATCH', `/api/v1/competence/actions/${action.id}`, { json: { ...change, status: 'done' } });
    expect(stale.statusCode).toBe(409);
    const other = await ixelles.request('PATCH', `/api/v1/competence/actions/${action.id}`, { json: { ...change, version: saved.json().version } });
    expect(other.statusCode).toBe(404);
  });

  it('reopens a submitted assessment with a reason: the manager or the competence center, on the version read', async () => {
    const RESULTS = `/api/v1/competence/campaigns/${CAMPAIGN}/results/commune-schaerbeek`;
    const submitted = (await manager.get(ASSESSMENT)).json();
    expect(submitted.status).toBe('submitted');
    const reason = 'Le score « outils » doit être revu après l’audit.';
    expect((await agent.request('POST', `${ASSESSMENT}/reopen`, { json: { version: submitted.version, reason } })).json().error.code).toBe(
      'competence.reopen_forbidden',
    );
    expect((await ixelles.request('POST', `${ASSESSMENT}/reopen`, { json: { version: submitted.version, reason } })).statusCode).toBe(404);
    const blank = await manager.request('POST', `${ASSESSMENT}/reopen`, { json: { version: submitted.version, reason: '   ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields[0].field).toBe('reason');
    const stale = await manager.request('POST', `${ASSESSMENT}/reopen`, { json: { version: submitted.version - 1, reason } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('competence.reopen_stale');

    const reopened = await manager.request('POST', `${ASSESSMENT}/reopen`, { json: { version: submitted.version, reason } });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'draft', version: submitted.version + 1, submittedAt: null });
    expect(reopened.json().history.map((e: { event: string; by: string; reason: string }) => [e.event, e.by, e.reason])).toEqual([
      ['submitted', 'organisation', ''],
      ['reopened', 'organisation', reason],
    ]);
    // Results and the campaign's count stop counting it until it is submitted again.
    expect((await manager.get(RESULTS)).json().scores).toBeNull();
    expect((await analyst.get(`/api/v1/competence/campaigns/${CAMPAIGN}`)).json().campaign.submittedCount).toBe(0);
    expect((await manager.request('POST', `${ASSESSMENT}/reopen`, { json: { version: submitted.version + 1, reason } })).json().error.code).toBe(
      'competence.not_submitted',
    );

    // Submitted again: counted again, and the competence center reopens it through the confirmation page.
    const again = await manager.request('POST', `${ASSESSMENT}/submit`, { json: { version: submitted.version + 1 } });
    expect(again.statusCode).toBe(200);
    expect((await manager.get(RESULTS)).json().scores.overall).toBe(57);
    const pageUrl = `/nl/competence/campaigns/${CAMPAIGN}/assessments/commune-schaerbeek`;
    expect((await analyst.get(pageUrl)).body).toContain(`href="${pageUrl}/reopen"`);
    const confirm = await analyst.get(`${pageUrl}/reopen`);
    expect(confirm.statusCode).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(confirm.body)![1]!;
    const empty = await analyst.request('POST', `${pageUrl}/reopen`, { form: { _csrf: csrfTokenOf(confirm.body), version, reason: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#field-reason"');
    const done = await analyst.request('POST', `${pageUrl}/reopen`, {
      form: { _csrf: csrfTokenOf(confirm.body), version, reason: 'Veldobservatie wijkt af.' },
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${pageUrl}?notice=reopened`);
    const page = await manager.get(pageUrl);
    expect(page.body).toContain('Veldobservatie wijkt af.');
    expect(page.body).toContain('Het expertisecentrum');
    expect(page.body).not.toContain('Anna Analyst'); // the history names the side that acted, not the person
    // a cross-organisation write: in Schaerbeek's audit log, with the analyst's account
    const audited = await t.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit_log l JOIN organisations o ON o.id = l.organisation_id JOIN accounts a ON a.id = l.actor_account_id
        WHERE o.code = 'commune-schaerbeek' AND a.email = 'analyst@demo.irisdesk.brussels' AND l.subject_type = 'competence_assessment' AND l.details->>'event' = 'reopened'`,
    );
    expect(audited.rows[0]!.count).toBe(1);
    // Put it back as submitted for the tests that follow.
    const current = (await manager.get(ASSESSMENT)).json();
    expect(current.history).toHaveLength(4);
    expect((await manager.request('POST', `${ASSESSMENT}/submit`, { json: { version: current.version } })).statusCode).toBe(200);
  });
});

describe('the region', () => {
  it('compares organisations with peers of their kind without personal data', async () => {
    const response = await analyst.get('/api/v1/competence/campaigns/demo-2026/region');
    expect(response.statusCode).toBe(200);
    const region = response.json();
    expect(region.organisations).toBe(6);
    expect(region.peerGroups.map((g: { group: string }) => g.group)).toEqual(['commune', 'cpas', 'regional']);
    expect(region.peerGroups[0].members.map((m: { organisation: string }) => m.organisation).sort()).toEqual([
      'commune-anderlecht',
      'commune-ixelles',
      'commune-uccle',
    ]);
    expect(region.strengths).toHaveLength(3);
    expect(region.dimensions.culture.count).toBe(6);
    const text = response.body;
    for (const personal of ['Marc Manager', 'Anna Analyst', 'demo.irisdesk.brussels', 'Voir la note interne', 'intranet.example'])
      expect(text).not.toContain(personal);
  });

  it('shows peers’ means to an organisation only when at least three peers submitted', async () => {
    const ixellesResults = (await ixelles.get('/api/v1/competence/campaigns/demo-2026/results/commune-ixelles')).json();
    expect(ixellesResults.peers).toBeNull(); // only two other communes submitted in demo-2026
    const schaerbeek = (await manager.get(`/api/v1/competence/campaigns/demo-2025/results/commune-schaerbeek`)).json();
    expect(schaerbeek.peers).toBeNull();
  });

  it('records field observations by the competence center only', async () => {
    const observation = {
      organisation: 'commune-ixelles',
      criterion: 'processes.appointments',
      method: 'interview',
      observedOn: '2026-11-02',
      score: 35,
      note: 'Entretien avec l’équipe accueil.',
    };
    expect((await manager.request('POST', '/api/v1/competence/campaigns/demo-2026/observations', { json: observation })).statusCode).toBe(403);
    expect((await analyst.request('POST', '/api/v1/competence/campaigns/demo-2026/observations', { json: observation })).statusCode).toBe(201);
    const page = await ixelles.get('/en/competence/campaigns/demo-2026/results/commune-ixelles');
    expect(page.body).toContain('Entretien avec l’équipe accueil.');
    const unknown = await analyst.request('POST', '/api/v1/competence/campaigns/demo-2026/observations', {
      json: { ...observation, criterion: 'culture.nothing' },
    });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('measured indicators next to the self-assessed scores', () => {
  it('answers "not available" while the satisfaction module’s table does not exist', async () => {
    const answer = await t.db
      .transaction(async (tx) => {
        await tx.query('ALTER TABLE satisfaction_aggregates RENAME TO satisfaction_aggregates_hidden');
        const result = await measuredIndicators(tx, []);
        throw Object.assign(new Error('rollback'), { result });
      })
      .catch((error: { result?: unknown }) => error.result);
    expect(answer).toEqual({ available: false, reason: 'module_not_installed', relation: 'satisfaction_aggregates' });
  });

  it('reads satisfaction and reachability from the satisfaction module, hiding figures on too few answers', async () => {
    const month = new Date().toISOString().slice(0, 7) + '-01';
    await t.db.query(
      `INSERT INTO satisfaction_aggregates (organisation_id, month, channel, service_code, contact_point, answers, score_x2_sum, reached, need_yes)
       SELECT id, $1::date, 'counter', 'competence-test', '', 20, 300, 15, 12 FROM organisations WHERE code = 'actiris'
       UNION ALL
       SELECT id, $1::date, 'counter', 'competence-test', '', 4, 40, 4, 4 FROM organisations WHERE code = 'commune-uccle'`,
      [month],
    );
    const region = (await analyst.get('/api/v1/competence/campaigns/demo-2026/region')).json();
    expect(region.measuredAvailable).toBe(true);
    const members = region.peerGroups.flatMap((g: { members: unknown[] }) => g.members) as Array<{
      organisation: string;
      measured: Record<string, number> | null;
    }>;
    const actiris = members.find((m) => m.organisation === 'actiris')!;
    // Only our test rows exist unless the satisfaction seed added some: check the arithmetic on what is stored.
    const { rows } = await t.db.query<{ answers: number; score: number; reached: number }>(
      `SELECT sum(answers)::int AS answers, sum(score_x2_sum)::int AS score, sum(reached)::int AS reached FROM satisfaction_aggregates a
         JOIN organisations o ON o.id = a.organisation_id
        WHERE o.code = 'actiris' AND month >= (date_trunc('month', now() AT TIME ZONE 'Europe/Brussels') - interval '11 months')::date`,
    );
    expect(actiris.measured!['satisfaction.overall']).toBe(Math.round((rows[0]!.score / 2 / rows[0]!.answers) * 10) / 10);
    expect(actiris.measured!.reachability).toBe(Math.round(((100 * rows[0]!.reached) / rows[0]!.answers) * 10) / 10);
    const uccle = await t.db.query<{ answers: number }>(
      `SELECT coalesce(sum(answers), 0)::int AS answers FROM satisfaction_aggregates a JOIN organisations o ON o.id = a.organisation_id WHERE o.code = 'commune-uccle'`,
    );
    if (uccle.rows[0]!.answers < 10) expect(members.find((m) => m.organisation === 'commune-uccle')!.measured).toEqual({});
  });
});

describe('good practices, expertise and strategy', () => {
  it('seeds a dozen real practices with sources, editable by the competence center only', async () => {
    const practices = (await manager.get('/api/v1/competence/practices')).json().practices;
    expect(practices.length).toBeGreaterThanOrEqual(12);
    expect(new Set(practices.map((p: { place: string }) => p.place))).toEqual(new Set(['france', 'flanders', 'wallonia', 'netherlands', 'brussels', 'europe']));
    const rotterdam = practices.find((p: { key: string }) => p.key === 'rotterdam-14010');
    const change = {
      version: rotterdam.version,
      title: 'Rotterdam 14 010',
      place: 'netherlands',
      dimension: 'processes',
      description: 'Normes.',
      outcome: '86 %.',
      sourceLabel: 'Gemeente Rotterdam',
    };
    expect((await manager.request('PATCH', `/api/v1/competence/practices/${rotterdam.id}`, { json: change })).statusCode).toBe(403);
    const saved = await analyst.request('PATCH', `/api/v1/competence/practices/${rotterdam.id}?lang=nl`, { json: change });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().title).toEqual({ nl: 'Rotterdam 14 010' });
  });

  it('keeps expertise requests within the organisation and the competence center', async () => {
    const created = await ixelles.request('POST', '/api/v1/competence/expertise-requests', { json: { subject: 'Charte d’accueil', dimension: 'culture' } });
    expect(created.statusCode).toBe(201);
    const mine = (await manager.get('/api/v1/competence/expertise-requests')).json().requests;
    expect(mine.every((r: { organisation: string }) => r.organisation === 'commune-schaerbeek')).toBe(true);
    const all = (await analyst.get('/api/v1/competence/expertise-requests')).json().requests;
    expect(all.map((r: { id: string }) => r.id)).toContain(created.json().id);
    expect(
      (await ixelles.request('PATCH', `/api/v1/competence/expertise-requests/${created.json().id}`, { json: { version: 1, status: 'closed', response: '' } }))
        .statusCode,
    ).toBe(403);
    const answered = await analyst.request('PATCH', `/api/v1/competence/expertise-requests/${created.json().id}`, {
      json: { version: 1, status: 'accepted', response: 'Atelier le 12 janvier.' },
    });
    expect(answered.json()).toMatchObject({ status: 'accepted', response: 'Atelier le 12 janvier.' });
    const audited = await t.db.query<{ organisation: string }>(
      `SELECT o.code AS organisation FROM audit_log l JOIN organisations o ON o.id = l.organisation_id
        WHERE l.subject_type = 'competence_expertise_request' AND l.subject_id = $1 AND l.action = 'update'`,
      [created.json().id],
    );
    expect(audited.rows).toEqual([{ organisation: 'commune-ixelles' }]);
  });

  it('versions the strategy and measures progress without inventing figures', async () => {
    const before = (await manager.get('/api/v1/competence/strategy')).json();
    expect(before.version).toBe(1);
    const maturity = before.objectives.find((o: { indicator: string }) => o.indicator === 'maturity.overall');
    expect(typeof maturity.value).toBe('number');
    const body = {
      basedOn: 1,
      note: 'Révision',
      objectives: [
        { title: 'Maturity of at least 65', indicator: 'maturity.overall', targetValue: 65, targetOn: '2028-12-31' },
        { title: 'Waiting under 10 minutes', indicator: 'waiting.counter', targetValue: 10 },
      ],
    };
    expect((await manager.request('POST', '/api/v1/competence/strategy/versions', { json: body })).statusCode).toBe(403);
    const created = await analyst.request('POST', '/api/v1/competence/strategy/versions', { json: body });
    expect(created.statusCode).toBe(201);
    expect(created.json().version).toBe(2);
    expect(created.json().versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const waiting = created.json().objectives.find((o: { indicator: string }) => o.indicator === 'waiting.counter');
    expect(waiting).toMatchObject({ value: null, reached: null }); // nothing measures waiting times yet
    const again = await analyst.request('POST', '/api/v1/competence/strategy/versions', { json: body });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('competence.strategy_stale');
    // The form takes each objective in FR/NL/EN; a row with a title in one language only is refused, row by row.
    const page = await analyst.get('/en/competence/strategy');
    const form = {
      _csrf: csrfTokenOf(page.body),
      basedOn: '2',
      'objectives.0.title.en': 'Maturity of at least 70',
      'objectives.0.indicator': 'maturity.overall',
      'objectives.0.targetValue': '70',
    };
    const refused = await analyst.request('POST', '/en/competence/strategy', { form });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-objectives-0-title-nl"');
    expect(refused.body).toContain('Objective in French: this is required.');
  });

  it('groups collective actions of several organisations into a regional project', async () => {
    const page = await analyst.get('/en/competence/portfolio');
    expect(page.statusCode).toBe(200);
    const grouped = await analyst.request('POST', '/en/competence/portfolio/projects', {
      form: { _csrf: csrfTokenOf(page.body), criterionKey: 'user_knowledge.satisfaction', title: 'Regional satisfaction survey' },
    });
    expect(grouped.statusCode).toBe(303);
    const portfolio = (await analyst.get('/api/v1/competence/portfolio')).json();
    const project = portfolio.projects.find((p: { title: { en?: string } }) => p.title.en === 'Regional satisfaction survey');
    expect(project.actionCount).toBeGreaterThanOrEqual(2);
    expect(project.organisationCount).toBeGreaterThanOrEqual(2);
    expect(
      portfolio.actions.filter((a: { projectId: string | null }) => a.projectId === project.id).every((a: { scope: string }) => a.scope === 'collective'),
    ).toBe(true);
  });
});

describe('API description', () => {
  it('documents the competence endpoints in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    const paths = Object.keys(doc.paths).filter((path) => path.startsWith('/api/v1/competence/'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/competence/campaigns',
        '/api/v1/competence/campaigns/{code}/assessments/{organisation}',
        '/api/v1/competence/campaigns/{code}/assessments/{organisation}/submit',
        '/api/v1/competence/campaigns/{code}/assessments/{organisation}/reopen',
        '/api/v1/competence/campaigns/{code}/results/{organisation}',
        '/api/v1/competence/campaigns/{code}/region',
        '/api/v1/competence/practices',
        '/api/v1/competence/portfolio',
        '/api/v1/competence/expertise-requests',
        '/api/v1/competence/strategy',
      ]),
    );
    const body = doc.paths['/api/v1/competence/campaigns/{code}/assessments/{organisation}'].put.requestBody.content['application/json'].schema;
    expect(body.properties.answers.items.properties.score.type).toEqual(['integer', 'null']);
  });
});

describe('pages in three languages', () => {
  it.each(['fr', 'nl', 'en'])('renders the competence pages in %s with one h1', async (lang) => {
    const urls = [
      `/${lang}/competence`,
      `/${lang}/competence/campaigns/demo-2026`,
      `/${lang}/competence/campaigns/demo-2026/assessments/commune-ixelles`,
      `/${lang}/competence/campaigns/demo-2026/results/commune-ixelles`,
      `/${lang}/competence/campaigns/demo-2026/region`,
      `/${lang}/competence/practices`,
      `/${lang}/competence/action-plans/commune-ixelles`,
      `/${lang}/competence/portfolio`,
      `/${lang}/competence/expertise`,
      `/${lang}/competence/strategy`,
    ];
    for (const url of urls) {
      const response = await analyst.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body.match(/<h1[ >]/g), url).toHaveLength(1);
      expect(response.body, url).toContain(`<html lang="${lang}"`);
      expect(response.body, url).not.toMatch(/>competence\.[a-zA-Z]/); // no untranslated key shown
    }
    const results = await analyst.get(`/${lang}/competence/campaigns/demo-2026/results/commune-ixelles`);
    expect(results.body).toContain('role="img"');
    expect(results.body).toContain('<caption');
  });

  it('lets the manager fill in the questionnaire without JavaScript', async () => {
    const page = await manager.get('/nl/competence/campaigns/demo-2026/assessments/commune-schaerbeek');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ontwerp opslaan');
    expect(page.body).toContain('De vragenlijst indienen');
    expect(page.body).toContain('for="field-answers-culture-charter-score"');
  });
});
