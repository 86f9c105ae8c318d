// Every realtime channel name, built in one place (decision 0029): a publisher and its listeners cannot drift
// apart by spelling a name differently. This file imports nothing, so any module (and the realtime routes)
// can use it without making an import cycle.

export const channels = {
  /** One staff member: assignments, tasks, safety alerts (the stream of /api/v1/events/me). */
  account: (accountId: string) => `account:${accountId}`,
  /** The contact center of one organisation: every request and task event its consoles show. */
  organisation: (organisationId: string) => `cc:org:${organisationId}`,
  /** One unit's contact-center inbox. */
  unit: (unitId: string) => `cc:unit:${unitId}`,
  /** The managers of one organisation's contact center (SLA breaches). */
  organisationManagers: (organisationId: string) => `cc:managers:${organisationId}`,
  /** The display board and ticket pages of one contact point's queues. */
  contactPointBoard: (contactPointId: string) => `contact-point:${contactPointId}:board`,

  /** One live chat: its messages, typing and status, for the user's stream and the agent's (issue 19). */
  chat: (chatId: string) => `chat:${chatId}`,
  /** The chat queue of one organisation: chats waiting, taken, ended (ids only), for consoles and positions. */
  chatQueue: (organisationId: string) => `chat:queue:${organisationId}`,

  /** Who is viewing or replying to one contact-center request (presence, issue 17): its open request pages. */
  requestPresence: (requestId: string) => `cc:request:${requestId}`,

  /** The channels of one contact-center request: its organisation, its unit and its assignee, if any. */
  ofRequest(request: { organisationId: string; unitId?: string | null; assigneeId?: string | null }): string[] {
    const names = [channels.organisation(request.organisationId)];
    if (request.unitId) names.push(channels.unit(request.unitId));
    if (request.assigneeId) names.push(channels.account(request.assigneeId));
    return names;
  },
} as const;
