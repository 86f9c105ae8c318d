// The events an organisation can subscribe to and their CloudEvents 1.0 form (structured mode, JSON). Data
// carries what identifies the thing and its state (reference, status, organisation, service code); personal
// data (names, e-mail addresses, message texts) only for a subscription with the `personal-data` scope.
import { randomUUID } from 'node:crypto';

export const WEBHOOK_EVENTS = [
  'request.created',
  'request.status_changed',
  'request.closed',
  'task.created',
  'task.answered',
  'appointment.booked',
  'appointment.moved',
  'appointment.cancelled',
  'ticket.called',
  'feedback.received',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_SCOPES = ['personal-data'] as const;
export type WebhookScope = (typeof WEBHOOK_SCOPES)[number];

/** Reverse-DNS prefix of every event type: `brussels.irisdesk.request.created`. */
export const EVENT_TYPE_PREFIX = 'brussels.irisdesk.';

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

type Scalar = string | number | boolean | null;
/** What an event says: `data` for every subscriber, `personal` added for those with the personal-data scope. */
export interface EventContent {
  data: Record<string, Scalar>;
  personal?: Record<string, Scalar> | undefined;
  /** CloudEvents `subject`: what the event is about within the source (a request reference, an appointment id). */
  subject?: string | undefined;
}

export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  datacontenttype: 'application/json';
  data: Record<string, Scalar>;
}

/** The CloudEvent one subscription receives. */
export function cloudEvent(
  input: { id?: string; publicUrl: string; organisationCode: string; type: WebhookEvent; time?: Date },
  content: EventContent,
  withPersonalData: boolean,
): CloudEvent {
  return {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: `${input.publicUrl.replace(/\/$/, '')}/organisations/${input.organisationCode}`,
    type: EVENT_TYPE_PREFIX + input.type,
    ...(content.subject ? { subject: content.subject } : {}),
    time: (input.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    data: { ...content.data, ...(withPersonalData && content.personal ? content.personal : {}) },
  };
}
