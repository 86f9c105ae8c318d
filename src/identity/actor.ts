// Who is acting: a signed-in staff member, as every module's authorisation predicates see them.
// The data protection officers (issue 18, migration 0055): an organisation's own, and the regional one.
export const ROLES = [
  'first_line_agent',
  'second_line_agent',
  'content_editor',
  'organisation_manager',
  'regional_analyst',
  'platform_admin',
  'data_protection_officer',
  'regional_data_protection_officer',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  accountId: string;
  organisationId: string;
  organisationCode: string;
  displayName: string;
  email: string;
  roles: Role[];
  unitIds: string[];
  preferredLanguage: 'fr' | 'nl' | 'en';
  /**
   * Set when the actor is an API token (Authorization: Bearer, src/integrations): the account is the manager who
   * created it, and the token reaches only the operations of its scopes (decision 0037).
   */
  apiToken?: { id: string; name: string; scopes: string[] } | undefined;
}

export function hasRole(actor: Actor | null | undefined, ...roles: Role[]): boolean {
  return !!actor && roles.some((role) => actor.roles.includes(role));
}
