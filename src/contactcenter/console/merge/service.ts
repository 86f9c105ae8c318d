// Merge and split of requests, merge of duplicate contact records (decision 0047). A merge moves the
// conversation, the tasks and the contacts of the duplicate to the surviving request, gives the survivor the
// earlier of both clocks (the citizen who waited longest sets the pace) and closes the duplicate, which keeps
// its reference and points to the survivor: the citizen's status look-up answers with the survivor's status.
// Everything is audited, and undone within MERGE_UNDO_DAYS by moving back exactly what was moved.
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { Actor } from '../../../identity/actor.ts';
import { recordAudit } from '../../../audit/service.ts';
import type { RealtimeService } from '../../../platform/realtime/service.ts';
import { channels } from '../../../platform/realtime/channels.ts';
import type { EventSink } from '../../../integrations/service.ts';
import { isUuid } from '../../../platform/http/schemas.ts';
import { normaliseReference } from '../../references.ts';
import { createRequest, setStatus } from '../../requests.ts';
import { cancelSlaJobs, scheduleSlaJobs, slaSettingsFor } from '../../sla.ts';
import type { SlaState } from '../../model.ts';
import { canWorkOnRequest } from '../authorisation.ts';
import { addMessageOf } from '../core.ts';
import { eventBody } from '../service.ts';
import * as repo from './repository.ts';

/** How long a merge can be undone. */
export const MERGE_UNDO_DAYS = 30;

const SLA_ORDER: SlaState[] = ['ok', 'warning', 'breached'];
const earlier = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);
const worse = (a: SlaState, b: SlaState) => (SLA_ORDER.indexOf(a) >= SLA_ORDER.indexOf(b) ? a : b);
const asDate = (value: Date | string | null) => (value ? new Date(value) : null);

export interface MergeState {
  reference: string;
  undoDays: number;
  mergedInto: { reference: string; undoable: boolean } | null;
  mergedHere: Array<{ reference: string; mergedAt: Date }>;
}

export interface MergeDeps {
  realtime: RealtimeService;
  events?: EventSink | undefined;
}

export function requestMergeService(db: Database, deps: MergeDeps) {
  const subject = (request: { id: string; organisationId: string }) => ({ type: 'cc_request', id: request.id, organisationId: request.organisationId });

  /** A reference of the actor's organisation; otherwise (unknown, another organisation's) the same 404. */
  function own(actor: Actor, request: repo.MergeCandidate | undefined): repo.MergeCandidate {
    if (!request || !canWorkOnRequest(actor, request)) throw new AppError(404, 'console.request_not_found');
    return request;
  }

  async function announce(tx: Queryable, request: { id: string; reference: string; organisationId: string; unitId: string | null }, type: string) {
    const data = { id: request.id, reference: request.reference };
    await deps.realtime.publish(tx, channels.organisation(request.organisationId), { type, data });
    if (request.unitId) await deps.realtime.publish(tx, channels.unit(request.unitId), { type, data });
  }

  /** Restarts the running clocks of a request after they changed (none while paused or closed). */
  async function reschedule(tx: Queryable, request: repo.MergeCandidate) {
    if (request.status === 'closed' || request.slaPausedAt) return;
    const { target, clock } = await slaSettingsFor(tx, request.organisationId, request.channel, request.serviceCode);
    await scheduleSlaJobs(
      tx,
      {
        id: request.id,
        organisationId: request.organisationId,
        createdAt: request.createdAt,
        firstResponseDueAt: request.firstResponseDueAt,
        resolutionDueAt: request.resolutionDueAt,
        firstRespondedAt: request.firstRespondedAt,
        clockStartedAt: request.createdAt,
        target,
      },
      clock,
    );
  }

  return {
    MERGE_UNDO_DAYS,

    /** Merges the request `reference` into `intoReference` (both of the actor's organisation). */
    async merge(actor: Actor, reference: string, intoReference: string, requestId?: string): Promise<{ reference: string; into: string }> {
      const from = normaliseReference(reference);
      const into = normaliseReference(intoReference);
      if (!into) throw new AppError(400, 'validation.failed', { fields: [{ field: 'into', code: 'console.merge.unknownTarget' }] });
      if (!from) throw new AppError(404, 'console.request_not_found');
      if (from === into) throw new AppError(400, 'validation.failed', { fields: [{ field: 'into', code: 'console.merge.sameRequest' }] });
      return db.transaction(async (tx) => {
        const locked = await repo.lockRequestsByReference(tx, [from, into]);
        const merged = own(
          actor,
          locked.find((r) => r.reference === from),
        );
        const survivor = locked.find((r) => r.reference === into);
        if (!survivor || !canWorkOnRequest(actor, survivor))
          throw new AppError(400, 'validation.failed', { fields: [{ field: 'into', code: 'console.merge.unknownTarget' }] });
        if (merged.mergedIntoId) throw new AppError(409, 'console.merge.alreadyMerged');
        if (survivor.mergedIntoId || survivor.status === 'closed')
          throw new AppError(400, 'validation.failed', { fields: [{ field: 'into', code: 'console.merge.targetClosed' }] });

        const moved = await repo.moveRequestContent(tx, merged.id, survivor.id);
        const intoBefore: repo.ClockState = {
          firstResponseDueAt: survivor.firstResponseDueAt,
          resolutionDueAt: survivor.resolutionDueAt,
          firstRespondedAt: survivor.firstRespondedAt,
          slaState: survivor.slaState,
        };
        // The clocks combine: the earlier due times of both, the worse SLA state; a first response to either
        // citizen does not answer the other, so the first-response clock runs until both were answered.
        const mergedRunning = merged.status !== 'closed';
        const combined: repo.ClockState = mergedRunning
          ? {
              firstResponseDueAt: earlier(survivor.firstResponseDueAt, merged.firstRespondedAt ? null : merged.firstResponseDueAt),
              resolutionDueAt: earlier(survivor.resolutionDueAt, merged.resolutionDueAt),
              firstRespondedAt: merged.firstRespondedAt ? survivor.firstRespondedAt : null,
              slaState: worse(survivor.slaState, merged.slaState),
            }
          : intoBefore;
        await repo.setClocks(tx, survivor.id, combined);
        await reschedule(tx, { ...survivor, ...combined });

        const mergedBefore = {
          status: merged.status,
          outcome: merged.outcome,
          closedAt: merged.closedAt ? new Date(merged.closedAt).toISOString() : null,
          slaPausedAt: merged.slaPausedAt ? new Date(merged.slaPausedAt).toISOString() : null,
          firstResponseDueAt: merged.firstResponseDueAt,
          resolutionDueAt: merged.resolutionDueAt,
          firstRespondedAt: merged.firstRespondedAt,
          slaState: merged.slaState,
        };
        if (mergedRunning) await setStatus(tx, merged.id, 'closed', { actorAccountId: actor.accountId, events: deps.events });
        await repo.setMergedInto(tx, merged.id, survivor.id);
        await repo.insertMerge(tx, {
          organisationId: merged.organisationId,
          mergedRequestId: merged.id,
          intoRequestId: survivor.id,
          accountId: actor.accountId,
          undo: { ...moved, merged: mergedBefore, into: intoBefore },
        });
        await addMessageOf(tx, {
          requestId: merged.id,
          kind: 'event',
          accountId: actor.accountId,
          body: eventBody('merged_into', { by: actor.displayName, to: into }),
        });
        await addMessageOf(tx, {
          requestId: survivor.id,
          kind: 'event',
          accountId: actor.accountId,
          body: eventBody('merged_from', { by: actor.displayName, to: from }),
        });
        await recordAudit(tx, actor, 'update', subject(merged), requestId, {
          change: 'merge',
          into,
          moved: { messages: moved.messages.length, tasks: moved.tasks.length, contacts: moved.contacts.length },
        });
        await recordAudit(tx, actor, 'update', subject(survivor), requestId, { change: 'merge_from', from });
        await announce(tx, merged, 'request.merged');
        await announce(tx, survivor, 'request.merged');
        return { reference: from, into };
      });
    },

    /** Undoes the merge of `reference` within MERGE_UNDO_DAYS: what was moved goes back, clocks and status as they were. */
    async unmerge(actor: Actor, reference: string, requestId?: string): Promise<{ reference: string; from: string }> {
      const canonical = normaliseReference(reference);
      const found = canonical ? await repo.findRequestByReference(db, canonical) : undefined;
      const merged = own(actor, found);
      return db.transaction(async (tx) => {
        const merge = await repo.activeMergeOf(tx, merged.id);
        if (!merge) throw new AppError(409, 'console.merge.notMerged');
        if (Date.now() - new Date(merge.mergedAt).getTime() > MERGE_UNDO_DAYS * 86_400_000) throw new AppError(409, 'console.merge.tooLate');
        const survivor = (await repo.lockRequestById(tx, merge.intoRequestId))!;
        const current = (await repo.lockRequestById(tx, merged.id))!;
        await repo.moveBack(tx, survivor.id, current.id, merge.undo);
        const into = {
          ...merge.undo.into,
          firstResponseDueAt: asDate(merge.undo.into.firstResponseDueAt),
          resolutionDueAt: asDate(merge.undo.into.resolutionDueAt),
          firstRespondedAt: asDate(merge.undo.into.firstRespondedAt),
        };
        // A first response given to the survivor since the merge stays (it was sent).
        into.firstRespondedAt = into.firstRespondedAt ?? survivor.firstRespondedAt;
        await repo.setClocks(tx, survivor.id, into);
        await reschedule(tx, { ...survivor, ...into });
        const before = merge.undo.merged;
        const restored = {
          status: before.status,
          outcome: before.outcome,
          closedAt: asDate(before.closedAt),
          slaPausedAt: asDate(before.slaPausedAt),
          firstResponseDueAt: asDate(before.firstResponseDueAt),
          resolutionDueAt: asDate(before.resolutionDueAt),
          firstRespondedAt: asDate(before.firstRespondedAt),
          slaState: before.slaState,
        };
        await repo.restoreRequest(tx, current.id, restored);
        if (restored.status === 'closed') await cancelSlaJobs(tx, current.id);
        else await reschedule(tx, { ...current, ...restored });
        await repo.markUnmerged(tx, merge.id, actor.accountId);
        await addMessageOf(tx, {
          requestId: current.id,
          kind: 'event',
          accountId: actor.accountId,
          body: eventBody('unmerged', { by: actor.displayName, to: survivor.reference }),
        });
        await addMessageOf(tx, {
          requestId: survivor.id,
          kind: 'event',
          accountId: actor.accountId,
          body: eventBody('unmerged', { by: actor.displayName, to: current.reference }),
        });
        await recordAudit(tx, actor, 'update', subject(current), requestId, { change: 'unmerge', from: survivor.reference });
        await recordAudit(tx, actor, 'update', subject(survivor), requestId, { change: 'unmerge_from', reference: current.reference });
        await announce(tx, current, 'request.unmerged');
        await announce(tx, survivor, 'request.unmerged');
        return { reference: current.reference, from: survivor.reference };
      });
    },

    /** What the request page shows of merges: where this request went, and what was merged into it (undoable). */
    async stateOf(request: { id: string; reference: string }): Promise<MergeState> {
      const [own, here] = await Promise.all([repo.mergeOfRequest(db, request.id), repo.mergedInto(db, request.id)]);
      const undoable = (at: Date) => Date.now() - new Date(at).getTime() <= MERGE_UNDO_DAYS * 86_400_000;
      return {
        reference: request.reference,
        undoDays: MERGE_UNDO_DAYS,
        mergedInto: own ? { reference: own.intoReference, undoable: undoable(own.mergedAt) } : null,
        mergedHere: here.filter((m) => undoable(m.mergedAt)),
      };
    },

    /**
     * Splits one message (from the citizen) into a new request of the same person, organisation, channel and
     * language: the message moves, with its attachments; the new request's clocks start now. Returns its id.
     */
    async split(
      actor: Actor,
      requestIdOfRecord: string,
      messageId: string,
      subjectText: string,
      requestId?: string,
    ): Promise<{ id: string; reference: string }> {
      if (!isUuid(requestIdOfRecord) || !isUuid(messageId)) throw new AppError(404, 'console.request_not_found');
      const subjectLine = subjectText.trim();
      if (!subjectLine) throw new AppError(400, 'validation.failed', { fields: [{ field: 'subject', code: 'validation.required' }] });
      return db.transaction(async (tx) => {
        const source = own(actor, await repo.lockRequestById(tx, requestIdOfRecord));
        if (source.mergedIntoId) throw new AppError(409, 'console.merge.alreadyMerged');
        const message = await repo.findMessage(tx, messageId);
        if (!message || message.requestId !== source.id || message.kind !== 'inbound')
          throw new AppError(400, 'validation.failed', { fields: [{ field: 'messageId', code: 'console.split.notInbound' }] });
        const party = (await repo.partyOf(tx, source.partyId))!;
        const created = await createRequest(
          tx,
          {
            organisationId: source.organisationId,
            unitId: source.unitId,
            channel: source.channel,
            language: source.language,
            serviceCode: source.serviceCode,
            subject: subjectLine.slice(0, 300),
            message: message.body,
            party: { name: party.name, email: party.email, phone: party.phone, language: party.language },
            partyId: source.partyId,
            assigneeId: actor.accountId,
            sendReceipt: false,
          },
          { events: deps.events },
        );
        // The created request's first message is the split one: the original row moves (attachments follow it).
        await repo.deleteMessagesOf(tx, created.id);
        await repo.moveMessage(tx, message.id, source.id, created.id);
        await addMessageOf(tx, {
          requestId: source.id,
          kind: 'event',
          accountId: actor.accountId,
          body: eventBody('split_to', { by: actor.displayName, to: created.reference }),
        });
        await addMessageOf(tx, {
          requestId: created.id,
          kind: 'event',
          accountId: actor.accountId,
          body: eventBody('split_from', { by: actor.displayName, to: source.reference }),
        });
        await recordAudit(tx, actor, 'update', subject(source), requestId, { change: 'split', to: created.reference });
        await recordAudit(tx, actor, 'create', subject({ id: created.id, organisationId: source.organisationId }), requestId, { splitFrom: source.reference });
        await announce(tx, source, 'request.split');
        return { id: created.id, reference: created.reference };
      });
    },

    /** Merges a duplicate contact record into another of the same organisation: its requests and contacts move. */
    async mergeParties(actor: Actor, partyId: string, intoPartyId: string, requestId?: string): Promise<void> {
      if (!isUuid(partyId) || !isUuid(intoPartyId)) throw new AppError(404, 'console.party_not_found');
      if (partyId === intoPartyId) throw new AppError(400, 'validation.failed', { fields: [{ field: 'into', code: 'console.merge.sameParty' }] });
      await db.transaction(async (tx) => {
        const parties = await repo.lockParties(tx, [partyId, intoPartyId]);
        const from = parties.find((p) => p.id === partyId);
        const into = parties.find((p) => p.id === intoPartyId);
        if (!from || !into || from.organisationId !== actor.organisationId || into.organisationId !== actor.organisationId)
          throw new AppError(404, 'console.party_not_found');
        if (from.mergedIntoId || into.mergedIntoId) throw new AppError(409, 'console.merge.alreadyMerged');
        const moved = await repo.mergeParty(tx, from.id, into.id);
        await repo.insertPartyMerge(tx, {
          organisationId: actor.organisationId,
          mergedPartyId: from.id,
          intoPartyId: into.id,
          accountId: actor.accountId,
          undo: moved,
        });
        await recordAudit(tx, actor, 'update', { type: 'cc_party', id: from.id, organisationId: actor.organisationId }, requestId, {
          change: 'merge',
          into: into.id,
          requests: moved.requests.length,
          contacts: moved.contacts.length,
        });
      });
    },
  };
}

export type RequestMergeService = ReturnType<typeof requestMergeService>;
