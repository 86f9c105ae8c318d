// The standard questionnaire after a contact, the same for every administration and channel so that the
// figures compare across the region. Questions and answer options come from the message catalogue.
import { Type, type Static } from 'typebox';
import type { Translate } from '../platform/i18n/messages.ts';
import { CHANNELS } from './repository.ts';
import { BoundedInteger } from '../platform/http/schemas.ts';

export const COMMENT_MAX_LENGTH = 2000;
export const NEED_MET = ['yes', 'partly', 'no'] as const;

const Rating = (description: string) => BoundedInteger({ minimum: 1, maximum: 5, description });

/** The answer, as the API takes it (JSON). */
export const FeedbackAnswerBody = Type.Object(
  {
    overall: Rating('Overall satisfaction, 1 (very dissatisfied) to 5 (very satisfied)'),
    clarity: Rating('The information was clear, 1 (strongly disagree) to 5 (strongly agree)'),
    effort: Rating('It was easy to get what I needed, 1 (strongly disagree) to 5 (strongly agree)'),
    needMet: Type.Enum(NEED_MET, { description: 'Was the need met' }),
    reached: Type.Boolean({ description: 'Did the user manage to reach the administration' }),
    channelsUsed: Type.Optional(Type.Array(Type.Enum(CHANNELS), { maxItems: CHANNELS.length, description: 'The channels used to reach it' })),
    recommend: Type.Optional(BoundedInteger({ minimum: 0, maximum: 10, description: 'Would recommend, 0 to 10 (NPS), optional' })),
    comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX_LENGTH, description: 'Optional; e-mail addresses, phone and national numbers are removed' })),
  },
  { additionalProperties: false, $id: 'FeedbackAnswer' },
);
export type FeedbackAnswerInput = Static<typeof FeedbackAnswerBody>;

/** The same answer as an HTML form posts it (flat strings; Ajv coerces the numbers). */
export const FeedbackAnswerForm = Type.Object({
  overall: BoundedInteger({ minimum: 1, maximum: 5 }),
  clarity: BoundedInteger({ minimum: 1, maximum: 5 }),
  effort: BoundedInteger({ minimum: 1, maximum: 5 }),
  needMet: Type.Enum(NEED_MET),
  reached: Type.Enum(['yes', 'no']),
  channelsUsed: Type.Optional(Type.Array(Type.Enum(CHANNELS), { maxItems: CHANNELS.length })),
  recommend: Type.Optional(Type.Union([Type.Literal(''), BoundedInteger({ minimum: 0, maximum: 10 })])),
  comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX_LENGTH })),
});
export type FeedbackAnswerFormValues = Static<typeof FeedbackAnswerForm>;

export function formToAnswer(form: FeedbackAnswerFormValues): FeedbackAnswerInput {
  return {
    overall: form.overall,
    clarity: form.clarity,
    effort: form.effort,
    needMet: form.needMet,
    reached: form.reached === 'yes',
    channelsUsed: form.channelsUsed ?? [],
    recommend: form.recommend === '' || form.recommend === undefined ? undefined : Number(form.recommend),
    comment: form.comment,
  };
}

export interface Question {
  id: 'overall' | 'clarity' | 'effort' | 'needMet' | 'reached' | 'channelsUsed' | 'recommend' | 'comment';
  type: 'rating' | 'choice' | 'multiple' | 'nps' | 'text';
  required: boolean;
  text: string;
  options?: Array<{ value: string | number | boolean; label: string }>;
  maxLength?: number;
}

const AGREEMENT = (t: Translate) => [5, 4, 3, 2, 1].map((value) => ({ value, label: t(`satisfaction.scale.agree${value}`) }));

/** The questions in one language, in order. */
export function standardQuestions(t: Translate): Question[] {
  return [
    {
      id: 'overall',
      type: 'rating',
      required: true,
      text: t('satisfaction.q.overall'),
      options: [5, 4, 3, 2, 1].map((value) => ({ value, label: t(`satisfaction.scale.satisfied${value}`) })),
    },
    { id: 'clarity', type: 'rating', required: true, text: t('satisfaction.q.clarity'), options: AGREEMENT(t) },
    { id: 'effort', type: 'rating', required: true, text: t('satisfaction.q.effort'), options: AGREEMENT(t) },
    {
      id: 'needMet',
      type: 'choice',
      required: true,
      text: t('satisfaction.q.needMet'),
      options: NEED_MET.map((value) => ({ value, label: t(`satisfaction.needMet.${value}`) })),
    },
    {
      id: 'reached',
      type: 'choice',
      required: true,
      text: t('satisfaction.q.reached'),
      options: [true, false].map((value) => ({ value, label: t(value ? 'satisfaction.yes' : 'satisfaction.no') })),
    },
    {
      id: 'channelsUsed',
      type: 'multiple',
      required: false,
      text: t('satisfaction.q.channelsUsed'),
      options: CHANNELS.map((value) => ({ value, label: t(`satisfaction.channel.${value}`) })),
    },
    {
      id: 'recommend',
      type: 'nps',
      required: false,
      text: t('satisfaction.q.recommend'),
      options: Array.from({ length: 11 }, (_, value) => ({ value, label: String(value) })),
    },
    { id: 'comment', type: 'text', required: false, text: t('satisfaction.q.comment'), maxLength: COMMENT_MAX_LENGTH },
  ];
}
