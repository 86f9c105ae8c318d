// Page parameters and form helpers shared by the surveys' section routes.
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { LangParams } from '../platform/http/schemas.ts';
import { AppError } from '../platform/http/errors.ts';
import { one, type FormValues } from './forms.ts';
import { Id } from './schemas.ts';

export const pageSchema = { hide: true, params: LangParams };
export const SurveyPageParams = Type.Object({ lang: LangParams.properties.lang, id: Id });
export const QuestionPageParams = Type.Object({ lang: LangParams.properties.lang, id: Id, questionId: Id });
export const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as FormValues;
export const versionOf = (form: FormValues) => {
  const version = Number(one(form.version));
  if (!Number.isInteger(version) || version < 1) throw new AppError(400, 'validation.failed', { fields: [{ field: 'version', code: 'validation.type' }] });
  return version;
};
