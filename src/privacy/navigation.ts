// Back-office menu entry of data protection: subject requests, retention and register, support access.
import type { NavigationItem } from '../platform/views/menu.ts';
import { canUsePrivacyBackOffice } from './authorisation.ts';

export const privacyNavigation: NavigationItem[] = [{ section: 'privacy', path: '/admin/privacy', label: 'nav.privacy', visible: canUsePrivacyBackOffice }];
