// The shape of a custom survey and the rules that need no database: when a survey can be answered, which
// texts are missing per language (completeness), and the validation of a response against the questions.
// Shared by the API and the HTML form, so both refuse the same input with the same field errors.
import type { FieldError } from '../platform/http/errors.ts';
import { LANGUAGES, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import { cleanComment } from '../satisfaction/scrub.ts';

export const QUESTION_KINDS = ['rating', 'nps', 'single', 'multiple', 'text', 'matrix'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
/** The languages a survey must be complete in before it can open (Brussels: French and Dutch). */
export const REQUIRED_LANGUAGES: readonly Language[] = ['fr', 'nl'];
export const TEXT_MAX_LENGTH = 2000;
export const MAX_QUESTIONS = 60;
export const MAX_ITEMS = 20;
/** Channels of a contact, as the satisfaction module knows them. */
export const CHANNELS = ['phone', 'email', 'web', 'counter', 'post', 'chat', 'video', 'other'] as const;

export interface Item {
  value: string;
  label: LocalizedText;
}

export interface ScaleLabels {
  min?: LocalizedText | undefined;
  max?: LocalizedText | undefined;
}

export interface QuestionFields {
  kind: QuestionKind;
  required: boolean;
  text: LocalizedText;
  help: LocalizedText;
  options: Item[];
  rows: Item[];
  scaleMin: number | null;
  scaleMax: number | null;
  scaleLabels: ScaleLabels;
}

export interface SurveyQuestion extends QuestionFields {
  id: string;
  position: number;
  bankCode: string | null;
}

export interface SurveyRecord {
  id: string;
  slug: string;
  organisationId: string | null;
  organisationCode: string | null;
  organisationName: LocalizedText | null;
  title: LocalizedText;
  intro: LocalizedText;
  status: SurveyStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  linkEnabled: boolean;
  samplingRate: number;
  channels: string[];
  templateCode: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  responses: number;
}

/** Whether a survey can be answered now: a draft, or open but before its opening date, is not yet open. */
export function availability(survey: Pick<SurveyRecord, 'status' | 'opensAt' | 'closesAt'>, now = new Date()): 'draft' | 'scheduled' | 'open' | 'closed' {
  if (survey.status === 'draft') return 'draft';
  if (survey.status === 'closed') return 'closed';
  if (survey.closesAt && survey.closesAt.getTime() <= now.getTime()) return 'closed';
  if (survey.opensAt && survey.opensAt.getTime() > now.getTime()) return 'scheduled';
  return 'open';
}

/** The scale of a rating or NPS question. */
export function scaleOf(question: Pick<QuestionFields, 'kind' | 'scaleMin' | 'scaleMax'>): { min: number; max: number } | null {
  if (question.kind === 'nps') return { min: 0, max: 10 };
  if (question.kind === 'rating') return { min: question.scaleMin ?? 1, max: question.scaleMax ?? 5 };
  return null;
}

// ---- completeness

export interface Completeness {
  language: Language;
  total: number;
  filled: number;
  /** Where a text is missing: "title", "q3.text", "q3.options.2", "q3.rows.1", "q3.scale.min"… */
  missing: string[];
  complete: boolean;
}

const has = (text: LocalizedText | undefined, lang: Language) => !!text?.[lang]?.trim();
const anyLanguage = (text: LocalizedText | undefined) => LANGUAGES.some((lang) => has(text, lang));

/**
 * Per language, which texts are filled. The title and every question's text are always expected; other
 * texts (intro, help, scale-end labels) are expected in every language once they exist in one.
 */
export function completeness(survey: { title: LocalizedText; intro: LocalizedText }, questions: QuestionFields[]): Completeness[] {
  const expected: Array<{ path: string; text: LocalizedText | undefined }> = [{ path: 'title', text: survey.title }];
  if (anyLanguage(survey.intro)) expected.push({ path: 'intro', text: survey.intro });
  questions.forEach((question, index) => {
    const prefix = `q${index + 1}`;
    expected.push({ path: `${prefix}.text`, text: question.text });
    if (anyLanguage(question.help)) expected.push({ path: `${prefix}.help`, text: question.help });
    if (question.kind === 'single' || question.kind === 'multiple' || question.kind === 'matrix') {
      question.options.forEach((option, i) => expected.push({ path: `${prefix}.options.${i + 1}`, text: option.label }));
    }
    if (question.kind === 'matrix') question.rows.forEach((row, i) => expected.push({ path: `${prefix}.rows.${i + 1}`, text: row.label }));
    if (question.kind === 'rating' || question.kind === 'nps') {
      if (anyLanguage(question.scaleLabels.min)) expected.push({ path: `${prefix}.scale.min`, text: question.scaleLabels.min });
      if (anyLanguage(question.scaleLabels.max)) expected.push({ path: `${prefix}.scale.max`, text: question.scaleLabels.max });
    }
  });
  return LANGUAGES.map((language) => {
    const missing = expected.filter((entry) => !has(entry.text, language)).map((entry) => entry.path);
    return { language, total: expected.length, filled: expected.length - missing.length, missing, complete: missing.length === 0 };
  });
}

/** Why a survey cannot open yet (empty when it can). */
export function openingProblems(survey: { title: LocalizedText; intro: LocalizedText }, questions: QuestionFields[]): FieldError[] {
  const problems: FieldError[] = [];
  if (questions.length === 0) problems.push({ field: 'questions', code: 'surveys.open.noQuestions' });
  for (const entry of completeness(survey, questions)) {
    if (REQUIRED_LANGUAGES.includes(entry.language) && !entry.complete) {
      problems.push({
        field: `texts.${entry.language}`,
        code: 'surveys.open.incomplete',
        values: { language: entry.language.toUpperCase(), count: entry.missing.length },
      });
    }
  }
  return problems;
}

// ---- structure checks of a question (when it is saved)

export function questionProblems(question: QuestionFields): FieldError[] {
  const problems: FieldError[] = [];
  if (!anyLanguage(question.text)) problems.push({ field: 'text.fr', code: 'surveys.question.textRequired' });
  if (question.kind === 'single' || question.kind === 'multiple' || question.kind === 'matrix') {
    if (question.options.length < 2) problems.push({ field: 'options.fr', code: 'surveys.question.optionsMin', values: { limit: 2 } });
  }
  if (question.options.length > MAX_ITEMS) problems.push({ field: 'options.fr', code: 'validation.maxItems', values: { limit: MAX_ITEMS } });
  if (question.kind === 'matrix' && question.rows.length < 1) problems.push({ field: 'rows.fr', code: 'surveys.question.rowsMin', values: { limit: 1 } });
  if (question.rows.length > MAX_ITEMS) problems.push({ field: 'rows.fr', code: 'validation.maxItems', values: { limit: MAX_ITEMS } });
  if (question.kind === 'rating') {
    const min = question.scaleMin ?? 1;
    const max = question.scaleMax ?? 5;
    if (!(min >= 0 && max <= 10 && min < max)) problems.push({ field: 'scaleMax', code: 'surveys.question.scale' });
  }
  const values = [...question.options, ...question.rows].map((item) => item.value);
  if (
    new Set(question.options.map((o) => o.value)).size !== question.options.length ||
    new Set(question.rows.map((r) => r.value)).size !== question.rows.length
  ) {
    problems.push({ field: 'options.fr', code: 'surveys.question.duplicateValues' });
  }
  if (values.some((value) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) || value.length > 40)) problems.push({ field: 'options.fr', code: 'validation.pattern' });
  return problems;
}

// ---- responses

/** One stored item of a response (see survey_answers). */
export interface AnswerItem {
  questionId: string;
  rowKey: string;
  choice: string | null;
  number: number | null;
  text: string | null;
}

export interface RawAnswerSource {
  /** The raw value of a question (matrix: of one row). Strings, numbers or arrays of strings. */
  get(question: SurveyQuestion, rowKey?: string): unknown;
  /** The field name errors are reported on. */
  field(question: SurveyQuestion, rowKey?: string): string;
}

const blank = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function asInteger(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^-?\d{1,3}$/.test(value.trim())) return Number(value.trim());
  return null;
}

/**
 * Checks a response against the questions: required answers, scales, known options, text length. Returns the
 * items to store (free text trimmed and scrubbed) or the field errors — never both.
 */
export function validateResponse(questions: SurveyQuestion[], source: RawAnswerSource): { items: AnswerItem[]; errors: FieldError[] } {
  const items: AnswerItem[] = [];
  const errors: FieldError[] = [];
  const item = (questionId: string, rest: Partial<AnswerItem>): AnswerItem => ({ questionId, rowKey: '', choice: null, number: null, text: null, ...rest });
  for (const question of questions) {
    if (question.kind === 'matrix') {
      for (const row of question.rows) {
        const raw = source.get(question, row.value);
        const field = source.field(question, row.value);
        if (blank(raw)) {
          if (question.required) errors.push({ field, code: 'validation.required' });
          continue;
        }
        const choice: unknown = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
        if (typeof choice !== 'string' && typeof choice !== 'number') {
          errors.push({ field, code: 'surveys.answer.invalidChoice' });
          continue;
        }
        if (!question.options.some((option) => option.value === String(choice))) errors.push({ field, code: 'surveys.answer.invalidChoice' });
        else items.push(item(question.id, { rowKey: row.value, choice: String(choice) }));
      }
      continue;
    }
    const raw = source.get(question);
    const field = source.field(question);
    if (blank(raw) || (question.kind === 'text' && typeof raw === 'string' && raw.trim() === '')) {
      if (question.required) errors.push({ field, code: 'validation.required' });
      continue;
    }
    switch (question.kind) {
      case 'rating':
      case 'nps': {
        const scale = scaleOf(question)!;
        const value = asInteger(Array.isArray(raw) ? raw[0] : raw);
        if (value === null || value < scale.min || value > scale.max)
          errors.push({ field, code: 'surveys.answer.outOfRange', values: { min: scale.min, max: scale.max } });
        else items.push(item(question.id, { number: value }));
        break;
      }
      case 'single': {
        const value: unknown = Array.isArray(raw) ? (raw.length === 1 ? (raw as unknown[])[0] : undefined) : raw;
        if ((typeof value !== 'string' && typeof value !== 'number') || !question.options.some((option) => option.value === String(value))) {
          errors.push({ field, code: 'surveys.answer.invalidChoice' });
        } else items.push(item(question.id, { choice: String(value) }));
        break;
      }
      case 'multiple': {
        const values = (Array.isArray(raw) ? raw : [raw]).map(String);
        const unique = [...new Set(values)];
        if (unique.some((value) => !question.options.some((option) => option.value === value))) errors.push({ field, code: 'surveys.answer.invalidChoice' });
        else for (const value of unique) items.push(item(question.id, { choice: value }));
        break;
      }
      case 'text': {
        // (the API's schema may have coerced a text such as "12" to a number)
        if (typeof raw !== 'string' && typeof raw !== 'number') {
          errors.push({ field, code: 'validation.type' });
          break;
        }
        const text = cleanComment(String(raw));
        if (text !== null && text.length > TEXT_MAX_LENGTH) errors.push({ field, code: 'validation.maxLength', values: { limit: TEXT_MAX_LENGTH } });
        else if (text !== null) items.push(item(question.id, { text }));
        break;
      }
    }
  }
  return errors.length ? { items: [], errors } : { items, errors };
}

/** A slug for a new survey: its title in ASCII, then a random suffix so that two surveys never collide. */
export function slugFor(title: LocalizedText, random: string): string {
  const base = (title.fr || title.nl || title.en || 'survey')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `${base || 'survey'}-${random}`.replace(/^-/, '');
}
