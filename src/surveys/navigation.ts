// Back-office menu entry of the custom surveys.
import type { NavigationItem } from '../platform/views/menu.ts';
import { usesSurveys } from './authorisation.ts';

export const surveysNavigation: NavigationItem[] = [{ section: 'surveys', path: '/admin/surveys', label: 'nav.surveys', visible: usesSurveys }];
