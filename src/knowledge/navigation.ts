// Back-office menu entry of the knowledge base (every staff member reads it).
import { everyone, type NavigationItem } from '../platform/views/menu.ts';

export const knowledgeNavigation: NavigationItem[] = [{ section: 'knowledge', path: '/admin/knowledge', label: 'nav.knowledge', visible: everyone }];
