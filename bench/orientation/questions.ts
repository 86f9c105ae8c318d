// The orientation question sets (bench/orientation/*.json): what a question is, and where each set lives.
//   regression.json  the 94 questions written alongside the ranking (kept so that tuning does not lose them)
//   dev.json         held-out questions to tune the ranking on
//   test.json        held-out questions to report on, never to tune on
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OrientationQuestion {
  id: string;
  lang: 'fr' | 'nl' | 'en';
  text: string;
  /** Codes of the services that answer the question (any of them is right); [] means the no-result page is. */
  expected: string[];
  /** How the question is put: typo, mixed, symptom, goal, colloquial, local, newcomer, young, out-of-scope, nonsense. */
  tags: string[];
}

export const QUESTION_SETS = ['regression', 'dev', 'test'] as const;
export type QuestionSet = (typeof QUESTION_SETS)[number];

const here = dirname(fileURLToPath(import.meta.url));

export const questionSetPath = (set: QuestionSet) => join(here, `${set}.json`);

export function readQuestionSet(set: QuestionSet): OrientationQuestion[] {
  return JSON.parse(readFileSync(questionSetPath(set), 'utf8')) as OrientationQuestion[];
}

/** One question a line: readable diffs, and a file a reviewer can scan. */
export function formatQuestions(questions: OrientationQuestion[]): string {
  return `[\n${questions.map((q) => `  ${JSON.stringify(q)}`).join(',\n')}\n]\n`;
}
