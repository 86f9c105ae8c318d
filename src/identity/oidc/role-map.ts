// How a provider's claim gives roles and units (decision 0040): each value of one claim (`groups`, `roles`…)
// maps to IrisDesk roles and unit codes; an account gets the union for the values it has. On the settings page
// the map is written one value per line: `irisdesk-agents = first_line_agent, unit:reception`.
import { ROLES, type Role } from '../actor.ts';

export type RoleMap = Record<string, { roles: Role[]; units: string[] }>;

export type RoleMapProblem = { line: number; kind: 'syntax' | 'role'; text: string };

const UNIT_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Reads the settings page's text; returns the map or the first line that cannot be read. */
export function parseRoleMap(text: string): { map: RoleMap } | { problem: RoleMapProblem } {
  const map: RoleMap = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (!line || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    const value = at > 0 ? line.slice(0, at).trim() : '';
    const targets =
      at > 0
        ? line
            .slice(at + 1)
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : [];
    if (!value || targets.length === 0 || value.length > 200) return { problem: { line: index + 1, kind: 'syntax', text: line } };
    const entry = (map[value] ??= { roles: [], units: [] });
    for (const target of targets) {
      if (target.startsWith('unit:') && UNIT_CODE.test(target.slice(5))) entry.units.push(target.slice(5));
      else if ((ROLES as readonly string[]).includes(target)) entry.roles.push(target as Role);
      else return { problem: { line: index + 1, kind: 'role', text: target } };
    }
  }
  return { map };
}

/** The text of a map, as the settings page shows it. */
export function formatRoleMap(map: RoleMap): string {
  return Object.entries(map)
    .map(([value, { roles, units }]) => `${value} = ${[...roles, ...units.map((unit) => `unit:${unit}`)].join(', ')}`)
    .join('\n');
}

/** The roles and units that the claim's values give (a claim may be one string or a list of them). */
export function rolesFromClaims(claims: Record<string, unknown>, claim: string, map: RoleMap): { roles: Role[]; units: string[] } {
  const raw = claims[claim];
  const values = Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : typeof raw === 'string' ? [raw] : [];
  const roles = new Set<Role>();
  const units = new Set<string>();
  for (const value of values) {
    for (const role of map[value]?.roles ?? []) roles.add(role);
    for (const unit of map[value]?.units ?? []) units.add(unit);
  }
  // in the order of ROLES, so that an unchanged set compares equal to the stored one
  return { roles: ROLES.filter((role) => roles.has(role)), units: [...units].sort() };
}
