// The chart components rendered to HTML: each chart is an image named by its title and description, its figures
// are in a table behind a native disclosure, bars and lines are placed in percentages of the width (no scaled
// viewBox that would shrink text on a phone), and long labels wrap instead of running off the screen.
import { describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { translator } from '../../i18n/messages.ts';
import { PageContext } from '../context.ts';
import { BarChart, DataTable, KeyFigures, LineChart, More, wrapLabel } from './charts.tsx';

function render(node: VNode): string {
  const context = {
    lang: 'en' as const,
    t: translator('en'),
    actor: null,
    pathWithoutLang: '/',
    localized: true,
    csrfToken: () => 'token-1',
    assets: { css: '', js: '', icon: '' },
    publicUrl: 'https://irisdesk.example',
  };
  return renderToString(<PageContext.Provider value={context}>{node}</PageContext.Provider>);
}

const count = (html: string, pattern: RegExp) => [...html.matchAll(new RegExp(pattern, 'g'))].length;

describe('bar chart', () => {
  const html = render(
    <BarChart
      id="bars"
      title="Satisfied people & co"
      description="Bars from highest to lowest."
      max={100}
      bars={[
        { label: 'Actiris, Brussels Regional Employment Office and a very long name indeed', value: 80, text: '80%' },
        { label: 'Ixelles', value: 40, text: '40%' },
        { label: 'Uccle', value: null, text: 'not enough answers' },
      ]}
      tableHead={['Organisation', 'Satisfied']}
      tableRows={[
        ['Actiris', '80%'],
        ['Ixelles', '40%'],
        ['Uccle', '–'],
      ]}
    />,
  );

  it('is an image named by its title and description, escaped', () => {
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="bars-title bars-desc"/);
    expect(html).toContain('<title id="bars-title">Satisfied people &amp; co</title>');
    expect(html).toContain('<desc id="bars-desc">Bars from highest to lowest.</desc>');
    expect(html).not.toContain('viewBox');
  });

  it('draws one bar per published value, sized in percent of the longest possible bar', () => {
    expect(count(html, /<rect /)).toBe(2);
    expect(html).toContain('width="62.4%"'); // 80 of 100 → 78 % span × 0.8
    expect(html).toContain('width="31.2%"');
    expect(html).toContain('not enough answers');
  });

  it('wraps a long label on two lines rather than cutting it at the screen edge', () => {
    expect(html).toContain('<tspan x="0" dy="0">Actiris, Brussels Regional Employment</tspan>');
    expect(html).toContain('<tspan x="0" dy="17">Office and a very long name indeed</tspan>');
  });

  it('puts the same figures in a table behind a closed disclosure, in a named, focusable scroll box', () => {
    expect(html).toMatch(/<details class="irisdesk-more"><summary>Show the figures as a table<\/summary>/);
    expect(html).toContain('<div class="irisdesk-table-scroll" role="region" tabindex="0" aria-labelledby="bars-table-caption">');
    expect(count(html, /<tr class="utrecht-table__row">/)).toBe(4);
    expect(html).toContain('<th class="utrecht-table__header-cell" scope="row">Uccle</th>');
  });
});

describe('line chart', () => {
  const html = render(
    <LineChart
      id="trend"
      title="Per month"
      description="Two lines."
      labels={['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']}
      min={0}
      max={100}
      tick={(value) => `${value}%`}
      series={[
        { label: 'Satisfied', values: [50, 60, null, 70, 70, 70, 70, 70, 70, 70, 70, 100] },
        { label: 'Easy', values: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 100] },
      ]}
      tableHead={['Month', 'Satisfied', 'Easy']}
      tableRows={[['Jan', '50%', '0%']]}
    />,
  );

  it('leaves a gap where a value is missing and marks each known value', () => {
    const satisfied = /<g data-series="Satisfied"[^>]*>(.*?)<\/g>/.exec(html)![1]!;
    expect(count(satisfied, /<line /)).toBe(9); // 11 segments, two of them touch the missing March
    expect(count(satisfied, /<circle /)).toBe(11);
  });

  it('places points in percent of the width and values on the axis scale', () => {
    expect(html).toContain('<circle cx="9%" cy="101"'); // January at 50 %: halfway between 186 and 16
    expect(html).toContain('<circle cx="97%" cy="16"'); // December at 100 %
    expect(html).toContain('>0%</text>');
    expect(html).toContain('>100%</text>');
  });

  it('writes at most five period labels, and a legend when there are several series', () => {
    expect(count(html, /text-anchor="(start|middle|end)"/)).toBeLessThanOrEqual(5);
    expect(html).toContain('<ul class="irisdesk-chart__legend">');
    expect(html).toMatch(/<li><svg [^>]*aria-hidden="true"/);
  });
});

describe('key figures, details and tables', () => {
  it('lists key figures with their labels and optional details', () => {
    const html = render(
      <KeyFigures
        label="Key figures"
        figures={[
          { value: '8 in 10', label: 'people were satisfied', detail: '80.0% of answers' },
          { value: '1,920', label: 'answers' },
        ]}
      />,
    );
    expect(html).toContain('<ul class="irisdesk-key-figures" aria-label="Key figures">');
    expect(count(html, /class="irisdesk-key-figure"/)).toBe(2);
    expect(count(html, /irisdesk-key-figure__detail/)).toBe(1);
  });

  it('opens details only when asked', () => {
    expect(render(<More summary="More">x</More>)).toBe('<details class="irisdesk-more"><summary>More</summary>x</details>');
    expect(
      render(
        <More summary="More" open>
          x
        </More>,
      ),
    ).toContain('<details class="irisdesk-more" open>');
  });

  it('gives a data table a caption that names its scroll box', () => {
    const html = render(<DataTable id="t" caption="Figures" head={['A', 'B']} rows={[['a', 1]]} />);
    expect(html).toContain('<caption class="utrecht-table__caption" id="t-caption">Figures</caption>');
    expect(html).toContain('<td class="utrecht-table__cell">1</td>');
  });

  it('wraps labels at spaces and ends a cut label with an ellipsis', () => {
    expect(wrapLabel('Short')).toEqual(['Short']);
    expect(wrapLabel('one two three four', 9, 2)).toEqual(['one two', 'three…']);
    expect(wrapLabel('one two three', 9, 2)).toEqual(['one two', 'three']);
  });
});
