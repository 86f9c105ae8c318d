// CSV exports of a survey: the results per question (what the results page shows, suppression applied),
// and the anonymised raw answers for the owner (one line per response, one column per question or matrix row).
import { pickText, type Language } from '../platform/i18n/languages.ts';
import type { SurveyQuestion } from './model.ts';
import type { QuestionResult } from './results.ts';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Cells are strings, numbers and dates: String() gives what the CSV shows.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  const text = String(value);
  // Formula injection: a cell starting with = + - @ is prefixed so spreadsheets show it as text.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",;\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const toCsv = (head: string[], rows: unknown[][]) => [head, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';

export function resultsCsv(results: QuestionResult[], lang: Language): string {
  const head = ['position', 'kind', 'question', 'row', 'answer', 'count', 'percent', 'respondents', 'mean', 'top_two_percent', 'nps', 'suppressed'];
  const rows: unknown[][] = [];
  for (const result of results) {
    const question = pickText(result.text, lang).text;
    const summary = [result.position, result.kind, question];
    if (result.kind === 'matrix') {
      for (const row of result.rows) {
        const rowLabel = pickText(row.label, lang).text;
        rows.push([...summary, rowLabel, '', '', '', row.respondents, row.mean, '', '', row.suppressed]);
        for (const c of row.cells) rows.push([...summary, rowLabel, pickText(c.label, lang).text, c.count, c.percent, '', '', '', '', row.suppressed]);
      }
      continue;
    }
    rows.push([...summary, '', '', '', '', result.respondents, result.mean, result.topTwo, result.nps?.score ?? '', result.suppressed]);
    for (const c of result.cells)
      rows.push([...summary, '', Object.keys(c.label).length ? pickText(c.label, lang).text : c.value, c.count, c.percent, '', '', '', '', result.suppressed]);
  }
  return toCsv(head, rows);
}

export function rawAnswersCsv(
  questions: SurveyQuestion[],
  responses: Array<{ day: string; language: string; via: string; channel: string | null; answers: Map<string, string[]> }>,
): string {
  const columns: Array<{ key: string; name: string }> = [];
  questions.forEach((question, index) => {
    const base = `q${index + 1}`;
    if (question.kind === 'matrix') for (const row of question.rows) columns.push({ key: `${question.id}.${row.value}`, name: `${base}_${row.value}` });
    else columns.push({ key: question.id, name: base });
  });
  const head = ['response', 'day', 'language', 'via', 'channel', ...columns.map((c) => c.name)];
  const rows = responses.map((response, index) => [
    index + 1,
    response.day,
    response.language,
    response.via,
    response.channel ?? '',
    ...columns.map((column) => (response.answers.get(column.key) ?? []).join('|')),
  ]);
  return toCsv(head, rows);
}
