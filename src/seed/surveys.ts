// Demo data for custom surveys: one open survey of Schaerbeek ("reception quality" template) and one regional
// survey of the competence center ("standard CSAT" template), each with a few months of invented, anonymous
// responses, so that the survey pages, results and exports show something on a fresh start. Both are
// distributed by public link only (no sampling): the demo's closed requests and counter visits draw no
// invitation for them. Idempotent: nothing is added when a demo survey already exists.
import type { Database, Queryable } from '../platform/db/database.ts';

interface DemoSurvey {
  slug: string;
  /** Owning organisation code; null = regional (competence center). */
  organisation: string | null;
  createdBy: string;
  template: string;
  title: Record<'fr' | 'nl' | 'en', string>;
  /** Responses per organisation code (null = through the public link), over the last `days` days. */
  responses: Array<[string | null, number]>;
  days: number;
}

export const DEMO_SURVEYS: DemoSurvey[] = [
  {
    slug: 'demo-accueil-schaerbeek',
    organisation: 'commune-schaerbeek',
    createdBy: 'manager@demo.irisdesk.brussels',
    template: 'reception-quality',
    title: { fr: 'Votre visite à la maison communale', nl: 'Uw bezoek aan het gemeentehuis', en: 'Your visit to the town hall' },
    responses: [
      ['commune-schaerbeek', 54],
      [null, 32],
    ],
    days: 75,
  },
  {
    slug: 'demo-barometre-regional',
    organisation: null,
    createdBy: 'analyst@demo.irisdesk.brussels',
    template: 'standard-csat',
    title: { fr: 'Baromètre régional de l’accueil', nl: 'Gewestelijke barometer van het onthaal', en: 'Regional reception barometer' },
    responses: [
      ['commune-schaerbeek', 41],
      ['commune-ixelles', 28],
      ['easy-brussels', 17],
      ['bruxelles-fiscalite', 6],
      [null, 12],
    ],
    days: 60,
  },
];

const COMMENTS: Record<'fr' | 'nl' | 'en', string[]> = {
  fr: ['Accueil très aimable, merci.', 'L’attente était longue le lundi matin.', 'Des explications claires.', 'Il manque un formulaire en ligne.'],
  nl: ['Zeer vriendelijk onthaal.', 'Lange wachttijd op maandagochtend.', 'Duidelijke uitleg, bedankt.'],
  en: ['Friendly staff.', 'The website could explain the documents to bring.'],
};

const CHANNELS = ['counter', 'counter', 'phone', 'email', 'web'];

/** A small deterministic generator, so that every fresh demo shows the same figures. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface QuestionRow {
  id: string;
  kind: 'rating' | 'nps' | 'single' | 'multiple' | 'text' | 'matrix';
  options: Array<{ value: string }>;
  rows: Array<{ value: string }>;
  scaleMin: number | null;
  scaleMax: number | null;
}

interface AnswerRow {
  questionId: string;
  rowKey: string;
  choice: string | null;
  number: number | null;
  text: string | null;
}

/** Answers leaning to the positive side, as most reception surveys do; a few questions are skipped. */
function answersFor(questions: QuestionRow[], language: 'fr' | 'nl' | 'en', next: () => number): AnswerRow[] {
  const lean = (low: number, high: number) => Math.round(low + (high - low) * Math.sqrt(next()));
  const pick = <T>(list: T[]) => list[Math.min(list.length - 1, Math.floor(Math.sqrt(next()) * list.length))]!;
  const answers: AnswerRow[] = [];
  const row = (questionId: string, fields: Partial<AnswerRow>) => answers.push({ questionId, rowKey: '', choice: null, number: null, text: null, ...fields });
  for (const question of questions) {
    if (question.kind === 'rating') row(question.id, { number: lean(question.scaleMin ?? 1, question.scaleMax ?? 5) });
    else if (question.kind === 'nps') row(question.id, { number: lean(0, 10) });
    // Options are listed best first for these questions (yes / partly / no; under 5 minutes first).
    else if (question.kind === 'single') row(question.id, { choice: question.options[Math.floor(next() ** 2 * question.options.length)]!.value });
    else if (question.kind === 'multiple') {
      for (const option of question.options) if (next() < 0.35) row(question.id, { choice: option.value });
    } else if (question.kind === 'matrix') for (const item of question.rows) row(question.id, { rowKey: item.value, choice: pick(question.options).value });
    else if (question.kind === 'text' && next() < 0.3) row(question.id, { text: COMMENTS[language][Math.floor(next() * COMMENTS[language].length)]! });
  }
  return answers;
}

async function seedSurvey(tx: Queryable, survey: DemoSurvey, seed: number): Promise<number> {
  const { rows: created } = await tx.query<{ id: string }>(
    `INSERT INTO surveys (slug, organisation_id, title, intro, status, opens_at, link_enabled, sampling_rate, template_code, created_by, created_at)
     SELECT $1, (SELECT id FROM organisations WHERE code = $2), $3::jsonb, t.description, 'open', now() - make_interval(days => $5::int + 1),
            true, 0, t.code, (SELECT id FROM accounts WHERE lower(email) = $4), now() - make_interval(days => $5::int + 2)
       FROM survey_templates t WHERE t.code = $6
     RETURNING id`,
    [survey.slug, survey.organisation, JSON.stringify(survey.title), survey.createdBy, survey.days, survey.template],
  );
  const surveyId = created[0]!.id;
  // The template's questions, copied from the bank as the survey editor does.
  const { rows: questions } = await tx.query<QuestionRow>(
    `INSERT INTO survey_questions (survey_id, position, kind, required, text, help, options, rows, scale_min, scale_max, scale_labels, bank_code)
     SELECT $1, q.n, b.kind, b.required, b.text, b.help, b.options, b.rows, b.scale_min, b.scale_max, b.scale_labels, b.code
       FROM survey_templates t, unnest(t.question_codes) WITH ORDINALITY AS q(code, n)
       JOIN survey_bank_questions b ON b.code = q.code
      WHERE t.code = $2
     RETURNING id, kind, options, rows, scale_min AS "scaleMin", scale_max AS "scaleMax"`,
    [surveyId, survey.template],
  );
  const next = random(seed);
  const responses: Array<{ organisation: string | null; channel: string | null; language: string; at: string; answers: AnswerRow[] }> = [];
  for (const [organisation, count] of survey.responses) {
    for (let i = 0; i < count; i++) {
      const language = next() < 0.55 ? 'fr' : next() < 0.8 ? 'nl' : 'en';
      responses.push({
        organisation,
        channel: organisation ? CHANNELS[Math.floor(next() * CHANNELS.length)]! : null,
        language,
        at: new Date(Date.now() - next() * survey.days * 86_400_000).toISOString(),
        answers: answersFor(questions, language, next),
      });
    }
  }
  await tx.query(
    `WITH input AS (
       SELECT r.organisation, r.channel, r.language, r.at, r.answers, gen_random_uuid() AS id
         FROM jsonb_to_recordset($2::jsonb) AS r(organisation text, channel text, language text, at timestamptz, answers jsonb)),
     responses AS (
       INSERT INTO survey_responses (id, survey_id, via, organisation_id, channel, language, submitted_at)
       SELECT i.id, $1, CASE WHEN i.organisation IS NULL THEN 'link' ELSE 'invitation' END,
              (SELECT id FROM organisations WHERE code = i.organisation), i.channel, i.language, i.at
         FROM input i)
     INSERT INTO survey_answers (response_id, question_id, row_key, choice, number, text)
     SELECT i.id, a."questionId", a."rowKey", a.choice, a.number, a.text
       FROM input i, jsonb_to_recordset(i.answers) AS a("questionId" uuid, "rowKey" text, choice text, number smallint, text text)`,
    [surveyId, JSON.stringify(responses)],
  );
  return responses.length;
}

export async function seedSurveysDemo(db: Database): Promise<{ surveyResponsesCreated: number }> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM surveys WHERE slug = ANY($1::text[])`, [DEMO_SURVEYS.map((s) => s.slug)]);
  if (rows[0]!.n > 0) return { surveyResponsesCreated: 0 };
  return db.transaction(async (tx) => {
    let created = 0;
    for (const [index, survey] of DEMO_SURVEYS.entries()) created += await seedSurvey(tx, survey, 20261128 + index);
    return { surveyResponsesCreated: created };
  });
}
