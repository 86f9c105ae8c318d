import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { RadarChart, radarPoint } from './RadarChart.tsx';

/** A small well-formedness check: every element is closed in order, attributes are quoted. */
function assertWellFormedXml(xml: string) {
  const stack: string[] = [];
  for (const match of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  const text = xml.replace(/<[^>]+>/g, '');
  expect(text).not.toContain('<');
  expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
}

const points = (polygon: string) =>
  polygon.split(' ').map((pair) => {
    const [x, y] = pair.split(',').map(Number);
    return { x: x!, y: y! };
  });

describe('radar chart', () => {
  const svg = renderToString(
    <RadarChart
      id="r"
      title="Maturity & co <test>"
      description="Scores on five axes"
      axes={['Culture', 'Users', 'Processes', 'Tools', 'Governance']}
      series={[
        { label: '2026', values: [100, 50, 0, null, 25] },
        { label: '2025', values: [20, 20, 20, 20, 20] },
      ]}
      size={400}
    />,
  );

  it('is valid SVG with a title and a description it is labelled by', () => {
    assertWellFormedXml(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="r-title r-desc"');
    expect(svg).toContain('<title id="r-title">Maturity &amp; co &lt;test></title>');
    expect(svg).toContain('<desc id="r-desc">Scores on five axes</desc>');
    for (const label of ['Culture', 'Users', 'Processes', 'Tools', 'Governance', '2026', '2025']) expect(svg).toContain(`>${label}</text>`);
  });

  it('places each value on its axis at value/100 of the radius, clockwise from the top', () => {
    // The centre is where the axes start; the radius is the distance to the top of the outer (100) ring.
    const [, cx, cy] = /<line x1="([\d.]+)" y1="([\d.]+)"/.exec(svg)!.map(Number) as [number, number, number];
    const outer = [...svg.matchAll(/<polygon points="([^"]+)"(?: stroke-dasharray="2 3")?><\/polygon>/g)].find((m) => !m[0].includes('dasharray'))!;
    const radius = cy - points(outer[1]!)[0]!.y;
    expect(radius).toBeGreaterThan(100);
    const series = /<g data-series="2026"><polygon points="([^"]+)"/.exec(svg)![1]!;
    const [top, right, centre1, centre2, last] = points(series);
    expect(top).toEqual({ x: cx, y: cy - radius }); // 100 on the first axis: straight up, full radius
    expect(right!.x).toBeCloseTo(cx + radius * 0.5 * Math.cos(-Math.PI / 2 + (2 * Math.PI) / 5), 1);
    expect(right!.y).toBeCloseTo(cy + radius * 0.5 * Math.sin(-Math.PI / 2 + (2 * Math.PI) / 5), 1);
    expect(centre1).toEqual({ x: cx, y: cy }); // 0 sits at the centre
    expect(centre2).toEqual({ x: cx, y: cy }); // unknown is drawn at the centre…
    expect(Math.hypot(last!.x - cx, last!.y - cy)).toBeCloseTo(radius * 0.25, 1);
    // …but gets no marker: 4 markers for the 4 known values of the first series
    const firstGroup = /<g data-series="2026">(.*?)<\/g>/.exec(svg)![1]!;
    expect(firstGroup.match(/<circle /g)).toHaveLength(4);
  });

  it('clamps values outside 0–100', () => {
    expect(radarPoint(0, 4, 150, 100, 0, 0)).toEqual({ x: 0, y: -100 });
    expect(radarPoint(1, 4, -20, 100, 0, 0)).toEqual({ x: 0, y: 0 });
  });
});
