import { describe, expect, it } from 'vitest';
import { formatRoleMap, parseRoleMap, rolesFromClaims } from './role-map.ts';

describe('the role map of an OpenID provider', () => {
  it('reads one claim value per line, with roles and unit codes, and writes it back the same', () => {
    const text = '# comments and blank lines are skipped\n\nagents = first_line_agent, unit:reception\nmanagers = organisation_manager, first_line_agent';
    const parsed = parseRoleMap(text);
    expect(parsed).toEqual({
      map: {
        agents: { roles: ['first_line_agent'], units: ['reception'] },
        managers: { roles: ['organisation_manager', 'first_line_agent'], units: [] },
      },
    });
    expect(formatRoleMap((parsed as { map: never }).map)).toBe('agents = first_line_agent, unit:reception\nmanagers = organisation_manager, first_line_agent');
  });

  it('names the line it cannot read: no "=", nothing after it, or an unknown role', () => {
    expect(parseRoleMap('agents first_line_agent')).toEqual({ problem: { line: 1, kind: 'syntax', text: 'agents first_line_agent' } });
    expect(parseRoleMap('ok = first_line_agent\nagents =')).toEqual({ problem: { line: 2, kind: 'syntax', text: 'agents =' } });
    expect(parseRoleMap('agents = superuser')).toEqual({ problem: { line: 1, kind: 'role', text: 'superuser' } });
    expect(parseRoleMap('agents = unit:Not A Code')).toEqual({ problem: { line: 1, kind: 'role', text: 'unit:Not A Code' } });
  });

  it('gives the union of the roles and units of every value the claim holds, in a stable order', () => {
    const { map } = parseRoleMap('b = organisation_manager, unit:z\na = first_line_agent, unit:a\nc = platform_admin') as { map: never };
    expect(rolesFromClaims({ groups: ['b', 'a', 'unknown'] }, 'groups', map)).toEqual({
      roles: ['first_line_agent', 'organisation_manager'],
      units: ['a', 'z'],
    });
    expect(rolesFromClaims({ groups: 'a' }, 'groups', map)).toEqual({ roles: ['first_line_agent'], units: ['a'] });
    expect(rolesFromClaims({ groups: [42, null] }, 'groups', map)).toEqual({ roles: [], units: [] });
    expect(rolesFromClaims({}, 'groups', map)).toEqual({ roles: [], units: [] });
  });
});
