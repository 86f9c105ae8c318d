// Live chat (issue 19, decision 0039): a user opens a chat on a public page and holds a bearer token for it;
// the chat is routed like every contact (the intake's `route`: the competent organisation, else the regional
// first line) and waits in that organisation's queue until an agent who set themselves available, within
// their capacity, accepts it. Every change is published in its transaction on `chat:{id}` (the user's and the
// agent's streams) and `chat:queue:{org}` (consoles, queue positions), so any instance sees it through
// PostgreSQL NOTIFY. When nobody is available, the user converts the chat: the whole transcript becomes a
// contact request on channel "chat", whose reference answers the public status look-up.
//
//   chatService(db, { contactCenter, sms, publicUrl, limits? })
//     .open(input, address) → { id, token }          .view(id, token) → ChatView
//     .post(id, token, text)                          .typing(id, token)
//     .convert(id, token, { email?, phone? }) → { reference }
//     .sendTranscript(id, token, email)               (by e-mail, in the chat's language; at most 3 per chat)
//     .availability(actor) / .setAvailability(actor, { available, capacity })
//     .list(actor) / .show(actor, id) / .accept(actor, id) / .reply(actor, id, text) / .close(actor, id, outcome)
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../platform/db/database.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { isLanguage, type Language } from '../platform/i18n/languages.ts';
import { translator } from '../platform/i18n/messages.ts';
import { channels } from '../platform/realtime/channels.ts';
import type { RealtimeService } from '../platform/realtime/service.ts';
import { normalisePhoneNumber } from '../platform/sms/phone.ts';
import type { SmsService } from '../platform/sms/service.ts';
import type { MailService } from '../platform/mail/service.ts';
import type { SatisfactionService } from '../satisfaction/service.ts';
import { recordAudit, recordReadOnce } from '../audit/service.ts';
import type { ContactCenterService } from '../contactcenter/intake/service.ts';
import { statusLink } from '../contactcenter/requests.ts';
import type { ContactOutcome } from '../contactcenter/model.ts';
import type { Actor } from '../identity/actor.ts';
import { authorise } from '../identity/guards.ts';
import { canTakeChats, canWorkOnChat } from './authorisation.ts';
import * as repo from './repository.ts';
import { addMessage, announce, announceQueue, closeChat, toMessage, type ChatMessage } from './conversation.ts';
import { chatExpiry, type ChatExpirySettings } from './expiry.ts';

export const MESSAGE_MAX = 2000;
export const NAME_MAX = 200;
export const CAPACITY_MAX = 10;
/** Transcripts one chat may send by e-mail: enough for a typo, too few to relay mail. */
export const TRANSCRIPTS_MAX = 3;

export interface ChatLimits {
  /** Chats one address may open per hour. */
  chatsPerAddressPerHour: number;
  /** Messages the user may send in one chat per minute. */
  messagesPerMinute: number;
}
export const DEFAULT_LIMITS: ChatLimits = { chatsPerAddressPerHour: 10, messagesPerMinute: 20 };

const EMAIL = /^[^\s<>@",;()[\]\\]{1,64}@[^\s<>@",;()[\]\\.]+(\.[^\s<>@",;()[\]\\.]+)+$/;
const SERVICE_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type ChatSender = repo.ChatSender;
export type ChatStatus = repo.ChatStatus;

export type { ChatMessage };

export interface ChatView {
  status: ChatStatus;
  language: Language;
  messages: ChatMessage[];
  /** 1 = next to be answered; only while waiting. */
  position?: number;
  /** Only once converted. */
  reference?: string;
  /** Once closed by the agent: the standard satisfaction questionnaire for this chat. */
  feedbackUrl?: string;
  /**
   * Only when the chat was closed without its agent (decision 0062): the user went away while waiting (the chat
   * may still be converted: nothing written is lost), or nobody wrote for too long in the conversation.
   */
  closedBecause?: 'away' | 'idle';
  /**
   * An honest wait, only while waiting: whether anyone is available at all (if not, conversion is offered) and
   * an estimate in seconds when recent chats give one (null: no basis to estimate).
   */
  wait?: { agentsAvailable: boolean; estimatedSeconds: number | null };
}

export function hashChatToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function addressHash(address: string): string {
  return createHash('sha256').update(`chat:${address}`).digest('hex').slice(0, 32);
}

/** The transcript as text, in the chat's language: "[HH:MM UTC] Speaker: text", system messages left out. */
export function transcriptText(messages: repo.ChatMessageRow[], t: (key: string) => string): string {
  const said = messages.filter((m) => m.sender !== 'system');
  const speaker = { user: t('chat.transcript.user'), agent: t('chat.transcript.agent'), system: t('chat.transcript.system') };
  return said.length
    ? said.map((m) => `[${new Date(m.createdAt).toISOString().slice(11, 16)} UTC] ${speaker[m.sender]}: ${m.body}`).join('\n\n')
    : t('chat.transcript.empty');
}

/** The text of a message: trimmed, required, at most MESSAGE_MAX characters (field errors otherwise). */
export function validText(text: unknown, field = 'text'): string {
  const value = typeof text === 'string' ? text.trim() : '';
  if (!value) throw new AppError(400, 'validation.failed', { fields: [{ field, code: 'chat.field.text_required' }] });
  if (value.length > MESSAGE_MAX)
    throw new AppError(400, 'validation.failed', { fields: [{ field, code: 'chat.field.text_too_long', values: { limit: MESSAGE_MAX } }] });
  return value;
}

/**
 * An honest wait from the queue's figures: none available → nobody (no estimate); free places for everyone
 * ahead → 0; otherwise the recent median wait per place ahead, only when at least 3 chats were accepted in
 * the last two hours, rounded up to the minute.
 */
export function estimateWait(
  position: number,
  figures: { agents: number; freePlaces: number; medianWaitSeconds: number | null; recent: number },
): { agentsAvailable: boolean; estimatedSeconds: number | null } {
  if (figures.agents === 0) return { agentsAvailable: false, estimatedSeconds: null };
  if (figures.freePlaces >= position) return { agentsAvailable: true, estimatedSeconds: 0 };
  if (figures.medianWaitSeconds === null || figures.recent < 3) return { agentsAvailable: true, estimatedSeconds: null };
  const ahead = position - figures.freePlaces;
  const seconds = (figures.medianWaitSeconds * ahead) / Math.max(figures.agents, 1);
  return { agentsAvailable: true, estimatedSeconds: Math.max(60, Math.ceil(seconds / 60) * 60) };
}

export interface ChatDeps {
  contactCenter: Pick<ContactCenterService, 'route' | 'createRequest' | 'recordContact'>;
  sms: Pick<SmsService, 'send'>;
  mail: Pick<MailService, 'send'>;
  satisfaction: Pick<SatisfactionService, 'createFeedbackInvitation'>;
  /** Whether a waiting user's event stream is still open on some instance (the expiry's sign of life). */
  realtime: Pick<RealtimeService, 'presentChannels'>;
  publicUrl: string;
  limits?: Partial<ChatLimits> | undefined;
  expiry?: Partial<ChatExpirySettings> | undefined;
}

export function chatService(db: Database, { contactCenter, sms, mail, satisfaction, realtime, publicUrl, limits: given, expiry: expirySettings }: ChatDeps) {
  const limits: ChatLimits = { ...DEFAULT_LIMITS, ...given };
  const expiry = chatExpiry(db, { contactCenter, satisfaction, realtime, settings: expirySettings });

  /**
   * The user's chat, or 404 for an unknown id and a wrong token alike (the same work either way). Every call
   * with the token is a sign that the user is still there (the expiry of waiting chats, decision 0062).
   */
  async function userChat(q: Queryable, id: string, token: string | undefined): Promise<repo.ChatRow> {
    const shaped = typeof token === 'string' && TOKEN_SHAPE.test(token);
    const hash = hashChatToken(shaped ? token : 'x'.repeat(43));
    const chat = shaped && isUuid(id) ? await repo.chatByToken(q, id, hash) : undefined;
    if (!chat) throw new AppError(404, 'chat.not_found');
    if (chat.status === 'waiting' || chat.status === 'active') await repo.touchUser(q, chat.id);
    return chat;
  }

  async function viewOf(q: Queryable, chat: repo.ChatRow): Promise<ChatView> {
    const view: ChatView = { status: chat.status, language: chat.language, messages: (await repo.messagesOf(q, chat.id)).map(toMessage) };
    if (chat.status === 'waiting') {
      view.position = await repo.queuePosition(q, chat);
      view.wait = estimateWait(view.position, await repo.queueFigures(q, chat.organisationId));
    }
    if (chat.reference) view.reference = chat.reference;
    if (chat.feedbackUrl) view.feedbackUrl = chat.feedbackUrl;
    if (chat.status === 'closed' && (chat.endReason === 'away' || chat.endReason === 'idle')) view.closedBecause = chat.endReason;
    return view;
  }

  async function staffChat(q: Queryable, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<repo.ChatRow> {
    // A malformed id (a form post re-rendered after its validation failed) is not found, never sent to SQL.
    const chat = isUuid(id) ? await repo.chatById(q, id, options) : undefined;
    // Another organisation's chat is not found, as an unknown one.
    if (!chat || !canWorkOnChat(actor, chat)) throw new AppError(404, 'chat.not_found');
    return chat;
  }

  return {
    limits,

    /** Opens a chat: routed like every contact; to the first line when the competent organisation has nobody available and it has. */
    async open(
      input: { language?: unknown; serviceCode?: unknown; postalCode?: unknown; name?: unknown },
      address: string,
    ): Promise<{ id: string; token: string }> {
      const fields: FieldError[] = [];
      const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
      const serviceCode = str(input.serviceCode);
      const postalCode = str(input.postalCode);
      const name = str(input.name);
      if (!isLanguage(input.language)) fields.push({ field: 'language', code: 'contact.field.language_invalid' });
      if (serviceCode && (serviceCode.length > 64 || !SERVICE_CODE.test(serviceCode)))
        fields.push({ field: 'serviceCode', code: 'contact.field.service_unknown' });
      if (postalCode && !/^[0-9]{4}$/.test(postalCode)) fields.push({ field: 'postalCode', code: 'contact.field.postal_code_invalid' });
      if (name.length > NAME_MAX) fields.push({ field: 'name', code: 'contact.field.name_too_long', values: { limit: NAME_MAX } });
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      const language = input.language as Language;

      const hashed = addressHash(address);
      if ((await repo.countChatsOfAddress(db, hashed, 3600)) >= limits.chatsPerAddressPerHour) {
        throw new AppError(429, 'chat.too_many_chats', { headers: { 'retry-after': '3600' } });
      }
      const routed = await contactCenter.route({ serviceCode: serviceCode || null, postalCode: postalCode || null });
      let organisationId = routed.organisationId;
      if ((await repo.availableAgentCount(db, organisationId)) === 0) {
        const firstLine = (await contactCenter.route({ serviceCode: null, postalCode: null })).organisationId;
        if (firstLine !== organisationId && (await repo.availableAgentCount(db, firstLine)) > 0) organisationId = firstLine;
      }
      const token = randomBytes(32).toString('base64url');
      const t = translator(language);
      const chat = await db.transaction(async (tx) => {
        const created = await repo.insertChat(tx, {
          tokenHash: hashChatToken(token),
          organisationId,
          serviceCode: routed.serviceCode,
          postalCode: postalCode || null,
          language,
          name: name || null,
          addressHash: hashed,
        });
        const available = await repo.availableAgentCount(tx, organisationId);
        await repo.insertMessage(tx, created.id, 'system', t(available > 0 ? 'chat.system.welcome' : 'chat.system.nobody_available'));
        await announceQueue(tx, organisationId, created.id, 'waiting');
        return created;
      });
      return { id: chat.id, token };
    },

    async view(id: string, token: string | undefined): Promise<ChatView> {
      return viewOf(db, await userChat(db, id, token));
    },

    /** The chat of a token, for the user's stream: its channels. */
    async streamChannels(id: string, token: string | undefined): Promise<{ channels: string[]; language: Language }> {
      const chat = await userChat(db, id, token);
      return { channels: [channels.chat(chat.id), channels.chatQueue(chat.organisationId)], language: chat.language };
    },

    /** The user's stream of this chat closed: the moment they were last there (the expiry counts from it). */
    userLeft: (id: string) => repo.touchUser(db, id, true),

    /** Ends waiting chats whose user has gone and idle conversations (every minute on each instance: main.ts). */
    expire: (now?: Date) => expiry.run(now),

    async post(id: string, token: string | undefined, text: unknown): Promise<ChatMessage> {
      const body = validText(text);
      return db.transaction(async (tx) => {
        const chat = await userChat(tx, id, token);
        if (chat.status === 'closed' || chat.status === 'converted') throw new AppError(409, 'chat.ended');
        if ((await repo.countUserMessagesSince(tx, chat.id, 60)) >= limits.messagesPerMinute) {
          throw new AppError(429, 'chat.too_many_messages', { headers: { 'retry-after': '60' } });
        }
        return addMessage(tx, chat, 'user', body);
      });
    },

    /** "The user is typing": published only, never stored. */
    async typing(id: string, token: string | undefined): Promise<void> {
      const chat = await userChat(db, id, token);
      if (chat.status === 'waiting' || chat.status === 'active') await announce(db, chat, 'chat.typing', { from: 'user' });
    },

    /**
     * The whole transcript becomes a contact request on channel "chat" of the chat's organisation (receipt by
     * e-mail with the status link, or the reference and link by SMS); the chat ends as "converted".
     */
    async convert(id: string, token: string | undefined, input: { email?: unknown; phone?: unknown }): Promise<{ reference: string }> {
      const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
      const phoneGiven = typeof input.phone === 'string' ? input.phone.trim() : '';
      const fields: FieldError[] = [];
      if (email && (email.length > 254 || !EMAIL.test(email))) fields.push({ field: 'email', code: 'contact.field.email_invalid' });
      const phone = phoneGiven ? normalisePhoneNumber(phoneGiven) : undefined;
      if (phoneGiven && !phone) fields.push({ field: 'phone', code: 'chat.field.phone_invalid' });
      if (!email && !phoneGiven) fields.push({ field: 'email', code: 'chat.field.contact_required' });
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      return db.transaction(async (tx) => {
        const found = await userChat(tx, id, token);
        const chat = (await repo.chatById(tx, found.id, { lock: true }))!;
        if (chat.status === 'converted' && chat.reference) return { reference: chat.reference };
        // A chat that left the queue because its user went away may still become a request (nothing written is lost).
        const resumable = chat.status === 'closed' && chat.endReason === 'away' && !chat.erasedAt;
        if (chat.status === 'closed' && !resumable) throw new AppError(409, 'chat.ended');
        const t = translator(chat.language);
        const messages = await repo.messagesOf(tx, chat.id);
        const firstUser = messages.find((m) => m.sender === 'user');
        const transcript = transcriptText(messages, t);
        const created = await contactCenter.createRequest(tx, {
          organisationId: chat.organisationId,
          channel: 'chat',
          language: chat.language,
          serviceCode: chat.serviceCode,
          subject: (firstUser?.body.split('\n')[0] ?? t('chat.transcript.subject')).slice(0, 120),
          message: transcript,
          party: {
            name: chat.name ?? t('chat.transcript.anonymous'),
            email: email || null,
            phone: phone ?? null,
            postalCode: chat.postalCode,
            language: chat.language,
          },
          startedAt: new Date(chat.createdAt),
        });
        await repo.setStatus(tx, chat.id, 'converted', { requestId: created.id, reference: created.reference, endReason: resumable ? 'away' : 'converted' });
        if (phone) {
          await sms.send(
            {
              to: phone,
              language: chat.language,
              purpose: 'chat.converted',
              organisationId: chat.organisationId,
              text: t('chat.sms.converted', { reference: created.reference, link: statusLink(publicUrl, chat.language, created.statusToken) }),
            },
            { tx },
          );
        }
        await addMessage(tx, chat, 'system', t('chat.system.converted', { reference: created.reference }));
        await announce(tx, chat, 'chat.status', { status: 'converted', reference: created.reference });
        await announceQueue(tx, chat.organisationId, chat.id, 'converted');
        return { reference: created.reference };
      });
    },

    /** The transcript so far by e-mail, in the chat's language (at most TRANSCRIPTS_MAX per chat: 429 after). */
    async sendTranscript(id: string, token: string | undefined, input: { email?: unknown }): Promise<void> {
      const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
      if (!email || email.length > 254 || !EMAIL.test(email))
        throw new AppError(400, 'validation.failed', {
          fields: [{ field: 'email', code: email ? 'contact.field.email_invalid' : 'chat.field.email_required' }],
        });
      await db.transaction(async (tx) => {
        const found = await userChat(tx, id, token);
        const chat = (await repo.chatById(tx, found.id, { lock: true }))!;
        if (!(await repo.countTranscript(tx, chat.id, TRANSCRIPTS_MAX))) throw new AppError(429, 'chat.too_many_transcripts');
        const t = translator(chat.language);
        await mail.send(
          {
            to: email,
            language: chat.language,
            purpose: 'chat.transcript',
            organisationId: chat.organisationId,
            subject: t('chat.mail.transcript.subject', { date: new Date(chat.createdAt).toISOString().slice(0, 10) }),
            text: `${t('chat.mail.transcript.intro')}\n\n${transcriptText(await repo.messagesOf(tx, chat.id), t)}\n\n${t('chat.mail.transcript.footer')}`,
          },
          { tx },
        );
      });
    },

    // ---- agents

    async availability(actor: Actor): Promise<repo.AgentState> {
      authorise(canTakeChats(actor));
      return repo.agentState(db, actor.accountId);
    },

    async setAvailability(actor: Actor, input: { available: boolean; capacity: number }): Promise<repo.AgentState> {
      authorise(canTakeChats(actor));
      if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > CAPACITY_MAX) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'capacity', code: 'chat.field.capacity_invalid', values: { max: CAPACITY_MAX } }] });
      }
      await repo.upsertAgent(db, actor.accountId, actor.organisationId, input.available, input.capacity);
      return repo.agentState(db, actor.accountId);
    },

    /** The organisation's waiting chats and the agent's active ones. */
    async list(actor: Actor) {
      authorise(canTakeChats(actor));
      return repo.consoleChats(db, actor.organisationId, actor.accountId);
    },

    /** A chat of the actor's organisation with its transcript (an audited read). */
    async show(actor: Actor, id: string, requestId?: string) {
      const chat = await staffChat(db, actor, id);
      await recordReadOnce(db, actor, { type: 'chat', id: chat.id, organisationId: chat.organisationId }, requestId);
      return { chat, messages: (await repo.messagesOf(db, chat.id)).map(toMessage) };
    },

    /** The channels an agent's stream of one chat listens on. */
    async agentChannels(actor: Actor, id: string): Promise<string[]> {
      const chat = await staffChat(db, actor, id);
      return [channels.chat(chat.id)];
    },

    queueChannels: (actor: Actor): string[] => {
      authorise(canTakeChats(actor));
      return [channels.chatQueue(actor.organisationId)];
    },

    /**
     * Takes a waiting chat: the agent must be available and below capacity (their row locked: two accepts of
     * one agent run one after the other); two agents accepting one chat at once → the first wins, the other 409.
     */
    async accept(actor: Actor, id: string, requestId?: string): Promise<void> {
      authorise(canTakeChats(actor));
      await db.transaction(async (tx) => {
        const chat = await staffChat(tx, actor, id);
        const agent = await repo.lockAgent(tx, actor.accountId);
        if (!agent?.available) throw new AppError(409, 'chat.not_available');
        if ((await repo.activeCountOf(tx, actor.accountId)) >= agent.capacity)
          throw new AppError(409, 'chat.capacity_reached', { values: { capacity: agent.capacity } });
        if (!(await repo.acceptChat(tx, chat.id, chat.organisationId, actor.accountId))) throw new AppError(409, 'chat.already_taken');
        const t = translator(chat.language);
        await addMessage(tx, chat, 'system', t('chat.system.accepted', { name: actor.displayName.split(' ')[0] ?? '' }));
        await announce(tx, chat, 'chat.status', { status: 'active' });
        await announceQueue(tx, chat.organisationId, chat.id, 'active');
        await recordAudit(tx, actor, 'update', { type: 'chat', id: chat.id, organisationId: chat.organisationId }, requestId, { action: 'accept' });
      });
    },

    async reply(actor: Actor, id: string, text: unknown): Promise<ChatMessage> {
      const body = validText(text);
      return db.transaction(async (tx) => {
        const chat = await staffChat(tx, actor, id);
        if (chat.status !== 'active' || chat.agentAccountId !== actor.accountId) throw new AppError(409, 'chat.not_yours');
        await repo.markFirstResponse(tx, chat.id);
        return addMessage(tx, chat, 'agent', body, actor.accountId);
      });
    },

    async agentTyping(actor: Actor, id: string): Promise<void> {
      const chat = await staffChat(db, actor, id);
      if (chat.status === 'active' && chat.agentAccountId === actor.accountId) await announce(db, chat, 'chat.typing', { from: 'agent' });
    },

    /** Ends the chat with an outcome; recorded as a contact on channel "chat" with its duration. */
    async close(actor: Actor, id: string, outcome: ContactOutcome, requestId?: string): Promise<void> {
      await db.transaction(async (tx) => {
        const chat = await staffChat(tx, actor, id, { lock: true });
        if (chat.status !== 'active' || chat.agentAccountId !== actor.accountId) throw new AppError(409, 'chat.not_yours');
        // The standard questionnaire (src/satisfaction), tied to the contact, never to the person; the user's page shows it.
        await closeChat(
          tx,
          chat,
          {
            reason: 'agent',
            outcome,
            agentAccountId: actor.accountId,
            endedAt: new Date(),
            questionnaire: true,
            systemText: translator(chat.language)('chat.system.closed'),
          },
          { contactCenter, satisfaction },
        );
        await recordAudit(tx, actor, 'update', { type: 'chat', id: chat.id, organisationId: chat.organisationId }, requestId, { action: 'close', outcome });
      });
    },
  };
}

export type ChatService = ReturnType<typeof chatService>;
