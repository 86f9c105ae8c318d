// Back-office menu entry of the notifications list.
import type { NavigationItem } from '../platform/views/menu.ts';
import { canReadNotifications } from './authorisation.ts';

export const notificationsNavigation: NavigationItem[] = [
  { section: 'notifications', path: '/notifications', label: 'nav.notifications', visible: canReadNotifications },
];
