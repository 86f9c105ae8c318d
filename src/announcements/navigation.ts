// Back-office menu entry of the work instructions and news, shown beside the console's (console/navigation.ts),
// with the live count of those not read yet (one of the console's unread counts, decision 0063).
import type { NavigationItem } from '../platform/views/menu.ts';
import { canReadAnnouncements } from './authorisation.ts';
import { ANNOUNCEMENT_EVENTS } from './events.ts';

export const announcementsNavigation: NavigationItem[] = [
  {
    section: 'announcements',
    path: '/announcements',
    label: 'nav.announcements',
    visible: canReadAnnouncements,
    count: {
      key: 'announcements',
      source: '/api/v1/console/unread',
      events: [ANNOUNCEMENT_EVENTS.published, ANNOUNCEMENT_EVENTS.read],
      label: 'announcements.navCount',
    },
  },
];
