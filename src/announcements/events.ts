// The events of the readers' own streams (/api/v1/events/me) when a message is published or read: ids only;
// the navigation's unread count is read again on each (decision 0063).
export const ANNOUNCEMENT_EVENTS = { published: 'announcement.published', read: 'announcement.read' } as const;
