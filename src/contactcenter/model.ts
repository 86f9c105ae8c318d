// The contact center's vocabulary, shared by intake, console, SLA and the counters (src/queues,
// src/appointments record their served visits as contacts). Mirrors the CHECK constraints of
// migration 0007_contact_center.sql ('chat' added by 0037_chat.sql, issue 19).
export const CONTACT_CHANNELS = ['web', 'email', 'phone', 'counter', 'chat'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const REQUEST_STATUSES = ['new', 'open', 'waiting_user', 'waiting_second_line', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const CONTACT_OUTCOMES = ['answered_first_contact', 'task_to_back_office', 'callback_requested', 'redirected', 'abandoned'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const SLA_STATES = ['ok', 'warning', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const MESSAGE_KINDS = ['inbound', 'outbound', 'note', 'event'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const TASK_KINDS = ['question', 'callback'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
