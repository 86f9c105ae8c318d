// The TypeBox schemas of the live chat's API (the public contract of issue 19 and the console's JSON side).
import { Type } from 'typebox';
import { BoundedInteger, Nullable, Text } from '../platform/http/schemas.ts';
import { CONTACT_OUTCOMES } from '../contactcenter/model.ts';

export const ChatParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'The chat' }) });

export const OpenChatBody = Type.Object(
  {
    language: Text({ maxLength: 10, description: 'fr, nl or en: the language of the chat (and of error messages)' }),
    serviceCode: Type.Optional(Nullable(Text({ maxLength: 200, description: 'Catalogue code of the service the question is about' }))),
    postalCode: Type.Optional(Nullable(Text({ maxLength: 20, description: 'Belgian postal code: routes commune and CPAS services' }))),
    name: Type.Optional(Nullable(Text({ maxLength: 2000, description: 'How the user wants to be called (optional)' }))),
  },
  { additionalProperties: false },
);

export const OpenedChat = Type.Object({
  id: Type.String({ format: 'uuid' }),
  token: Type.String({ description: 'The chat’s secret: send it as Authorization: Bearer <token> (and ?token= on the event stream only)' }),
});

export const MessageBody = Type.Object({ text: Text({ maxLength: 20_000, description: 'At most 2000 characters' }) }, { additionalProperties: false });

export const ChatMessageSchema = Type.Object({
  from: Type.Enum(['user', 'agent', 'system']),
  text: Type.String(),
  at: Type.String({ format: 'date-time' }),
});

export const ChatViewSchema = Type.Object({
  status: Type.Enum(['waiting', 'active', 'closed', 'converted']),
  messages: Type.Array(ChatMessageSchema),
  position: Type.Optional(Type.Integer({ description: 'While waiting: 1 = next to be answered' })),
  reference: Type.Optional(Type.String({ description: 'Once converted: the contact request’s reference' })),
  feedbackUrl: Type.Optional(Type.String({ description: 'Once the agent closed the chat: the satisfaction questionnaire for it' })),
  closedBecause: Type.Optional(
    Type.Enum(['away', 'idle'], {
      description:
        'Only for a chat closed without its agent: "away" = the user was gone for some minutes while waiting (it may still be converted), "idle" = nobody wrote for too long',
    }),
  ),
  wait: Type.Optional(
    Type.Object({
      agentsAvailable: Type.Boolean({ description: 'false: nobody can answer now; converting the chat is offered' }),
      estimatedSeconds: Nullable(Type.Integer(), { description: 'From recent chats; null when there is no basis for an estimate' }),
    }),
  ),
});

export const ConvertBody = Type.Object(
  {
    email: Type.Optional(Nullable(Text({ maxLength: 2000, description: 'Where the receipt and the answer go' }))),
    phone: Type.Optional(Nullable(Text({ maxLength: 100, description: 'For the reference and status link by SMS (E.164 or a Belgian national form)' }))),
  },
  { additionalProperties: false },
);

export const TranscriptBody = Type.Object(
  { email: Text({ maxLength: 2000, description: 'Where the transcript goes (at most 3 per chat)' }) },
  { additionalProperties: false },
);

export const AvailabilityBody = Type.Object(
  { available: Type.Boolean(), capacity: BoundedInteger({ minimum: 1, maximum: 10, description: 'Chats at once' }) },
  { additionalProperties: false },
);

export const AgentStateSchema = Type.Object({ available: Type.Boolean(), capacity: Type.Integer(), active: Type.Integer() });

export const CloseBody = Type.Object({ outcome: Type.Enum(CONTACT_OUTCOMES) }, { additionalProperties: false });

export const ConsoleChatSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.Enum(['waiting', 'active', 'closed', 'converted']),
  language: Type.String(),
  name: Nullable(Type.String()),
  serviceCode: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  lastMessage: Nullable(Type.String()),
});
