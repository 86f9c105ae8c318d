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
}

/** An entry every signed-in staff member sees. */
export const everyone = (): boolean => true;
