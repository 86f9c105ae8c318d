// The back-office menu, in menu order. Each module lists its own entries with its own predicates in its
// `navigation.ts`; this file only puts them in order (decision 0033). A module that adds a back-office
// screen adds its entry to its own list (and, for a new module, the list here).
import type { Actor } from '../../identity/actor.ts';
import type { NavigationItem } from './menu.ts';
import { accountNavigation, homeNavigation, signInNavigation } from '../../identity/navigation.ts';
import { organisationsNavigation } from '../../organisations/navigation.ts';
import { auditNavigation } from '../../audit/navigation.ts';
import { privacyNavigation } from '../../privacy/navigation.ts';
import { citizensNavigation } from '../../citizens/navigation.ts';
import { integrationsNavigation } from '../../integrations/navigation.ts';
import { catalogueNavigation } from '../../catalogue/navigation.ts';
import { mailNavigation } from '../mail/navigation.ts';
import { smsNavigation } from '../sms/navigation.ts';
import { contactPointsNavigation } from '../../contactpoints/navigation.ts';
import { satisfactionNavigation } from '../../satisfaction/navigation.ts';
import { surveysNavigation } from '../../surveys/navigation.ts';
import { appointmentsNavigation } from '../../appointments/navigation.ts';
import { consoleNavigation } from '../../contactcenter/console/navigation.ts';
import { telephonyNavigation } from '../../telephony/navigation.ts';
import { notificationsNavigation } from '../../notifications/navigation.ts';
import { contactCenterSettingsNavigation } from '../../contactcenter/settings/navigation.ts';
import { queuesNavigation } from '../../queues/navigation.ts';
import { competenceNavigation } from '../../competence/navigation.ts';
import { knowledgeNavigation } from '../../knowledge/navigation.ts';
import { safetyNavigation } from '../../safety/navigation.ts';

export type { NavigationItem };

const ITEMS: readonly NavigationItem[] = [
  ...homeNavigation,
  ...organisationsNavigation,
  ...auditNavigation,
  ...privacyNavigation,
  ...integrationsNavigation,
  ...signInNavigation,
  ...citizensNavigation,
  ...catalogueNavigation,
  ...mailNavigation,
  ...smsNavigation,
  ...contactPointsNavigation,
  ...satisfactionNavigation,
  ...surveysNavigation,
  ...appointmentsNavigation,
  ...consoleNavigation,
  ...notificationsNavigation,
  ...telephonyNavigation,
  ...contactCenterSettingsNavigation,
  ...queuesNavigation,
  ...competenceNavigation,
  ...knowledgeNavigation,
  ...safetyNavigation,
  ...accountNavigation,
];

export function backOfficeNavigation(actor: Actor): NavigationItem[] {
  return ITEMS.filter((item) => item.visible(actor));
}
