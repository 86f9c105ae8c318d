// Back-office menu entry of the contact points.
import type { NavigationItem } from '../platform/views/menu.ts';
import { canUseContactPointAdmin } from './authorisation.ts';

export const contactPointsNavigation: NavigationItem[] = [
  { section: 'contact-points', path: '/admin/contact-points', label: 'nav.contactPoints', visible: canUseContactPointAdmin },
];
