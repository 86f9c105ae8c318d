// Whether a page fits the screen and is drawn in the site's typeface (issue 15): at 1280, 390 and 320 px no page
// is wider than the window (document scrollWidth), no element's font resolves to a serif family or lacks a
// sans-serif fallback, and the self-hosted typeface is loaded. Used by the layout test on every public page and
// by the keyboard booking test at each step of the flow.
import type { Page } from 'playwright-core';

export const WIDTHS = [1280, 390, 320];

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
export function measure(page: Page): Promise<Fit> {
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

/**
 * The page as it is now, measured at each width (the window resized: media and container queries apply at once),
 * then put back at the width it had. Returns what does not fit, one line per width and problem (empty: it fits).
 */
export async function fitProblems(page: Page, label = page.url()): Promise<string[]> {
  const original = page.viewportSize();
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: original?.height ?? 800 });
    const fit = await measure(page);
    if (fit.scrollWidth > fit.innerWidth) problems.push(`${label} at ${width} px is ${fit.scrollWidth} px wide: ${fit.wider.join(', ')}`);
    if (fit.serif.length > 0) problems.push(`${label} at ${width} px: serif or no sans-serif fallback: ${fit.serif.join('; ')}`);
    if (!fit.typefaceLoaded) problems.push(`${label} at ${width} px: the typeface Source Sans 3 is not loaded`);
  }
  if (original) await page.setViewportSize(original);
  return problems;
}
