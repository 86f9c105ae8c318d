// Back-office menu entry of the contact center's settings.
import type { NavigationItem } from '../../platform/views/menu.ts';
import { canOpenContactCenterSettings } from './authorisation.ts';

export const contactCenterSettingsNavigation: NavigationItem[] = [
  { section: 'contact-center-settings', path: '/admin/contact-center', label: 'nav.contactCenterSettings', visible: canOpenContactCenterSettings },
];
