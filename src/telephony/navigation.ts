// Back-office menu entry of the telephony integration: the calls page, for everyone who uses the console.
import type { NavigationItem } from '../platform/views/menu.ts';
import { canUseConsole } from '../contactcenter/console/authorisation.ts';

export const telephonyNavigation: NavigationItem[] = [{ section: 'calls', path: '/console/calls', label: 'nav.calls', visible: canUseConsole }];
