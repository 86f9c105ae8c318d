// Back-office menu entry of the work instructions and news, shown beside the console's (console/navigation.ts).
import type { NavigationItem } from '../platform/views/menu.ts';
import { canReadAnnouncements } from './authorisation.ts';

export const announcementsNavigation: NavigationItem[] = [
  { section: 'announcements', path: '/announcements', label: 'nav.announcements', visible: canReadAnnouncements },
];
