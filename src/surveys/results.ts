// Results of a survey per question, from counts the database groups: counts and percentages per answer,
// means of scales, the top-two share of ratings, the NPS, matrices as rows × columns. Outside the owning
// organisation a question (or matrix row) answered fewer than 10 times keeps its count but loses every
// figure (the same rule as the satisfaction indicators). Regional surveys: responses per organisation of the contact.
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { scaleOf, type SurveyQuestion } from './model.ts';

export const MIN_CELL = 10;

/** A group of identical answers, as the repository counts them. */
export interface AnswerCount {
  questionId: string;
  rowKey: string;
  choice: string | null;
  number: number | null;
  count: number;
}

/** How many responses answered a question (matrix: a row). */
export interface RespondentCount {
  questionId: string;
  rowKey: string;
  count: number;
}

export interface Cell {
  value: string;
  label: LocalizedText;
  count: number | null;
  /** Of the respondents to the question (or matrix row); multiple choice can add up to more than 100. */
  percent: number | null;
}

export interface RowResult {
  value: string;
  label: LocalizedText;
  respondents: number;
  suppressed: boolean;
  cells: Cell[];
  mean: number | null;
}

export interface QuestionResult {
  questionId: string;
  position: number;
  kind: SurveyQuestion['kind'];
  text: LocalizedText;
  respondents: number;
  suppressed: boolean;
  cells: Cell[];
  mean: number | null;
  /** Rating: % of the two best levels. */
  topTwo: number | null;
  /** NPS: % promoters (9–10) − % detractors (0–6), with the three shares. */
  nps: { score: number; promoters: number; passives: number; detractors: number } | null;
  /** Matrix: one line per row. */
  rows: RowResult[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const percent = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : null);

function numericMean(entries: Array<{ value: number; count: number }>): number | null {
  const total = entries.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return null;
  return Math.round((entries.reduce((sum, entry) => sum + entry.value * entry.count, 0) / total) * 100) / 100;
}

/** Whether every option value is a number (a matrix whose columns are a scale has a mean per row). */
const numericOptions = (question: SurveyQuestion) => question.options.length > 0 && question.options.every((option) => /^-?\d+$/.test(option.value));

export function computeResults(
  questions: SurveyQuestion[],
  counts: AnswerCount[],
  respondents: RespondentCount[],
  options: { suppress: boolean },
): QuestionResult[] {
  const countsOf = (questionId: string, rowKey = '') => counts.filter((c) => c.questionId === questionId && c.rowKey === rowKey);
  const respondentsOf = (questionId: string, rowKey = '') => respondents.find((r) => r.questionId === questionId && r.rowKey === rowKey)?.count ?? 0;
  const hidden = (base: number) => options.suppress && base < MIN_CELL;

  return questions.map((question) => {
    const base: QuestionResult = {
      questionId: question.id,
      position: question.position,
      kind: question.kind,
      text: question.text,
      respondents: 0,
      suppressed: false,
      cells: [],
      mean: null,
      topTwo: null,
      nps: null,
      rows: [],
    };
    if (question.kind === 'matrix') {
      const rowResults = question.rows.map((row): RowResult => {
        const total = respondentsOf(question.id, row.value);
        const suppressed = hidden(total);
        const groups = countsOf(question.id, row.value);
        const cells = question.options.map((option) => {
          const count = groups.find((g) => g.choice === option.value)?.count ?? 0;
          return { value: option.value, label: option.label, count: suppressed ? null : count, percent: suppressed ? null : percent(count, total) };
        });
        const mean =
          !suppressed && numericOptions(question)
            ? numericMean(question.options.map((option) => ({ value: Number(option.value), count: groups.find((g) => g.choice === option.value)?.count ?? 0 })))
            : null;
        return { value: row.value, label: row.label, respondents: total, suppressed, cells, mean };
      });
      const answered = Math.max(0, ...rowResults.map((row) => row.respondents));
      return { ...base, respondents: answered, suppressed: rowResults.some((row) => row.suppressed), rows: rowResults };
    }

    const total = respondentsOf(question.id);
    const suppressed = hidden(total);
    const result = { ...base, respondents: total, suppressed };
    if (suppressed || question.kind === 'text') return result;
    const groups = countsOf(question.id);
    const scale = scaleOf(question);
    if (scale) {
      const entries = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => {
        const value = scale.min + i;
        return { value, count: groups.find((g) => g.number === value)?.count ?? 0 };
      });
      result.cells = entries.map((entry) => ({ value: String(entry.value), label: {}, count: entry.count, percent: percent(entry.count, total) }));
      result.mean = numericMean(entries);
      if (question.kind === 'rating') {
        const topTwo = entries.filter((entry) => entry.value >= scale.max - 1).reduce((sum, entry) => sum + entry.count, 0);
        result.topTwo = percent(topTwo, total);
      } else if (total > 0) {
        const promoters = entries.filter((e) => e.value >= 9).reduce((sum, e) => sum + e.count, 0);
        const detractors = entries.filter((e) => e.value <= 6).reduce((sum, e) => sum + e.count, 0);
        const p = (promoters / total) * 100;
        const d = (detractors / total) * 100;
        result.nps = { score: Math.round(p - d), promoters: round1(p), passives: round1(100 - p - d), detractors: round1(d) };
      }
      return result;
    }
    result.cells = question.options.map((option) => {
      const count = groups.find((g) => g.choice === option.value)?.count ?? 0;
      return { value: option.value, label: option.label, count, percent: percent(count, total) };
    });
    return result;
  });
}

/** Responses after a contact of one organisation (regional surveys), as the repository counts them. */
export interface OrganisationCount {
  organisationId: string;
  code: string;
  name: LocalizedText;
  responses: number;
}

export interface OrganisationRow extends Omit<OrganisationCount, 'responses'> {
  /** null when hidden. */
  responses: number | null;
  suppressed: boolean;
}

/**
 * Responses per organisation. Outside the owner an organisation with fewer than 10 responses is hidden; when it
 * is the only one hidden, the next smallest is hidden too, or the total of invitation responses minus the
 * others would give it away.
 */
export function organisationBreakdown(rows: OrganisationCount[], options: { suppress: boolean }): OrganisationRow[] {
  const hidden = new Set(options.suppress ? rows.filter((row) => row.responses < MIN_CELL).map((row) => row.organisationId) : []);
  if (hidden.size === 1 && rows.length > 1) {
    const next = rows.filter((row) => !hidden.has(row.organisationId)).sort((a, b) => a.responses - b.responses)[0]!;
    hidden.add(next.organisationId);
  }
  return rows.map((row) => {
    const suppressed = hidden.has(row.organisationId);
    return { ...row, responses: suppressed ? null : row.responses, suppressed };
  });
}
