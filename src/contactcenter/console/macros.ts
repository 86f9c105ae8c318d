// Applying a macro's actions after its reply, in the reply's transaction (issue 17 item 3): assign the request to
// the agent who sent it or pass it to a unit's inbox, add the tag, set the status (through the intake core, so
// waiting for the user pauses the SLA clocks), each written in the time line and announced like the same change
// made by hand.
import type { Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../identity/actor.ts';
import type { EventSink } from '../../integrations/service.ts';
import * as core from './core.ts';
import * as repo from './repository.ts';
import type { MacroActions } from './templates.ts';

export async function applyMacro(
  tx: Queryable,
  actor: Actor,
  record: repo.RequestRecord,
  actions: MacroActions,
  deps: {
    events?: EventSink | undefined;
    announce: (tx: Queryable, request: repo.RequestRecord, type: string, accounts?: Array<string | null>) => Promise<void>;
  },
): Promise<void> {
  const takes = !!actions.assignToMe && record.assigneeId !== actor.accountId;
  const tag = actions.tag ?? null;
  if (takes || tag) {
    await repo.applyMacroFields(tx, record.id, { assigneeId: takes ? actor.accountId : null, tag });
  }
  if (takes) {
    await core.addMessageOf(tx, {
      requestId: record.id,
      kind: 'event',
      accountId: actor.accountId,
      body: JSON.stringify({ event: 'claimed', by: actor.displayName }),
    });
    await deps.announce(tx, record, 'request.assigned', [actor.accountId, record.assigneeId]);
  }
  if (actions.toUnit && actions.toUnit.id !== record.unitId) {
    await repo.passToUnit(tx, record.id, actions.toUnit.id);
    await core.addMessageOf(tx, {
      requestId: record.id,
      kind: 'event',
      accountId: actor.accountId,
      body: JSON.stringify({ event: 'passedToUnit', by: actor.displayName, to: actions.toUnit.name }),
    });
    // Both inboxes change: the unit it leaves, and the one it joins (the former assignee's too).
    await deps.announce(tx, record, 'request.assigned', [record.assigneeId]);
    await deps.announce(tx, { ...record, unitId: actions.toUnit.id }, 'request.assigned');
  }
  if (actions.status && actions.status !== record.status) {
    await core.changeStatus(tx, { requestId: record.id, status: actions.status, accountId: actor.accountId }, deps.events);
  }
}
