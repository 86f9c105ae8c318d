// Back-office menu entry of the competence center (every staff member: their organisation's assessments).
import { everyone, type NavigationItem } from '../platform/views/menu.ts';

export const competenceNavigation: NavigationItem[] = [{ section: 'competence', path: '/competence', label: 'nav.competence', visible: everyone }];
