// Back-office menu entry of citizen sign-in: the region's identity provider settings (decision 0060).
import type { NavigationItem } from '../platform/views/menu.ts';
import { canConfigureCitizenProvider } from './provider-settings.ts';

export const citizensNavigation: NavigationItem[] = [
  { section: 'citizen-sign-in', path: '/admin/citizen-sign-in', label: 'nav.citizenSignIn', visible: canConfigureCitizenProvider },
];
