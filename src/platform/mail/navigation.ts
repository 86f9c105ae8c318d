// Back-office menu entry of the outgoing mail.
import type { NavigationItem } from '../views/menu.ts';
import { canReadOutgoingMail } from './authorisation.ts';

export const mailNavigation: NavigationItem[] = [{ section: 'mail', path: '/admin/mail', label: 'nav.mail', visible: canReadOutgoingMail }];
