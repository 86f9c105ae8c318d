// The platform stylesheet keeps the Utrecht rules of the classes the code names (written out or built from a
// template), refuses a class whose component is a variable, and folds the token chains that nothing sets.
import { describe, expect, it } from 'vitest';
import { foldUnsetCustomProperties, utrechtClassesUsed } from './stylesheet.ts';

describe('the classes the code uses', () => {
  it('reads class names written out and patterns of those built in a template', () => {
    const used = utrechtClassesUsed([
      { file: 'a.tsx', text: '<div class="utrecht-alert utrecht-alert--error">' },
      { file: 'b.tsx', text: 'class={`utrecht-button utrecht-button--${variant}-action`}' },
    ]);
    expect([...used.names].sort()).toEqual(['utrecht-alert', 'utrecht-alert--error', 'utrecht-button']);
    expect(used.patterns.map(String)).toEqual([String(/^utrecht-button--[\w-]*-action$/)]);
    expect(used.patterns[0]!.test('utrecht-button--primary-action')).toBe(true);
    expect(used.patterns[0]!.test('utrecht-button--subtle')).toBe(false);
  });

  it('refuses a class whose component name is a variable (it would keep the whole library)', () => {
    const text = ['class={`utrecht-', '${kind}`}'].join('');
    expect(() => utrechtClassesUsed([{ file: 'c.tsx', text }])).toThrow(/c\.tsx: the class "utrecht-\$\{kind\}" names no Utrecht component/);
  });
});

describe('folding the custom properties nothing sets', () => {
  it('replaces var(--unset, fallback) by its fallback, nested, and keeps what is declared or has no fallback', () => {
    const css = '.a{--set:1px;color:var(--unset-1, var(--set, var(--unset-2, red)));margin:var(--elsewhere, 2px);padding:var(--none)}';
    expect(foldUnsetCustomProperties(css, new Set(['--elsewhere']))).toBe('.a{--set:1px;color:var(--set,red);margin:var(--elsewhere,2px);padding:var(--none)}');
  });

  it('keeps an empty fallback (dropping it would drop the declaration instead of unsetting it)', () => {
    expect(foldUnsetCustomProperties('.a{box-shadow:var(--unset,)}', new Set())).toBe('.a{box-shadow:var(--unset,)}');
  });
});
