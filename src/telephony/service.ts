// Telephony integration (issue 19, part 3; docs/telephony.md): the telephone system reports call events with an
// API token of the organisation (scope calls:write). A ringing or answered call is pushed to the agent it rings
// (their calls page shows the caller's earlier requests at once); an answered call that ends is recorded as a
// phone contact with its duration; a call that nobody answered goes on the organisation's call-back list.
import type { Database } from '../platform/db/database.ts';
import type { RealtimeService } from '../platform/realtime/service.ts';
import { channels } from '../platform/realtime/channels.ts';
import { AppError } from '../platform/http/errors.ts';
import { normalisePhoneNumber } from '../platform/sms/phone.ts';
import { authorise } from '../identity/guards.ts';
import type { Actor } from '../identity/actor.ts';
import type { AuditService } from '../audit/service.ts';
import type { ConsoleSearchService } from '../contactcenter/console/search/service.ts';
import type { AppointmentService } from '../appointments/service.ts';
import { linkContactToRequest, recordContact } from '../contactcenter/contacts.ts';
import { canUseConsole } from '../contactcenter/console/authorisation.ts';
import { normaliseReference } from '../contactcenter/references.ts';
import { CONSOLE_ROLES } from '../contactcenter/console/authorisation.ts';
import { canMapExtensions, canReportCalls } from './authorisation.ts';
import * as repo from './repository.ts';

export const CALL_EVENTS = ['ringing', 'answered', 'ended', 'missed'] as const;
export type CallEvent = (typeof CALL_EVENTS)[number];

export interface CallEventInput {
  callId: string;
  event: CallEvent;
  /** The caller's number as the telephone system gives it; empty or "anonymous" for a withheld number. */
  from?: string | undefined;
  /** The number or queue that was called. */
  to?: string | undefined;
  /** The agent's e-mail address in IrisDesk. */
  agent?: string | undefined;
  /** Or the agent's extension, as a manager mapped it (the calls page's extensions). */
  extension?: string | undefined;
  /** When it happened (ISO 8601); now when absent. */
  at?: string | undefined;
}

export const EXTENSION_PATTERN = /^[0-9A-Za-z*#+._-]{1,20}$/;
const WITHHELD = /^(|anonymous|unknown|private|restricted|unavailable)$/i;
/** An event reported more than this late or early is refused: a wrong clock would spoil the durations. */
const CLOCK_SKEW_MS = 24 * 3600_000;

interface Dependencies {
  realtime: RealtimeService;
  audit: AuditService;
  consoleSearch: ConsoleSearchService;
  /** The caller's appointments with the organisation, found by number (the subject-request seam). */
  appointments: Pick<AppointmentService, 'personalData'>;
}

/** How far back the caller's context looks for appointments: the recent past is what a caller calls about. */
const APPOINTMENTS_SINCE_MS = 30 * 24 * 3600_000;

export function telephonyService(db: Database, deps: Dependencies) {
  return {
    /** One event from the telephone system, for the organisation of the token that sends it. */
    async receiveEvent(actor: Actor, input: CallEventInput, requestId: string): Promise<repo.CallRow> {
      authorise(canReportCalls(actor));
      const fields: Array<{ field: string; code: string }> = [];
      const rawCaller = input.from?.trim() ?? '';
      const caller = WITHHELD.test(rawCaller) ? null : (normalisePhoneNumber(rawCaller) ?? undefined);
      if (caller === undefined) fields.push({ field: 'from', code: 'validation.phone' });
      const at = input.at ? new Date(input.at) : new Date();
      if (Number.isNaN(at.getTime()) || Math.abs(at.getTime() - Date.now()) > CLOCK_SKEW_MS) fields.push({ field: 'at', code: 'telephony.atOutOfRange' });
      let agentAccountId: string | null = null;
      if (input.agent) {
        agentAccountId = (await repo.findAgent(db, actor.organisationId, input.agent.trim())) ?? null;
        if (!agentAccountId) fields.push({ field: 'agent', code: 'telephony.unknownAgent' });
      } else if (input.extension) {
        agentAccountId = (await repo.findAgentByExtension(db, actor.organisationId, input.extension.trim())) ?? null;
        if (!agentAccountId) fields.push({ field: 'extension', code: 'telephony.unknownExtension' });
      }
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });

      const recorded = await db.transaction(async (tx) => {
        const call = await repo.applyEvent(tx, {
          organisationId: actor.organisationId,
          externalId: input.callId,
          event: input.event,
          caller: caller ?? null,
          called: input.to?.trim() || null,
          agentAccountId,
          at,
        });
        if (call.status === 'ended' && !call.contactId && call.answeredAt && call.endedAt) {
          // the answered call, as a phone contact of the agent with its real duration (linked to a request later)
          const contactId = await recordContact(tx, {
            organisationId: call.organisationId,
            channel: 'phone',
            direction: 'inbound',
            agentAccountId: call.agentAccountId,
            language: 'fr',
            startedAt: call.answeredAt,
            endedAt: call.endedAt,
            source: { kind: 'call', id: call.id },
          });
          if (contactId) {
            await repo.setContact(tx, call.id, contactId);
            call.contactId = contactId;
          }
        }
        const event = { type: `call.${call.status}`, data: { id: call.id } };
        if (call.agentAccountId) await deps.realtime.publish(tx, channels.account(call.agentAccountId), event);
        if (call.status === 'missed') await deps.realtime.publish(tx, channels.organisation(call.organisationId), event);
        return call;
      });
      // after the transaction: the audit service writes on its own connection (on PGlite, the only one)
      await deps.audit.record(actor, 'create', { type: 'telephony_call', id: recorded.id, organisationId: recorded.organisationId }, requestId, {
        event: input.event,
      });
      return recorded;
    },

    /**
     * The agent's calls page: the call in progress (with the caller's earlier requests and appointments of the
     * last 30 days and to come), today's calls, call-backs.
     */
    async workList(actor: Actor, requestId?: string) {
      authorise(canUseConsole(actor));
      const [mine, callbacks] = await Promise.all([
        repo.callsOfAgent(db, actor.organisationId, actor.accountId, 30),
        repo.callbacksOf(db, actor.organisationId, 50),
      ]);
      const current = mine.find((call) => call.status === 'ringing' || call.status === 'answered') ?? null;
      const [earlier, booked] = current?.caller
        ? await Promise.all([
            deps.consoleSearch.search(actor, current.caller, requestId),
            deps.appointments.personalData.export(db, actor.organisationId, '', current.caller),
          ])
        : [[], { appointments: [] }];
      const since = Date.now() - APPOINTMENTS_SINCE_MS;
      const appointments = booked.appointments
        .filter((appointment) => new Date(appointment.startsAt).getTime() >= since)
        .map((appointment) => ({ reference: appointment.reference, startsAt: new Date(appointment.startsAt), status: appointment.status }));
      return { current, earlier, appointments, mine, callbacks };
    },

    /** Attaches one of the agent's calls (and its contact) to a request of the organisation, found by reference. */
    async linkToRequest(actor: Actor, callId: string, reference: string, requestId?: string): Promise<void> {
      authorise(canUseConsole(actor));
      const call = await repo.findCall(db, actor.organisationId, callId);
      if (!call) throw new AppError(404, 'telephony.callNotFound');
      const wanted = normaliseReference(reference);
      const found = wanted ? (await deps.consoleSearch.search(actor, wanted, requestId)).find((row) => row.reference === wanted) : undefined;
      if (!found) throw new AppError(400, 'validation.failed', { fields: [{ field: 'reference', code: 'telephony.unknownReference' }] });
      await db.transaction(async (tx) => {
        await repo.setRequest(tx, call.id, found.id);
        if (call.contactId) await linkContactToRequest(tx, { id: call.contactId, organisationId: call.organisationId }, found.id);
      });
      await deps.audit.record(actor, 'update', { type: 'telephony_call', id: call.id, organisationId: call.organisationId }, requestId, {
        fields: ['request'],
      });
    },

    /** The organisation's console agents with the extension each has on the telephone system. */
    async extensions(actor: Actor): Promise<repo.ExtensionRow[]> {
      authorise(canMapExtensions(actor));
      return repo.extensionsOf(db, actor.organisationId, CONSOLE_ROLES);
    },

    /**
     * Saves the whole extension map at once (account id → extension, blank for none). Every problem is reported
     * per field: a malformed extension, or one given to two agents.
     */
    async saveExtensions(actor: Actor, wanted: Record<string, string>, requestId?: string): Promise<void> {
      authorise(canMapExtensions(actor));
      const agents = await repo.extensionsOf(db, actor.organisationId, CONSOLE_ROLES);
      const fields: Array<{ field: string; code: string }> = [];
      const taken = new Map<string, string>();
      const map: Array<{ accountId: string; extension: string }> = [];
      for (const agent of agents) {
        const extension = (wanted[agent.accountId] ?? '').trim();
        if (!extension) continue;
        if (!EXTENSION_PATTERN.test(extension)) fields.push({ field: `ext-${agent.accountId}`, code: 'telephony.extensionFormat' });
        else if (taken.has(extension)) fields.push({ field: `ext-${agent.accountId}`, code: 'telephony.extensionTaken' });
        else {
          taken.set(extension, agent.accountId);
          map.push({ accountId: agent.accountId, extension });
        }
      }
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      await db.transaction((tx) => repo.replaceExtensions(tx, actor.organisationId, map));
      await deps.audit.record(actor, 'update', { type: 'telephony_extensions', id: actor.organisationId, organisationId: actor.organisationId }, requestId, {
        count: map.length,
      });
    },

    /** Marks a missed call as called back (once: a colleague who did it a moment earlier wins, and the page says so). */
    async markCalledBack(actor: Actor, callId: string, requestId?: string): Promise<void> {
      authorise(canUseConsole(actor));
      if (!(await repo.markCalledBack(db, actor.organisationId, callId, actor.accountId))) throw new AppError(409, 'telephony.alreadyCalledBack');
      await deps.audit.record(actor, 'update', { type: 'telephony_call', id: callId, organisationId: actor.organisationId }, requestId, {
        fields: ['called_back'],
      });
      await deps.realtime.publish(db, channels.organisation(actor.organisationId), { type: 'call.called_back', data: { id: callId } });
    },
  };
}

export type TelephonyService = ReturnType<typeof telephonyService>;
