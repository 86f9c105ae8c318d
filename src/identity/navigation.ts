// Back-office menu entries of identity: the back-office home first, the own password last.
import { everyone, type NavigationItem } from '../platform/views/menu.ts';

export const homeNavigation: NavigationItem[] = [{ section: 'home', path: '/back-office', label: 'nav.backOfficeHome', visible: everyone }];
export const accountNavigation: NavigationItem[] = [
  { section: 'password', path: '/account/password', label: 'nav.password', visible: everyone },
  { section: 'two-factor', path: '/account/two-factor', label: 'nav.twoFactor', visible: everyone },
];
