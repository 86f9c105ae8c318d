import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('settings', () => {
  it('have working defaults for a first start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, seedDemo: true, env: 'development' });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('report every problem at once, one clear message each', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe' });
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "eighty").',
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user@127.0.0.1:5432/irisdesk.',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").',
      'SEED_DEMO must be true or false (got "maybe").',
    ]);
  });

  it('stop a production start without a secret', () => {
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/irisdesk' })).toContain(
      'SESSION_SECRET is required in production (at least 32 random characters).',
    );
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/irisdesk', SESSION_SECRET: 'short' })).toContain(
      'SESSION_SECRET must be at least 32 characters long.',
    );
  });

  it('never seed demo accounts in production and always use secure cookies there', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/irisdesk', SESSION_SECRET: 'x'.repeat(40) });
    expect(config.seedDemo).toBe(false);
    expect(config.secureCookies).toBe(true);
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/i', SESSION_SECRET: 'x'.repeat(40), SECURE_COOKIES: 'false' })).toEqual([
      'SECURE_COOKIES cannot be turned off in production.',
    ]);
  });
});
