// The citizen accounts' personal-data seam, wired into the privacy service (src/services.ts; issue 18).
import type { Queryable } from '../platform/db/database.ts';
import { citizenAccountsOf, eraseCitizenAccounts } from './personal-data-repository.ts';

export const citizenPersonalData = {
  export: (q: Queryable, email: string) => citizenAccountsOf(q, email),
  erase: (tx: Queryable, email: string) => eraseCitizenAccounts(tx, email),
};
