// The rules for organisations, units and staff accounts: scoping to the actor's organisation, auditing of
// personal-data reads and changes, optimistic concurrency on account edits.
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { recordAuditEntry } from '../audit/service.ts';
import type { Actor, Role } from '../identity/actor.ts';
import { hashPassword } from '../identity/passwords.ts';
import { passwordWeakness } from '../identity/password-policy.ts';
import * as repo from './repository.ts';
import {
  accountScope,
  canChangeAccount,
  canCreateOrganisation,
  canGrantRole,
  canManageOrganisation,
  canViewAccount,
  managesOrganisations,
} from './authorisation.ts';
import { authorise, authoriseOrRecord } from '../identity/guards.ts';

export type { Organisation, OrganisationKind } from './repository.ts';

export interface NewAccountInput {
  organisationCode: string;
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  preferredLanguage: 'fr' | 'nl' | 'en';
  unitIds?: string[];
}

export interface AccountChanges {
  version: number;
  displayName: string;
  roles: Role[];
  preferredLanguage: 'fr' | 'nl' | 'en';
  active: boolean;
  unitIds: string[];
}

export function organisationService(db: Database) {
  const audit = (
    actor: Actor,
    action: 'read' | 'create' | 'update' | 'denied',
    accountId: string | null,
    organisationId: string,
    requestId: string | undefined,
    details?: Record<string, unknown>,
  ) =>
    recordAuditEntry(db, {
      actorAccountId: actor.accountId,
      actorOrganisationId: actor.organisationId,
      action,
      subjectType: 'account',
      subjectId: accountId,
      organisationId,
      requestId: requestId ?? null,
      details: details ?? {},
    });

  async function organisationOr404(code: string) {
    const organisation = await repo.findOrganisationByCode(db, code);
    if (!organisation) throw new AppError(404, 'organisation.not_found');
    return organisation;
  }

  /** Loads an account the actor may see; another organisation's account is "not found" (and audited). */
  async function visibleAccount(actor: Actor, id: string, requestId?: string) {
    const account = /^[0-9a-f-]{36}$/i.test(id) ? await repo.findAccount(db, id) : undefined;
    if (!account) throw new AppError(404, 'account.not_found');
    if (!canViewAccount(actor, account)) {
      await audit(actor, 'denied', account.id, account.organisationId, requestId);
      throw new AppError(404, 'account.not_found');
    }
    return account;
  }

  return {
    listOrganisations: (kind?: repo.OrganisationKind) => repo.listOrganisations(db, { kind }),
    // Lookups for other modules: organisations are public reference data (no authorisation, no audit).
    findByCode: (code: string) => repo.findOrganisationByCode(db, code),
    findById: (id: string) => repo.findOrganisationById(db, id),
    listByIds: (ids: string[]) => repo.listOrganisations(db, { ids }),
    getOrganisation: organisationOr404,
    async listUnits(code: string) {
      return repo.listUnits(db, (await organisationOr404(code)).id);
    },
    /** The organisations an actor may manage (all for administrators). */
    async managedOrganisations(actor: Actor) {
      authorise(managesOrganisations(actor));
      const scope = accountScope(actor);
      return repo.listOrganisations(db, scope ? { ids: [scope] } : {});
    },

    async createOrganisation(actor: Actor, input: { code: string; kind: repo.OrganisationKind; name: LocalizedText }) {
      authorise(canCreateOrganisation(actor));
      const created = await repo.insertOrganisation(db, input);
      if (!created) throw new AppError(409, 'organisation.code_taken', { fields: [{ field: 'code', code: 'organisation.codeTaken' }] });
      return created;
    },

    /** Whether all the organisation's staff must sign in with a second factor (its managers and administrators decide). */
    async setTwoFactorRequired(actor: Actor, organisationCode: string, required: boolean, requestId?: string) {
      const organisation = await organisationOr404(organisationCode);
      authorise(canManageOrganisation(actor, organisation.id));
      await repo.updateTwoFactorRequired(db, organisation.id, required);
      await recordAuditEntry(db, {
        actorAccountId: actor.accountId,
        actorOrganisationId: actor.organisationId,
        action: 'update',
        subjectType: 'organisation',
        subjectId: organisation.id,
        organisationId: organisation.id,
        requestId: requestId ?? null,
        details: { fields: ['two_factor_required'], twoFactorRequired: required },
      });
    },

    async createUnit(actor: Actor, organisationCode: string, input: { code: string; name: LocalizedText }) {
      const organisation = await organisationOr404(organisationCode);
      authorise(canManageOrganisation(actor, organisation.id));
      const unit = await repo.insertUnit(db, { organisationId: organisation.id, ...input });
      if (!unit) throw new AppError(409, 'unit.code_taken', { fields: [{ field: 'code', code: 'unit.codeTaken' }] });
      return unit;
    },

    listAccounts: (actor: Actor) => {
      authorise(managesOrganisations(actor));
      return repo.listAccounts(db, accountScope(actor));
    },

    /** Reading an account shows personal data: it is audited. */
    async getAccount(actor: Actor, id: string, requestId?: string) {
      const account = await visibleAccount(actor, id, requestId);
      await audit(actor, 'read', account.id, account.organisationId, requestId);
      return account;
    },

    async createAccount(actor: Actor, input: NewAccountInput, requestId?: string) {
      const organisation = await organisationOr404(input.organisationCode);
      authorise(canManageOrganisation(actor, organisation.id));
      await authoriseOrRecord(
        input.roles.every((role) => canGrantRole(actor, role, { organisationId: organisation.id })),
        () => audit(actor, 'denied', null, organisation.id, requestId, { roles: input.roles }),
        { code: 'account.role_not_grantable', fields: [{ field: 'roles', code: 'account.roleNotGrantable' }] },
      );
      const weakness = await passwordWeakness(input.password, { displayName: input.displayName, email: input.email });
      if (weakness) throw new AppError(400, 'validation.failed', { fields: [{ field: 'password', ...weakness }] });
      const id = await db.transaction(async (tx) => {
        const newId = await repo.insertAccount(tx, {
          organisationId: organisation.id,
          email: input.email.trim(),
          displayName: input.displayName.trim(),
          passwordHash: await hashPassword(input.password),
          roles: [...new Set(input.roles)],
          preferredLanguage: input.preferredLanguage,
        });
        if (!newId) throw new AppError(409, 'account.email_taken', { fields: [{ field: 'email', code: 'account.emailTaken' }] });
        await repo.setAccountUnits(tx, newId, input.unitIds ?? []);
        return newId;
      });
      await audit(actor, 'create', id, organisation.id, requestId);
      return (await repo.findAccount(db, id))!;
    },

    /** Applies changes made on the version the editor saw; a concurrent edit gives 409, never a lost update. */
    async updateAccount(actor: Actor, id: string, changes: AccountChanges, requestId?: string) {
      const account = await visibleAccount(actor, id, requestId);
      await authoriseOrRecord(
        canChangeAccount(actor, account),
        () => audit(actor, 'denied', account.id, account.organisationId, requestId),
        'account.not_changeable',
      );
      // A role added or taken away is checked alike: only who may grant a role may withdraw it.
      const changed = [...changes.roles.filter((role) => !account.roles.includes(role)), ...account.roles.filter((role) => !changes.roles.includes(role))];
      const own = account.id === actor.accountId;
      await authoriseOrRecord(
        changed.every((role) => canGrantRole(actor, role, account)),
        () => audit(actor, 'denied', account.id, account.organisationId, requestId, { roles: changed }),
        own
          ? { code: 'account.own_roles', fields: [{ field: 'roles', code: 'account.ownRoles' }] }
          : { code: 'account.role_not_grantable', fields: [{ field: 'roles', code: 'account.roleNotGrantable' }] },
      );
      if (account.id === actor.accountId && !changes.active) throw new AppError(400, 'account.cannot_deactivate_self');
      await db.transaction(async (tx) => {
        const updated = await repo.updateAccount(tx, account.id, changes.version, {
          displayName: changes.displayName.trim(),
          roles: [...new Set(changes.roles)],
          preferredLanguage: changes.preferredLanguage,
          active: changes.active,
        });
        if (!updated) throw new AppError(409, 'account.stale');
        await repo.setAccountUnits(tx, account.id, changes.unitIds);
        if (!changes.active) await repo.deleteAccountSessions(tx, account.id);
      });
      await audit(actor, 'update', account.id, account.organisationId, requestId, {
        fields: ['displayName', 'roles', 'preferredLanguage', 'active', 'units'],
      });
      return (await repo.findAccount(db, account.id))!;
    },
  };
}

export type OrganisationService = ReturnType<typeof organisationService>;
