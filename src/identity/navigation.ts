// Back-office menu entries of identity: the back-office home first, the own password last.
import { everyone, type NavigationItem } from '../platform/views/menu.ts';
import { canConfigureSomeSignIn } from './oidc/authorisation.ts';

export const homeNavigation: NavigationItem[] = [{ section: 'home', path: '/back-office', label: 'nav.backOfficeHome', visible: everyone }];
export const accountNavigation: NavigationItem[] = [
  { section: 'password', path: '/account/password', label: 'nav.password', visible: everyone },
  { section: 'two-factor', path: '/account/two-factor', label: 'nav.twoFactor', visible: everyone },
];

/** The organisation's sign-in through its own OpenID provider (decision 0040): its managers, administrators. */
export const signInNavigation: NavigationItem[] = [{ section: 'sign-in', path: '/admin/sign-in', label: 'nav.signIn', visible: canConfigureSomeSignIn }];
