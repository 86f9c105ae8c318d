// How an appointment takes place (issue 19, part 4b; decision 0056): at the counter, by phone (the agent calls the
// person at the time, on the number they gave) or by video (a meeting room per appointment, its link built from the
// organisation's template, e.g. https://meet.jit.si/irisdesk-{id}). Each (contact point, service) offers some modes.

export const APPOINTMENT_MODES = ['counter', 'phone', 'video'] as const;
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number];

export const isAppointmentMode = (value: unknown): value is AppointmentMode => APPOINTMENT_MODES.includes(value as AppointmentMode);

/** The link of an organisation that set none: a Jitsi Meet room named after the appointment (unguessable id). */
export const DEFAULT_VIDEO_TEMPLATE = 'https://meet.jit.si/irisdesk-{id}';

/** An https URL holding {id} once at least, without spaces, as the database's CHECK says. */
export const VIDEO_TEMPLATE = /^https:\/\/\S+$/;
export const validVideoTemplate = (template: string) => VIDEO_TEMPLATE.test(template) && template.includes('{id}') && template.length <= 500;

/** The meeting link of a video appointment (null for the other modes). */
export function meetingLink(a: { id: string; mode: AppointmentMode; videoTemplate?: string | null }): string | null {
  if (a.mode !== 'video') return null;
  return (a.videoTemplate || DEFAULT_VIDEO_TEMPLATE).replaceAll('{id}', a.id);
}
