// The shape of a back-office menu entry. Each module lists its own entries, with its own predicates, in its
// `navigation.ts`; `navigation.ts` here puts them in menu order (decision 0033).
import type { Actor } from '../../identity/actor.ts';

export interface NavigationItem {
  section: string;
  /** Path after the language prefix. */
  path: string;
  /** Message key of the label. */
  label: string;
  visible: (actor: Actor) => boolean;
  /**
   * A count shown with the entry ("2 unread"), filled in and kept live by enhance.js: `key` of the JSON that
   * `source` answers, read again on each of the `events` of the person's stream (/api/v1/events/me).
   * `label` is a message key with {count}. Nothing is shown without JavaScript, nor while the count is 0.
   */
  count?: { key: string; source: string; events: readonly string[]; label: string } | undefined;
}

/** An entry every signed-in staff member sees. */
export const everyone = (): boolean => true;
