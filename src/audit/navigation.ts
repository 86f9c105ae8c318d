// Back-office menu entry of the audit log.
import type { NavigationItem } from '../platform/views/menu.ts';
import { canReviewAudit } from './authorisation.ts';

export const auditNavigation: NavigationItem[] = [{ section: 'audit', path: '/admin/audit', label: 'nav.audit', visible: canReviewAudit }];
