// Every module's service, built once from the shared dependencies. Route modules receive this object.
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { identityService } from './identity/service.ts';
import { organisationService } from './organisations/service.ts';
import { auditService } from './audit/service.ts';

export function createServices({ config, db }: { config: Config; db: Database }) {
  return {
    config,
    audit: auditService(db),
    identity: identityService(db),
    organisations: organisationService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
