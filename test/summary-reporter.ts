// Ends a test run with the slowest files (where CI time goes: docs/performance.md) and one plain line,
// "Tests: N passed, N failed, N skipped", that any CI can read.
import type { Reporter, TestModule } from 'vitest/node';
import type { SerializedError } from 'vitest';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []) {
    // An error outside any test (a failed global setup) is a failure too, never "0 failed".
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) counts.failed++;
    }
    const slowest = [...testModules]
      .map((module) => ({ name: `${module.project.name}: ${module.moduleId.replace(`${process.cwd()}/`, '')}`, ms: module.diagnostic().duration }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15);
    if (slowest.length > 0) {
      const lines = slowest.map((file) => `  ${(file.ms / 1000).toFixed(1).padStart(7)} s  ${file.name}`);
      process.stdout.write(`\nSlowest test files:\n${lines.join('\n')}\n`);
    }
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
