// The realtime endpoint of the signed-in staff member, and the shutdown hooks of the process's streams.
import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, Text } from '../http/schemas.ts';
import { requireActorPage } from '../../identity/guards.ts';
import { channels } from './channels.ts';

export function realtimeRoutes(app: App, { realtime }: Services) {
  // Open streams would keep the server from closing: end them first, then stop listening.
  app.addHook('preClose', async () => realtime.hub.endStreams());
  app.addHook('onClose', async () => realtime.close());

  app.get(
    '/api/v1/events/me',
    {
      schema: {
        tags: ['realtime'],
        summary: 'Server-Sent Events for the signed-in staff member (text/event-stream)',
        description:
          'Each event has an id, a type (the SSE event name) and JSON data. Reconnect with Last-Event-ID to receive ' +
          'missed events; a "resync" event means some may have been missed and the page should reload its state.',
        security: [{ session: [] }],
        querystring: Type.Object({ lastEventId: Type.Optional(Text({ maxLength: 30 })) }),
        response: {
          200: {
            description: 'A stream of events: "id: <id>", "event: <type>", "data: <JSON>" lines, and heartbeat comments',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          ...errorResponses(401),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      await realtime.streamEvents(request, reply, [channels.account(actor.accountId)]);
      return reply;
    },
  );
}
