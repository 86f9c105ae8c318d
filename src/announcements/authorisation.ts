// Who may read and who may publish work instructions and news (issue 17 item 7): every member of the console
// reads the messages of their organisation (and of their units); the organisation's managers (the
// coordinators) publish them and see who confirmed the important ones.
import { hasRole, type Actor } from '../identity/actor.ts';
import { canUseConsole } from '../contactcenter/console/authorisation.ts';

/** May open the news page (the console's staff). */
export function canReadAnnouncements(actor: Actor | null): actor is Actor {
  return canUseConsole(actor);
}

/** May publish to this organisation and see its confirmations. */
export function canPublishAnnouncements(actor: Actor | null, organisationId: string): boolean {
  return hasRole(actor, 'organisation_manager') && actor!.organisationId === organisationId;
}

/** May read this message: it is for the actor's organisation, and for the whole of it or a unit of the actor. */
export function canReadAnnouncement(actor: Actor | null, announcement: { organisationId: string; unitId: string | null }): boolean {
  if (!canReadAnnouncements(actor) || actor.organisationId !== announcement.organisationId) return false;
  return announcement.unitId === null || actor.unitIds.includes(announcement.unitId) || canPublishAnnouncements(actor, announcement.organisationId);
}
