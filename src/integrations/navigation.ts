// Back-office menu entry of the integrations (API tokens, webhooks): the organisation's managers.
import type { NavigationItem } from '../platform/views/menu.ts';
import { canManageWebhooks } from './authorisation.ts';

export const integrationsNavigation: NavigationItem[] = [
  { section: 'integrations', path: '/admin/integrations', label: 'nav.integrations', visible: (actor) => canManageWebhooks(actor, actor.organisationId) },
];
