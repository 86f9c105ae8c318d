// Results per question (counts, percentages, means, top two, NPS, matrices, suppression), completeness per
// language, and validation of a response.
import { describe, expect, it } from 'vitest';
import { computeResults, type AnswerCount, type RespondentCount } from './results.ts';
import { availability, completeness, openingProblems, slugFor, validateResponse, type SurveyQuestion } from './model.ts';
import { formAnswers } from './forms.ts';

const L = (fr: string, nl = `${fr} (nl)`, en = `${fr} (en)`) => ({ fr, nl, en });
const base = { required: true, help: {}, options: [], rows: [], scaleMin: null, scaleMax: null, scaleLabels: {}, bankCode: null };
const rating: SurveyQuestion = { ...base, id: 'q1', position: 1, kind: 'rating', text: L('Note'), scaleMin: 1, scaleMax: 5 };
const nps: SurveyQuestion = { ...base, id: 'q2', position: 2, kind: 'nps', text: L('NPS'), required: false };
const multiple: SurveyQuestion = {
  ...base,
  id: 'q3',
  position: 3,
  kind: 'multiple',
  text: L('Canaux'),
  options: [
    { value: 'phone', label: L('Tél') },
    { value: 'web', label: L('Web') },
  ],
};
const matrix: SurveyQuestion = {
  ...base,
  id: 'q4',
  position: 4,
  kind: 'matrix',
  text: L('Accueil'),
  options: ['1', '2', '3'].map((value) => ({ value, label: L(value) })),
  rows: [
    { value: 'courtesy', label: L('Courtoisie') },
    { value: 'clarity', label: L('Clarté') },
  ],
};
const text: SurveyQuestion = { ...base, id: 'q5', position: 5, kind: 'text', text: L('Commentaire'), required: false };

describe('computeResults', () => {
  const counts: AnswerCount[] = [
    { questionId: 'q1', rowKey: '', choice: null, number: 5, count: 6 },
    { questionId: 'q1', rowKey: '', choice: null, number: 4, count: 2 },
    { questionId: 'q1', rowKey: '', choice: null, number: 1, count: 2 },
    { questionId: 'q2', rowKey: '', choice: null, number: 10, count: 5 },
    { questionId: 'q2', rowKey: '', choice: null, number: 8, count: 3 },
    { questionId: 'q2', rowKey: '', choice: null, number: 3, count: 2 },
    { questionId: 'q3', rowKey: '', choice: 'phone', number: null, count: 8 },
    { questionId: 'q3', rowKey: '', choice: 'web', number: null, count: 4 },
    { questionId: 'q4', rowKey: 'courtesy', choice: '3', number: null, count: 9 },
    { questionId: 'q4', rowKey: 'courtesy', choice: '1', number: null, count: 1 },
    { questionId: 'q4', rowKey: 'clarity', choice: '2', number: null, count: 4 },
  ];
  const respondents: RespondentCount[] = [
    { questionId: 'q1', rowKey: '', count: 10 },
    { questionId: 'q2', rowKey: '', count: 10 },
    { questionId: 'q3', rowKey: '', count: 10 },
    { questionId: 'q4', rowKey: 'courtesy', count: 10 },
    { questionId: 'q4', rowKey: 'clarity', count: 4 },
    { questionId: 'q5', rowKey: '', count: 3 },
  ];

  it('gives counts, percentages, the mean and the top-two share of a rating', () => {
    const [result] = computeResults([rating], counts, respondents, { suppress: false });
    expect(result!.respondents).toBe(10);
    expect(result!.cells.map((c) => [c.value, c.count, c.percent])).toEqual([
      ['1', 2, 20],
      ['2', 0, 0],
      ['3', 0, 0],
      ['4', 2, 20],
      ['5', 6, 60],
    ]);
    expect(result!.mean).toBe(4);
    expect(result!.topTwo).toBe(80);
  });

  it('computes the NPS as % promoters minus % detractors', () => {
    const [result] = computeResults([nps], counts, respondents, { suppress: false });
    expect(result!.nps).toEqual({ score: 30, promoters: 50, passives: 30, detractors: 20 });
    expect(result!.cells).toHaveLength(11);
    expect(result!.mean).toBe(8);
  });

  it('gives multiple-choice percentages of the respondents (they may add up to more than 100)', () => {
    const [result] = computeResults([multiple], counts, respondents, { suppress: false });
    expect(result!.cells.map((c) => c.percent)).toEqual([80, 40]);
  });

  it('gives a matrix as rows × columns with a mean per row, suppressing small rows outside the owner', () => {
    const [inside] = computeResults([matrix], counts, respondents, { suppress: false });
    expect(inside!.rows[0]!.cells.map((c) => c.count)).toEqual([1, 0, 9]);
    expect(inside!.rows[0]!.mean).toBe(2.8);
    expect(inside!.rows[1]!.cells.map((c) => c.percent)).toEqual([0, 100, 0]);
    const [outside] = computeResults([matrix], counts, respondents, { suppress: true });
    expect(outside!.rows[0]!.suppressed).toBe(false);
    expect(outside!.rows[1]).toMatchObject({ respondents: 4, suppressed: true, mean: null });
    expect(outside!.rows[1]!.cells.every((c) => c.count === null && c.percent === null)).toBe(true);
    expect(outside!.suppressed).toBe(true);
  });

  it('keeps the count but hides every figure of a question under 10 answers outside the owner', () => {
    const few: RespondentCount[] = [{ questionId: 'q1', rowKey: '', count: 9 }];
    const [result] = computeResults([rating], counts, few, { suppress: true });
    expect(result).toMatchObject({ respondents: 9, suppressed: true, mean: null, topTwo: null, cells: [] });
    const [inside] = computeResults([rating], counts, few, { suppress: false });
    expect(inside!.suppressed).toBe(false);
    const [texts] = computeResults([text], counts, respondents, { suppress: false });
    expect(texts).toMatchObject({ respondents: 3, cells: [] });
  });
});

describe('completeness and opening', () => {
  it('counts the texts filled per language and requires French and Dutch to open', () => {
    const survey = { title: { fr: 'Enquête', nl: 'Enquête' }, intro: {} };
    const questions = [
      {
        ...multiple,
        options: [
          { value: 'phone', label: { fr: 'Tél', nl: 'Tel' } },
          { value: 'web', label: { fr: 'Web' } },
        ],
      },
    ];
    const result = completeness(survey, questions);
    expect(result.find((c) => c.language === 'nl')).toMatchObject({ total: 4, filled: 3, missing: ['q1.options.2'], complete: false });
    expect(result.find((c) => c.language === 'en')!.filled).toBe(1);
    expect(openingProblems(survey, questions).map((p) => p.field)).toEqual(['texts.nl']);
    expect(openingProblems(survey, []).map((p) => p.field)).toEqual(['questions']);
    expect(openingProblems({ title: L('T'), intro: {} }, [rating])).toEqual([]);
  });

  it('knows when a survey can be answered', () => {
    const now = new Date('2026-05-10T10:00:00Z');
    expect(availability({ status: 'draft', opensAt: null, closesAt: null }, now)).toBe('draft');
    expect(availability({ status: 'open', opensAt: new Date('2026-05-11T00:00:00Z'), closesAt: null }, now)).toBe('scheduled');
    expect(availability({ status: 'open', opensAt: null, closesAt: new Date('2026-05-10T09:00:00Z') }, now)).toBe('closed');
    expect(availability({ status: 'open', opensAt: null, closesAt: null }, now)).toBe('open');
  });

  it('makes slugs from the title', () => {
    expect(slugFor({ fr: 'Qualité de l’accueil 2026 !' }, 'ab12cd')).toBe('qualite-de-l-accueil-2026-ab12cd');
    expect(slugFor({}, 'ab12cd')).toBe('survey-ab12cd');
  });
});

describe('validateResponse', () => {
  const questions = [rating, nps, multiple, matrix, text];

  it('accepts a complete response and scrubs free text', () => {
    const { items, errors } = validateResponse(
      questions,
      formAnswers({ 'q-q1': '4', 'q-q3': ['phone', 'web', 'phone'], 'q-q4.courtesy': '3', 'q-q4.clarity': '2', 'q-q5': ' Appelez le 0470 12 34 56 ' }),
    );
    expect(errors).toEqual([]);
    expect(items).toEqual([
      { questionId: 'q1', rowKey: '', choice: null, number: 4, text: null },
      { questionId: 'q3', rowKey: '', choice: 'phone', number: null, text: null },
      { questionId: 'q3', rowKey: '', choice: 'web', number: null, text: null },
      { questionId: 'q4', rowKey: 'courtesy', choice: '3', number: null, text: null },
      { questionId: 'q4', rowKey: 'clarity', choice: '2', number: null, text: null },
      { questionId: 'q5', rowKey: '', choice: null, number: null, text: 'Appelez le [phone]' },
    ]);
  });

  it('reports missing, out-of-range and unknown answers per field, storing nothing', () => {
    const { items, errors } = validateResponse(
      questions,
      formAnswers({ 'q-q1': '6', 'q-q2': '11', 'q-q3': ['fax'], 'q-q4.courtesy': '3', 'q-q5': 'x'.repeat(2001) }),
    );
    expect(items).toEqual([]);
    expect(errors).toEqual([
      { field: 'q-q1', code: 'surveys.answer.outOfRange', values: { min: 1, max: 5 } },
      { field: 'q-q2', code: 'surveys.answer.outOfRange', values: { min: 0, max: 10 } },
      { field: 'q-q3', code: 'surveys.answer.invalidChoice' },
      { field: 'q-q4.clarity', code: 'validation.required' },
      { field: 'q-q5', code: 'validation.maxLength', values: { limit: 2000 } },
    ]);
  });
});
