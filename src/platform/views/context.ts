// What every page needs to render: the language, the translator, who is looking, and where they are.
// Passed through Preact context so components deep in a page do not thread it by hand.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Language } from '../i18n/languages.ts';
import type { Translate } from '../i18n/messages.ts';
import type { Actor } from '../../identity/actor.ts';

export interface PageContextValue {
  lang: Language;
  t: Translate;
  actor: Actor | null;
  /** The path after the language prefix, with its query string (e.g. "/login?next=%2Ffr"), for the language switch. */
  pathWithoutLang: string;
  /** True when the page lives under a language prefix (so it exists in the other languages too). */
  localized: boolean;
  /** Returns the CSRF token for this response (sets its cookie on first use). */
  csrfToken: () => string;
  /** URLs of the stylesheet, script, icon and the typeface file to preload (content-hashed). */
  assets: { css: string; js: string; icon: string; font?: string };
  /** PUBLIC_URL without its trailing slash: the origin of absolute links (hreflang alternates). */
  publicUrl: string;
}

export const PageContext = createContext<PageContextValue | null>(null);

export function usePage(): PageContextValue {
  const value = useContext(PageContext);
  if (!value) throw new Error('usePage() outside a rendered page');
  return value;
}
