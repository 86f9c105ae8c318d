// What the queue service gives its screens and API: a contact point's waits, a ticket as its holder sees it, a
// counter's screen, a ticket as an agent sees it, and a ticket just issued.
import type { Language, LocalizedText } from '../platform/i18n/languages.ts';
import type { ContactPointDetail } from '../contactpoints/service.ts';
import type { CounterRecord, PriorityCategoryRecord, QueueServiceRecord, TicketStatus } from './repository.ts';
import type { WaitEstimate } from './wait-estimate.ts';

export interface ServiceWait {
  serviceCode: string;
  name: LocalizedText;
  prefix: string;
  /** In line: waiting, and taken online but not checked in yet (they keep their place, decision 0061). */
  waiting: number;
  /** Of those, taken online and not checked in yet (never called before they are). */
  notCheckedIn: number;
  countersOpen: number;
  /** Typical minutes per service: the median of the last services, or the configured default. */
  typicalServiceMinutes: number;
  /** True when the typical time comes from enough measured services of the last 7 days to estimate a wait. */
  measured: boolean;
  /** The wait of the last person in line (wait-estimate.ts, decision 0043): what every screen shows. */
  estimate: WaitEstimate;
  /** The middle of that estimate for machines: 0 for no wait, null when there is no estimate. */
  estimatedWaitMinutes: number | null;
}

export interface WaitReport {
  contactPointId: string;
  open: boolean;
  /** The point gives tickets online for at least one of its services (decision 0061). */
  remoteTickets: boolean;
  generatedAt: string;
  services: ServiceWait[];
}

/** A ticket as its holder sees it (the "my ticket" page and its JSON). */
export interface TicketView {
  number: string;
  status: TicketStatus;
  serviceCode: string;
  serviceName: LocalizedText;
  contactPointId: string;
  contactPointName: LocalizedText;
  /** 1 = next; null once called or finished. */
  position: number | null;
  /** This ticket's own wait; null once called or finished. */
  estimate: WaitEstimate | null;
  estimatedWaitMinutes: number | null;
  counter: string | null;
  calledAt: string | null;
  issuedAt: string;
  /** True when the visit is finished with an outcome: the page offers the satisfaction questionnaire. */
  feedbackAvailable: boolean;
  /** The last two digits of the mobile number left for SMS alerts, or null. */
  alertPhoneEnding: string | null;
  /** Taken online and not checked in yet: the code to check in with and the deadline; else null. */
  checkInCode: string | null;
  checkInBy: string | null;
}

/** A ticket as an agent sees it. */
export interface AgentTicket {
  id: string;
  number: string;
  status: TicketStatus;
  serviceCode: string;
  serviceName: LocalizedText | null;
  priority: { code: string; name: LocalizedText } | null;
  appointment: boolean;
  queuedAt: string;
  calledAt: string | null;
  recalls: number;
  transferred: boolean;
}

export interface CounterScreen {
  counter: CounterRecord;
  contactPoint: ContactPointDetail;
  services: QueueServiceRecord[];
  counters: CounterRecord[];
  categories: PriorityCategoryRecord[];
  current: AgentTicket | null;
  waiting: AgentTicket[];
  wait: WaitReport;
  atCounter: boolean;
}

export interface IssueInput {
  serviceCode: string;
  priorityCategory?: string | null | undefined;
  language: Language;
  /** A mobile number for the SMS alerts (optional; E.164 or a national form). */
  phone?: string | null | undefined;
}

export interface IssuedTicket {
  number: string;
  position: number;
  estimate: WaitEstimate;
  estimatedWaitMinutes: number | null;
  serviceCode: string;
  /** The secret of the "my ticket" link (only given here, stored hashed). */
  token: string;
  ticketUrl: string;
  issuedAt: string;
}
