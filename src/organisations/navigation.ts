// Back-office menu entries of organisations and staff accounts.
import type { NavigationItem } from '../platform/views/menu.ts';
import { managesOrganisations } from './authorisation.ts';

export const organisationsNavigation: NavigationItem[] = [
  { section: 'organisations', path: '/admin/organisations', label: 'nav.organisations', visible: managesOrganisations },
  { section: 'accounts', path: '/admin/accounts', label: 'nav.accounts', visible: managesOrganisations },
];
