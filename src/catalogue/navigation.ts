// Back-office menu entries of the catalogue.
import type { NavigationItem } from '../platform/views/menu.ts';
import { canSeeUnmetQuestions, canUseCatalogueBackOffice } from './authorisation.ts';

export const catalogueNavigation: NavigationItem[] = [
  { section: 'catalogue', path: '/admin/catalogue', label: 'nav.catalogue', visible: canUseCatalogueBackOffice },
  // The searches that found nothing good, month by month: the competence center's view of what people miss.
  { section: 'unmet-questions', path: '/competence/unmet-questions', label: 'nav.unmetQuestions', visible: canSeeUnmetQuestions },
];
