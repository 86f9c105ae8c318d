// The alert rules of the operations guide (deploy/prometheus-alerts.yml) are valid for Prometheus (`promtool check
// rules`; promtool from scripts/install-promtool.sh) and name only metrics that IrisDesk exposes: a rule on a
// misspelt or renamed metric would never fire, and promtool cannot know.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';

const RULES = path.resolve(import.meta.dirname, '../deploy/prometheus-alerts.yml');
const PROMTOOL = [process.env.PROMTOOL, path.join(process.cwd(), '.tmp/promtool/usr/bin/promtool'), '/usr/bin/promtool'].find(
  (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('the Prometheus alert rules (deploy/prometheus-alerts.yml)', () => {
  it('pass promtool check rules', () => {
    if (!PROMTOOL) throw new Error('promtool is missing: run `bash scripts/install-promtool.sh` (or set PROMTOOL)');
    const run = spawnSync(PROMTOOL, ['check', 'rules', RULES], { encoding: 'utf8' });
    expect({ status: run.status, output: run.stdout + run.stderr }).toMatchObject({ status: 0, output: expect.stringMatching(/SUCCESS: \d+ rules found/) });
  });

  it('name only metrics that /metrics exposes', async () => {
    const exposition = (await t.app.inject('/metrics')).body;
    const exposed = new Set(
      [...exposition.matchAll(/^# TYPE (\S+) (\S+)/gm)].flatMap(([, name, type]) =>
        type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!],
      ),
    );
    const named = new Set(readFileSync(RULES, 'utf8').match(/\birisdesk_[a-z0-9_]+/g));
    expect(named.size).toBeGreaterThan(8);
    expect([...named].filter((name) => !exposed.has(name))).toEqual([]);
  });
});
