// Back-office menu entry of the text messages.
import type { NavigationItem } from '../views/menu.ts';
import { canReadTextMessages } from './authorisation.ts';

export const smsNavigation: NavigationItem[] = [{ section: 'sms', path: '/admin/sms', label: 'nav.sms', visible: canReadTextMessages }];
