// Back-office menu entries of appointments: the agents' agenda and the managers' settings.
import type { NavigationItem } from '../platform/views/menu.ts';
import { canConfigureAppointments, canUseAgenda } from './authorisation.ts';

export const appointmentsNavigation: NavigationItem[] = [
  { section: 'agenda', path: '/agenda', label: 'nav.agenda', visible: canUseAgenda },
  {
    section: 'appointment-settings',
    path: '/admin/appointments',
    label: 'nav.appointmentSettings',
    visible: (actor) => canConfigureAppointments(actor, actor.organisationId),
  },
];
