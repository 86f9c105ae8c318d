// Which failures are "the database is away" (503 + Retry-After) and which stay faults of the request (500).
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';
import { toAppError } from '../http/error-handler.tsx';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('database unavailable', () => {
  it('covers the network, a server going away or starting, timeouts and the driver’s own messages', () => {
    for (const error of [
      withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      withCode('ECONNRESET', 'read ECONNRESET'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P02', 'terminating connection because of crash of another server process'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006', 'connection failure'),
      withCode('57014', 'canceling statement due to statement timeout'),
      withCode('53300', 'sorry, too many clients already'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('Query read timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed'),
      new Error('could not load the page', { cause: withCode('57P01') }),
    ]) {
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
    }
  });

  it('leaves out errors of the statement or the data', () => {
    for (const error of [
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('42P01', 'relation "nope" does not exist'),
      withCode('40001', 'could not serialize access'),
      new Error('boom'),
      new TypeError('x is not a function'),
      'ECONNREFUSED',
      undefined,
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });

  it('is answered 503 database_unavailable with Retry-After; anything else unexpected stays 500', () => {
    const unavailable = toAppError(withCode('57P01'));
    expect(unavailable).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(Number(unavailable.options.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(toAppError(withCode('23505'))).toMatchObject({ status: 500, code: 'internal' });
  });
});
