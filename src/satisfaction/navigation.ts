// Back-office menu entry of satisfaction: shown where it leads somewhere (regional or organisation dashboard).
import type { NavigationItem } from '../platform/views/menu.ts';
import { satisfactionHome } from './authorisation.ts';

export const satisfactionNavigation: NavigationItem[] = [
  { section: 'satisfaction', path: '/satisfaction', label: 'nav.satisfaction', visible: (actor) => satisfactionHome(actor) !== null },
];
