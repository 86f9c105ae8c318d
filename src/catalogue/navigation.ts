// Back-office menu entry of the catalogue.
import type { NavigationItem } from '../platform/views/menu.ts';
import { canUseCatalogueBackOffice } from './authorisation.ts';

export const catalogueNavigation: NavigationItem[] = [{ section: 'catalogue', path: '/admin/catalogue', label: 'nav.catalogue', visible: canUseCatalogueBackOffice }];
