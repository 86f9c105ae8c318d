// The public pages fit every screen and are drawn in the site's typeface (issue 15): at 320, 390 and 1280 px no
// page is wider than the window (document scrollWidth), no element's font resolves to a serif family, the
// self-hosted typeface is loaded, and axe-core finds nothing (visit). Each page is loaded once and measured at
// the three widths by resizing the window (media and container queries apply at once). Every page in French;
// in Dutch, whose long compound words break layouts first, and in English the pages with the most text.
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { visit } from './browser.ts';
import { useServerAndBrowser } from './session.ts';
import type { Language } from '../src/platform/i18n/languages.ts';

vi.setConfig({ testTimeout: 180_000 });

const { withPage } = useServerAndBrowser();

/** The public pages a citizen goes through, from the home page to the waiting room. */
async function publicPages(page: Page, lang: Language, all: boolean): Promise<string[]> {
  const points = await page.request.get('/api/v1/organisations/commune-schaerbeek/contact-points');
  const { contactPoints } = (await points.json()) as { contactPoints: Array<{ id: string; code: string }> };
  const counter = contactPoints.find((point) => point.code === 'maison-communale') ?? contactPoints[0]!;
  const textHeavy = [`/${lang}`, `/${lang}/services/eid-card?postalCode=1030`, `/${lang}/contact-points/${counter.id}`, `/${lang}/barometer`];
  if (!all) return textHeavy;
  return [
    `/${lang}`,
    `/${lang}/search?q=${encodeURIComponent('carte identité')}`,
    `/${lang}/search?q=${encodeURIComponent('xyzzy blabla')}`,
    `/${lang}/services/eid-card?postalCode=1030`,
    `/${lang}/contact`,
    `/${lang}/contact/status`,
    `/${lang}/appointments`,
    `/${lang}/help`,
    `/${lang}/barometer`,
    `/${lang}/contact-points/${counter.id}`,
    `/${lang}/contact-points/${counter.id}/kiosk`,
    `/${lang}/contact-points/${counter.id}/board`,
    `/${lang}/accessibility`,
  ];
}

interface Fit {
  scrollWidth: number;
  innerWidth: number;
  /** The elements that reach past the window's right edge, deepest first (what to fix). */
  wider: string[];
  /** Elements whose font-family resolves to a serif (or names no generic sans-serif/monospace fallback). */
  serif: string[];
  typefaceLoaded: boolean;
}

/** Measured in the page: the document's width, the elements wider than the window, and every element's font. */
function measure(page: Page): Promise<Fit> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`;
    const all = [document.documentElement, ...document.body.querySelectorAll('*')];
    const scrolls = (element: Element) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(element).overflowX);
    const clipped = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) if (scrolls(parent)) return true;
      return false;
    };
    const wider = all
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(element))
      .filter((element) => ![...element.children].some((child) => child.getBoundingClientRect().right > window.innerWidth + 0.5))
      .slice(0, 8)
      .map((element) => `${name(element)} (right edge ${Math.round(element.getBoundingClientRect().right)} px)`);
    const serif = new Set<string>();
    for (const element of all) {
      if (element.closest('svg') && element.tagName.toLowerCase() !== 'svg') continue; // drawn with the svg's font
      const family = getComputedStyle(element).fontFamily;
      const generics = family.split(',').map((part) => part.trim().replace(/^["']|["']$/g, ''));
      const last = generics[generics.length - 1];
      if (generics.some((part) => part === 'serif' || /times/i.test(part)) || (last !== 'sans-serif' && last !== 'monospace')) {
        serif.add(`${name(element)}: ${family}`);
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      wider,
      serif: [...serif].slice(0, 8),
      typefaceLoaded: document.fonts.check('16px "Source Sans 3 Variable"') && [...document.fonts].some((face) => face.status === 'loaded'),
    };
  });
}

const WIDTHS = [1280, 390, 320];

describe('public pages on every screen', () => {
  it.each([
    { lang: 'fr' as const, all: true },
    { lang: 'nl' as const, all: false },
    { lang: 'en' as const, all: false },
  ])('fit the window at 320, 390 and 1280 px and use the site typeface ($lang)', ({ lang, all }) =>
    withPage(async (page) => {
      const problems: string[] = [];
      for (const url of await publicPages(page, lang, all)) {
        await page.setViewportSize({ width: WIDTHS[0]!, height: 800 });
        await visit(page, url);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          const fit = await measure(page);
          if (fit.scrollWidth > fit.innerWidth) problems.push(`${url} at ${width} px is ${fit.scrollWidth} px wide: ${fit.wider.join(', ')}`);
          if (fit.serif.length > 0) problems.push(`${url} at ${width} px: serif or no sans-serif fallback: ${fit.serif.join('; ')}`);
          if (!fit.typefaceLoaded) problems.push(`${url} at ${width} px: the typeface Source Sans 3 is not loaded`);
        }
      }
      expect(problems).toEqual([]);
    }),
  );
});
