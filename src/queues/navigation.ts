// Back-office menu entry of the counters.
import type { NavigationItem } from '../platform/views/menu.ts';
import { canUseQueues } from './authorisation.ts';

export const queuesNavigation: NavigationItem[] = [{ section: 'queues', path: '/queues', label: 'nav.queues', visible: canUseQueues }];
