import { describe, expect, it } from 'vitest';
import { channels } from './channels.ts';
import { CHANNEL_PATTERN } from './publish.ts';

describe('realtime channel names', () => {
  const id = '2f7c61f4-5a0e-4a1e-8d63-0b3c1a57f1c9';

  it('are valid channel names, one per kind', () => {
    const names = [channels.account(id), channels.organisation(id), channels.unit(id), channels.organisationManagers(id), channels.contactPointBoard(id)];
    for (const name of names) expect(CHANNEL_PATTERN.test(name)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('of a request: its organisation, then its unit and assignee when it has them', () => {
    expect(channels.ofRequest({ organisationId: 'o', unitId: null, assigneeId: null })).toEqual([channels.organisation('o')]);
    expect(channels.ofRequest({ organisationId: 'o', unitId: 'u', assigneeId: 'a' })).toEqual([
      channels.organisation('o'),
      channels.unit('u'),
      channels.account('a'),
    ]);
  });
});
