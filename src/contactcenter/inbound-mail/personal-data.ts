// The inbound-mail records' personal-data seam, wired into the privacy service (src/services.ts; issue 18, decision 0053).
import type { Queryable } from '../../platform/db/database.ts';
import { eraseInboundMail, inboundMailOfRequests } from './personal-data-repository.ts';

export const inboundMailPersonalData = {
  export: (q: Queryable, requestIds: string[]) => inboundMailOfRequests(q, requestIds),
  erase: (tx: Queryable, requestIds: string[]) => eraseInboundMail(tx, requestIds),
};
