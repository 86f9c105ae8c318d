// Back-office menu entry of the agent console.
import type { NavigationItem } from '../../platform/views/menu.ts';
import { canUseConsole } from './authorisation.ts';
import { announcementsNavigation } from '../../announcements/navigation.ts';

export const consoleNavigation: NavigationItem[] = [
  { section: 'console', path: '/console', label: 'nav.console', visible: canUseConsole },
  ...announcementsNavigation,
];
