// Back-office menu entry of agent safety (every staff member may report an incident).
import { everyone, type NavigationItem } from '../platform/views/menu.ts';

export const safetyNavigation: NavigationItem[] = [{ section: 'safety', path: '/safety', label: 'nav.safety', visible: everyone }];
