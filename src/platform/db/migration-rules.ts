// The expand/contract rules of decision 0034, checked on a migration's SQL: during a rolling upgrade the old
// and the new version run side by side on one schema, so a migration may only add (tables, nullable columns or
// columns with a default, indexes, functions, enum values) unless its header marks it as the contract step of an
// earlier expand: `-- contract-of: NNNN`. test/migrations-rules.int.test.ts runs this over every migration from
// FIRST_CHECKED on (earlier ones are grandfathered).

/** Migrations numbered below this were written before the rules; they are not checked. */
export const FIRST_CHECKED = 32;

const CONTRACT_MARK = /^--\s*contract-of:\s*(\d{4})\s*$/im;

/** The migration's SQL without comments, string literals, quoted identifiers and dollar-quoted bodies. */
export function stripSql(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length;) {
    const rest = sql.slice(i);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      out += ' ';
    } else if (sql[i] === "'" || sql[i] === '"') {
      // '' (or "") inside a literal is an escaped quote, not its end.
      const quote = sql[i]!;
      let end = sql.indexOf(quote, i + 1);
      while (end >= 0 && sql[end + 1] === quote) end = sql.indexOf(quote, end + 2);
      i = end < 0 ? sql.length : end + 1;
      out += quote === "'" ? "''" : '"x"';
    } else {
      const tag = /^\$[A-Za-z_]*\$/.exec(rest)?.[0];
      if (tag) {
        // A function body runs when it is called, not when the migration runs: what it says is not a change.
        const end = sql.indexOf(tag, i + tag.length);
        i = end < 0 ? sql.length : end + tag.length;
        out += '$$ $$';
      } else {
        out += sql[i];
        i++;
      }
    }
  }
  return out;
}

/** The actions of an ALTER TABLE, split on the commas outside parentheses. */
function alterActions(statement: string): string[] {
  const body = statement.replace(/^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?\S+\s*/, '');
  const actions: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of body) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      actions.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim()) actions.push(current.trim());
  return actions;
}

/** What a statement does that the old version, still running, may not survive; empty when it only adds. */
function breakingChanges(statement: string): string[] {
  const problems: string[] = [];
  if (/\bDROP\b(?!\s+NOT\s+NULL\b)/.test(statement)) problems.push('drops something (DROP)');
  if (/\bRENAME\b/.test(statement)) problems.push('renames something (RENAME)');
  if (/^ALTER\s+TYPE\b/.test(statement) && !/\bADD\s+VALUE\b|\bRENAME\b/.test(statement)) problems.push('changes a type (ALTER TYPE)');
  if (/^TRUNCATE\b/.test(statement)) problems.push('empties a table (TRUNCATE)');
  if (/^ALTER\s+TABLE\b/.test(statement)) {
    if (/\bSET\s+NOT\s+NULL\b/.test(statement)) problems.push('makes a column required (SET NOT NULL)');
    for (const action of alterActions(statement)) {
      if (/^ALTER\s+(?:COLUMN\s+)?\S+\s+(?:SET\s+DATA\s+)?TYPE\b/.test(action)) problems.push('changes a column type (ALTER COLUMN … TYPE)');
      const added = /^ADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?!CONSTRAINT\b|PRIMARY\b|UNIQUE\b|FOREIGN\b|CHECK\b|EXCLUDE\b)(\S+)/.exec(action);
      if (added && /\bNOT\s+NULL\b/.test(action) && !/\bDEFAULT\b|\bGENERATED\b/.test(action)) {
        problems.push(`adds a required column without a default (${added[1]!.toLowerCase()} NOT NULL): the old version's inserts would fail`);
      }
    }
  }
  return problems;
}

/**
 * A CHECK widened in two steps (an expand): `ALTER TABLE t ADD CONSTRAINT x CHECK (col IN (…))` immediately
 * followed by `ALTER TABLE t DROP CONSTRAINT t_col_check`, the default name of col's inline CHECK. The old version
 * writes only values the narrower check allowed, so dropping it once the new one holds breaks nothing. That the
 * list is wider is the reviewer's to see (the old list lives in an earlier file); its shape is checked here.
 */
function widensCheck(previous: string | undefined, statement: string): boolean {
  const dropped = /^ALTER TABLE (?:ONLY )?(\S+) DROP CONSTRAINT (?:IF EXISTS )?(\S+)$/.exec(statement);
  if (!previous || !dropped) return false;
  const added = /^ALTER TABLE (?:ONLY )?(\S+) ADD CONSTRAINT \S+ CHECK \((\S+) IN \([^()]*\)\)(?: NOT VALID)?$/.exec(previous);
  if (!added || added[1] !== dropped[1]) return false;
  const table = dropped[1]!.split('.').pop()!;
  return dropped[2] === `${table}_${added[2]}_CHECK`;
}

/**
 * The rule violations of one migration file (`name` like 0033_something.sql): empty when it only adds, or when
 * its header marks it `-- contract-of: NNNN` with NNNN an earlier migration among `known` (file names).
 */
export function migrationProblems(name: string, sql: string, known: readonly string[]): string[] {
  const number = Number(name.slice(0, 4));
  const mark = CONTRACT_MARK.exec(sql);
  if (mark) {
    const expand = mark[1]!;
    if (Number(expand) >= number) return [`${name}: contract-of: ${expand} must name an earlier migration (the expand step)`];
    if (!known.some((file) => file.startsWith(`${expand}_`))) return [`${name}: contract-of: ${expand} names no migration`];
    return [];
  }
  const problems: string[] = [];
  const statements = stripSql(sql)
    .split(';')
    .map((statement) => statement.replace(/\s+/g, ' ').trim().toUpperCase())
    .filter(Boolean);
  for (const [index, statement] of statements.entries()) {
    if (widensCheck(statements[index - 1], statement)) continue;
    for (const problem of breakingChanges(statement)) {
      problems.push(
        `${name}: ${problem} in "${statement.slice(0, 120)}" — only additions are allowed while old and new versions run side by side; a contract step says "-- contract-of: NNNN" (decision 0034)`,
      );
    }
  }
  return problems;
}
