// Decision 0034 in CI: every migration from FIRST_CHECKED on only adds (tables, nullable columns or columns with
// a default, indexes, functions, enum values), unless its header marks it as the contract step of an earlier
// expand (`-- contract-of: NNNN`). The check itself is tested first on examples of each kind it must catch and
// of additive SQL it must accept, so that a pass over the real files means something.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_CHECKED, migrationProblems, stripSql } from '../src/platform/db/migration-rules.ts';

const MIGRATIONS = path.resolve(import.meta.dirname, '../src/platform/db/migrations');
const KNOWN = ['0004_jobs_mail.sql', '0031_orientation_vocabulary.sql', '0040_example.sql'];
const check = (sql: string, name = '0040_example.sql') => migrationProblems(name, sql, KNOWN);

describe('the expand/contract check (decision 0034)', () => {
  it('accepts plain additive SQL', () => {
    expect(
      check(`-- A new table, an index, a nullable column, a column with a default, a function, an enum value.
CREATE TABLE page_notes (
  id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  note text NOT NULL CHECK (length(note) < 500),
  at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX page_notes_at_idx ON page_notes (at DESC);
CREATE INDEX CONCURRENTLY IF NOT EXISTS services_code_idx ON services (code);
ALTER TABLE services ADD COLUMN note text, ADD COLUMN weight integer NOT NULL DEFAULT 1;
ALTER TABLE services ADD COLUMN IF NOT EXISTS checked_at timestamptz;
ALTER TABLE services ADD CONSTRAINT services_weight_positive CHECK (weight > 0) NOT VALID;
ALTER TABLE services ALTER COLUMN summary DROP NOT NULL;
ALTER TYPE request_channel ADD VALUE IF NOT EXISTS 'sms';
COMMENT ON COLUMN services.note IS 'Do not DROP or RENAME this; SET NOT NULL later';
CREATE FUNCTION tidy() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DROP TABLE IF EXISTS scratch; END $$;
CREATE FUNCTION tidy2() RETURNS void LANGUAGE plpgsql AS $body$ BEGIN TRUNCATE scratch; END $body$;
/* ALTER TABLE services RENAME COLUMN note TO remark; */
UPDATE services SET weight = 2 WHERE code = 'drop-off';`),
    ).toEqual([]);
  });

  it.each([
    ['DROP TABLE old_notes;', 'DROP'],
    ['ALTER TABLE services DROP COLUMN note;', 'DROP'],
    ['DROP INDEX services_code_idx;', 'DROP'],
    ['ALTER TABLE services ALTER COLUMN weight DROP DEFAULT;', 'DROP'],
    ['ALTER TABLE services RENAME COLUMN note TO remark;', 'RENAME'],
    ['ALTER TABLE services RENAME TO catalogue_services;', 'RENAME'],
    ['ALTER TABLE services ALTER COLUMN weight TYPE bigint;', 'ALTER COLUMN … TYPE'],
    ['ALTER TABLE services ALTER weight SET DATA TYPE numeric;', 'ALTER COLUMN … TYPE'],
    ["ALTER TYPE request_channel RENAME VALUE 'web' TO 'online';", 'RENAME'],
    ['ALTER TYPE request_channel OWNER TO irisdesk;', 'ALTER TYPE'],
    ['ALTER TABLE services ALTER COLUMN note SET NOT NULL;', 'SET NOT NULL'],
    ['alter table services\n  add column owner uuid not null;', 'without a default'],
    ['ALTER TABLE services ADD COLUMN note text, ADD COLUMN owner uuid NOT NULL REFERENCES accounts (id);', 'without a default'],
    ['TRUNCATE page_notes;', 'TRUNCATE'],
  ])('refuses %s', (sql, kind) => {
    const problems = check(`-- a change\n${sql}\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(kind);
    expect(problems[0]).toContain('0040_example.sql');
    expect(problems[0]).toContain('contract-of');
  });

  it('accepts a destructive change marked as the contract step of an earlier expand, and only of an earlier one', () => {
    const contract = (mark: string) =>
      `-- Second step of 0031: the old trigger is gone from every running version.\n${mark}\nDROP FUNCTION services_search_refresh();\nALTER TABLE services ALTER COLUMN search_terms SET NOT NULL;\n`;
    expect(check(contract('-- contract-of: 0031'))).toEqual([]);
    expect(check(contract('-- contract-of: 0040'))).toEqual(['0040_example.sql: contract-of: 0040 must name an earlier migration (the expand step)']);
    expect(check(contract('-- contract-of: 0035'))).toEqual(['0040_example.sql: contract-of: 0035 names no migration']);
  });

  it('accepts a CHECK widened in two steps (wider constraint added, then the inline one dropped), nothing looser', () => {
    const add = "ALTER TABLE cc_contacts ADD CONSTRAINT cc_contacts_channel_known CHECK (channel IN ('web', 'email', 'chat'));";
    expect(check(`${add}\nALTER TABLE cc_contacts DROP CONSTRAINT cc_contacts_channel_check;\n`)).toEqual([]);
    // The drop alone, a drop of another column's check, another table, or not right after the add: refused.
    expect(check('ALTER TABLE cc_contacts DROP CONSTRAINT cc_contacts_channel_check;')).toHaveLength(1);
    expect(check(`${add}\nALTER TABLE cc_contacts DROP CONSTRAINT cc_contacts_language_check;`)).toHaveLength(1);
    expect(check(`${add}\nALTER TABLE cc_requests DROP CONSTRAINT cc_requests_channel_check;`)).toHaveLength(1);
    expect(check(`${add}\nCREATE INDEX x ON t (a);\nALTER TABLE cc_contacts DROP CONSTRAINT cc_contacts_channel_check;`)).toHaveLength(1);
    expect(
      check(`ALTER TABLE cc_contacts ADD CONSTRAINT k CHECK (length(channel) > 0);\nALTER TABLE cc_contacts DROP CONSTRAINT cc_contacts_channel_check;`),
    ).toHaveLength(1);
  });

  it('reads past comments, literals and function bodies, and keeps the statements', () => {
    expect(stripSql(`SELECT 'it''s -- not a comment'; -- a comment\nSELECT "drop" FROM t; /* DROP */ SELECT $x$ DROP $x$;`).replace(/\s+/g, ' ')).toBe(
      `SELECT ''; SELECT "x" FROM t; SELECT $$ $$;`,
    );
  });
});

describe(`the migrations from ${String(FIRST_CHECKED).padStart(4, '0')} on`, () => {
  it('only add, or are marked as the contract step of an earlier expand', async () => {
    const files = (await readdir(MIGRATIONS)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
    expect(files.length).toBeGreaterThan(20);
    const checked = files.filter((name) => Number(name.slice(0, 4)) >= FIRST_CHECKED);
    const problems: string[] = [];
    for (const name of checked) problems.push(...migrationProblems(name, await readFile(path.join(MIGRATIONS, name), 'utf8'), files));
    expect(problems).toEqual([]);
    // The grandfathered ones would not all pass: the check has teeth on real SQL too.
    const old = files.find((name) => name.startsWith('0031_'))!;
    expect(migrationProblems(old, await readFile(path.join(MIGRATIONS, old), 'utf8'), files).length).toBeGreaterThan(0);
  });
});
