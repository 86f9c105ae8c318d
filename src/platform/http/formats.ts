// Strict string formats for Ajv, replacing ajv-formats' fast ones: those check only the shape of a date
// ("2026-02-30" and "0000-00-00" pass) and accept "urn:uuid:…", which PostgreSQL then refuses with a 500.
import type { Plugin } from 'ajv';
import addFormats from 'ajv-formats';
import { UUID_PATTERN } from './schemas.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)$/;

/** A real day of the Gregorian calendar, years 0001–9999 (PostgreSQL has no year 0). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  return match !== null && isCalendarDate(match[1]!);
}

/** Ajv plugin: run after ajv-formats so that these win. */
export function strictFormats<A extends { addFormat(name: string, format: { type: 'string'; validate: (value: string) => boolean }): unknown }>(ajv: A): A {
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  ajv.addFormat('uuid', { type: 'string', validate: (value: string) => UUID_PATTERN.test(value) });
  return ajv;
}

// ajv-formats is CommonJS: its function is the module's `default` export under NodeNext typing (and at run time).
// @fastify/ajv-compiler adds ajv-formats itself (full mode) after the plugins, over ours, unless one of them is a
// function named `formatsPlugin`: this one is, so that it replaces it.
/** The formats every schema of the app validates with: ajv-formats' fast ones, then the strict ones above. */
export const ajvFormats: Plugin<unknown> = function formatsPlugin(ajv) {
  return strictFormats(addFormats.default(ajv, { mode: 'fast' }));
};
