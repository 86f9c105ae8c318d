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
export const VIDEO_TEMPLATE_MAX = 500;
/** The id the preview fills in (any appointment's id looks like it). */
export const SAMPLE_APPOINTMENT_ID = '3f2b8c1e-7a4d-4e9b-9c0a-5d6e7f8a9b0c';
/** The only placeholder: the appointment's id, a UUID, so that nobody guesses another person's room. */
export const VIDEO_PLACEHOLDERS = ['{id}'] as const;
export const validVideoTemplate = (template: string) => videoTemplateProblem(template) === null;

/**
 * What is wrong with a template an organisation types (decision 0062), as a message key, or null: too long, not
 * an https address with a host, a placeholder other than {id} (or none), a placeholder in the host (the meeting
 * service must be fixed), or a user name and password in the address.
 */
export function videoTemplateProblem(template: string): { code: string; values?: Record<string, string | number> } | null {
  const key = (name: string) => `appointments.videoTemplate.error.${name}`;
  if (template.length > VIDEO_TEMPLATE_MAX) return { code: key('tooLong'), values: { limit: VIDEO_TEMPLATE_MAX } };
  if (!VIDEO_TEMPLATE.test(template)) return { code: key('https') };
  const unknown = (template.match(/\{[^}]*\}?/g) ?? []).find((placeholder) => !(VIDEO_PLACEHOLDERS as readonly string[]).includes(placeholder));
  if (unknown) return { code: key('placeholder'), values: { placeholder: unknown } };
  if (!template.includes('{id}')) return { code: key('idMissing') };
  let url: URL;
  try {
    url = new URL(template.replaceAll('{id}', SAMPLE_APPOINTMENT_ID));
  } catch {
    return { code: key('https') };
  }
  if (url.protocol !== 'https:' || !url.hostname.includes('.')) return { code: key('https') };
  if (url.username || url.password) return { code: key('credentials') };
  if (url.hostname.includes(SAMPLE_APPOINTMENT_ID.toLowerCase())) return { code: key('host') };
  return null;
}

/** The meeting link of a video appointment (null for the other modes). */
export function meetingLink(a: { id: string; mode: AppointmentMode; videoTemplate?: string | null }): string | null {
  if (a.mode !== 'video') return null;
  return (a.videoTemplate || DEFAULT_VIDEO_TEMPLATE).replaceAll('{id}', a.id);
}
