// HTML forms of the survey builder and of the respondent page, turned into the service's inputs. Forms post
// flat strings ("text.fr", "options.nl" one option per line, "q-<id>" / "q-<id>.<row>" for answers).
import { addDays, brusselsDate, startOfBrusselsDay } from '../platform/calendar/brussels-time.ts';
import { AppError } from '../platform/http/errors.ts';
import { LANGUAGES, type LocalizedText } from '../platform/i18n/languages.ts';
import type { Item, QuestionFields, QuestionKind, RawAnswerSource, SurveyQuestion } from './model.ts';

export type FormValues = Record<string, string | string[] | undefined>;

export const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

export function localizedFrom(form: FormValues, prefix: string): LocalizedText {
  const text: LocalizedText = {};
  for (const lang of LANGUAGES) {
    const value = one(form[`${prefix}.${lang}`]).trim();
    if (value) text[lang] = value;
  }
  return text;
}

const lines = (value: string) => value.split(/\r?\n/).map((line) => line.trim());

/** Options (or matrix rows) from one textarea per language, one per line; values kept by position. */
export function itemsFrom(form: FormValues, prefix: string, existing: Item[], numeric: boolean): Item[] {
  const perLanguage = LANGUAGES.map((lang) => {
    const list = lines(one(form[`${prefix}.${lang}`]));
    while (list.length && list[list.length - 1] === '') list.pop();
    return list;
  });
  const count = Math.max(...perLanguage.map((list) => list.length));
  const used = new Set<string>();
  const items: Item[] = [];
  for (let index = 0; index < count; index++) {
    const label: LocalizedText = {};
    LANGUAGES.forEach((lang, i) => {
      const text = perLanguage[i]![index];
      if (text) label[lang] = text;
    });
    if (!Object.keys(label).length) continue;
    let value = existing[items.length]?.value ?? (numeric ? String(items.length + 1) : `o${items.length + 1}`);
    while (used.has(value)) value = `${value}-b`;
    used.add(value);
    items.push({ value, label });
  }
  return items;
}

/** The textarea contents of a list of items in one language. */
export const itemsText = (items: Item[], lang: keyof LocalizedText) => items.map((item) => item.label[lang] ?? '').join('\n');

function integer(value: string, field: string): number | null {
  if (value.trim() === '') return null;
  if (!/^\d{1,2}$/.test(value.trim())) throw new AppError(400, 'validation.failed', { fields: [{ field, code: 'validation.type' }] });
  return Number(value);
}

export function questionFromForm(form: FormValues, kind: QuestionKind, existing: SurveyQuestion | null): QuestionFields {
  const numericColumns = kind === 'matrix' && (existing ? existing.options.every((o) => /^\d+$/.test(o.value)) : true);
  return {
    kind,
    required: one(form.required) === 'yes',
    text: localizedFrom(form, 'text'),
    help: localizedFrom(form, 'help'),
    options: itemsFrom(form, 'options', existing?.options ?? [], numericColumns),
    rows: kind === 'matrix' ? itemsFrom(form, 'rows', existing?.rows ?? [], false) : [],
    scaleMin: kind === 'rating' ? integer(one(form.scaleMin), 'scaleMin') : null,
    scaleMax: kind === 'rating' ? integer(one(form.scaleMax), 'scaleMax') : null,
    scaleLabels: { min: localizedFrom(form, 'scaleLabels.min'), max: localizedFrom(form, 'scaleLabels.max') },
  };
}

// ---- dates: whole Brussels days; the closing day is included

export function dayToOpening(value: string, field: string): Date | null {
  if (!value.trim()) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim()))
    throw new AppError(400, 'validation.failed', { fields: [{ field, code: 'validation.format', values: { format: 'date' } }] });
  return startOfBrusselsDay(value.trim());
}

export function dayToClosing(value: string, field: string): Date | null {
  const start = dayToOpening(value, field);
  return start ? startOfBrusselsDay(addDays(value.trim(), 1)) : null;
}

export const openingDay = (date: Date | null) => (date ? brusselsDate(date) : '');
export const closingDay = (date: Date | null) => (date ? brusselsDate(new Date(date.getTime() - 1)) : '');

// ---- answers

export const answerField = (question: Pick<SurveyQuestion, 'id'>, rowKey?: string) => `q-${question.id}${rowKey ? `.${rowKey}` : ''}`;

export function formAnswers(form: FormValues): RawAnswerSource {
  return {
    get: (question, rowKey) => form[answerField(question, rowKey)],
    field: (question, rowKey) => answerField(question, rowKey),
  };
}

export function jsonAnswers(answers: Record<string, unknown>): RawAnswerSource {
  return {
    get: (question, rowKey) => {
      const value = answers[question.id];
      if (rowKey === undefined) return value;
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[rowKey] : undefined;
    },
    field: (question, rowKey) => `answers.${question.id}${rowKey ? `.${rowKey}` : ''}`,
  };
}
