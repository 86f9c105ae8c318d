// The back-office menu: one entry per screen, shown to the roles that may use it.
// A module that adds a back-office screen adds its entry here.
import { hasRole, type Actor } from '../../identity/actor.ts';

export interface NavigationItem {
  section: string;
  /** Path after the language prefix. */
  path: string;
  /** Message key of the label. */
  label: string;
  visible: (actor: Actor) => boolean;
}

const ITEMS: NavigationItem[] = [
  { section: 'home', path: '/back-office', label: 'nav.backOfficeHome', visible: () => true },
  {
    section: 'organisations',
    path: '/admin/organisations',
    label: 'nav.organisations',
    visible: (actor) => hasRole(actor, 'platform_admin', 'organisation_manager'),
  },
  {
    section: 'accounts',
    path: '/admin/accounts',
    label: 'nav.accounts',
    visible: (actor) => hasRole(actor, 'platform_admin', 'organisation_manager'),
  },
  {
    section: 'audit',
    path: '/admin/audit',
    label: 'nav.audit',
    visible: (actor) => hasRole(actor, 'platform_admin', 'organisation_manager'),
  },
  {
    section: 'integrations',
    path: '/admin/integrations',
    label: 'nav.integrations',
    visible: (actor) => hasRole(actor, 'organisation_manager'),
  },
  {
    section: 'catalogue',
    path: '/admin/catalogue',
    label: 'nav.catalogue',
    visible: (actor) => hasRole(actor, 'platform_admin', 'content_editor'),
  },
  { section: 'mail', path: '/admin/mail', label: 'nav.mail', visible: (actor) => hasRole(actor, 'platform_admin') },
  {
    section: 'contact-points',
    path: '/admin/contact-points',
    label: 'nav.contactPoints',
    visible: (actor) => hasRole(actor, 'platform_admin', 'organisation_manager', 'content_editor'),
  },
  {
    section: 'satisfaction',
    path: '/satisfaction',
    label: 'nav.satisfaction',
    visible: (actor) => hasRole(actor, 'platform_admin', 'organisation_manager', 'regional_analyst'),
  },
  {
    section: 'surveys',
    path: '/admin/surveys',
    label: 'nav.surveys',
    visible: (actor) => hasRole(actor, 'platform_admin', 'organisation_manager', 'content_editor', 'regional_analyst'),
  },
  {
    section: 'agenda',
    path: '/agenda',
    label: 'nav.agenda',
    visible: (actor) => hasRole(actor, 'platform_admin', 'organisation_manager', 'first_line_agent', 'second_line_agent'),
  },
  {
    section: 'appointment-settings',
    path: '/admin/appointments',
    label: 'nav.appointmentSettings',
    visible: (actor) => hasRole(actor, 'platform_admin', 'organisation_manager'),
  },
  {
    section: 'console',
    path: '/console',
    label: 'nav.console',
    visible: (actor) => hasRole(actor, 'first_line_agent', 'second_line_agent', 'organisation_manager'),
  },
  {
    section: 'contact-center-settings',
    path: '/admin/contact-center',
    label: 'nav.contactCenterSettings',
    visible: (actor) => hasRole(actor, 'platform_admin', 'organisation_manager'),
  },
  {
    section: 'queues',
    path: '/queues',
    label: 'nav.queues',
    visible: (actor) => hasRole(actor, 'first_line_agent', 'second_line_agent', 'organisation_manager'),
  },
  { section: 'competence', path: '/competence', label: 'nav.competence', visible: () => true },
  { section: 'knowledge', path: '/admin/knowledge', label: 'nav.knowledge', visible: () => true },
  { section: 'safety', path: '/safety', label: 'nav.safety', visible: () => true },
  { section: 'password', path: '/account/password', label: 'nav.password', visible: () => true },
];

export function backOfficeNavigation(actor: Actor): NavigationItem[] {
  return ITEMS.filter((item) => item.visible(actor));
}
