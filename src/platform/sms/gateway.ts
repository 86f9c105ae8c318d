// The SMS gateway over SMPP 3.4, the protocol of the operators' and aggregators' message centres (SMSC).
// One transceiver session per process, opened on the first message and re-opened after a loss: submit_sm
// sends, deliver_sm brings delivery receipts and the answers people send (STOP). Every wait is bounded: the
// package leaves a request without answer pending forever when the connection drops.
import smpp, { type Pdu, type Session } from 'smpp';

const CONNECT_TIMEOUT_MS = 10_000;
const RESPONSE_TIMEOUT_MS = 15_000;
const ENQUIRE_LINK_MS = 30_000;

/** Command statuses after which sending the same message again cannot succeed (SMPP 3.4, 5.1.3). */
const PERMANENT_STATUSES = new Set([
  0x01, // ESME_RINVMSGLEN
  0x0a, // ESME_RINVSRCADR
  0x0b, // ESME_RINVDSTADR
  0x48, // ESME_RINVSRCTON
  0x49, // ESME_RINVSRCNPI
  0x50, // ESME_RINVDSTTON
  0x51, // ESME_RINVDSTNPI
  0x101, // ESME_RPROHIBITED
]);

export class SmppError extends Error {
  constructor(
    message: string,
    /** The SMSC's command_status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SmppError';
  }

  get permanent(): boolean {
    return this.status !== undefined && PERMANENT_STATUSES.has(this.status);
  }
}

export interface SmsReceipt {
  /** The id the SMSC gave in its submit_sm_resp. */
  messageId: string;
  /** DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, ACCEPTD, UNKNOWN, ENROUTE */
  state: string;
}

export interface InboundSms {
  /** E.164 */
  from: string;
  text: string;
}

export interface SmsGateway {
  /** Hands one message to the SMSC; resolves with its message id, or rejects with an SmppError. */
  submit(message: { to: string; from: string; text: string }): Promise<string>;
  close(): Promise<void>;
}

export interface GatewayHandlers {
  onReceipt(receipt: SmsReceipt): Promise<void>;
  onInbound(message: InboundSms): Promise<void>;
  onError(error: unknown): void;
}

const RECEIPT_STATES: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

export function createSmppGateway(url: string, handlers: GatewayHandlers): SmsGateway {
  const parsed = new URL(url);
  const credentials = { system_id: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  const address = `${parsed.protocol}//${parsed.hostname}:${parsed.port || (parsed.protocol === 'ssmpp:' ? '3550' : '2775')}`;
  let bound: Promise<Session> | undefined;
  let active: Session | undefined;
  /** Submissions waiting for their answer, per session: a lost connection fails them at once. */
  const unanswered = new WeakMap<Session, Set<(error: Error) => void>>();
  let closing = false;

  function open(): Promise<Session> {
    return new Promise<Session>((resolve, reject) => {
      const session = smpp.connect({ url: address, auto_enquire_link_period: ENQUIRE_LINK_MS });
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        session.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(new SmppError(`no bind answer from ${address} within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      session.on('error', (error: Error) => {
        if (!settled) fail(new SmppError(`SMSC ${address}: ${error.message}`));
        else handlers.onError(error);
      });
      unanswered.set(session, new Set());
      session.on('close', () => {
        for (const reject of unanswered.get(session) ?? []) reject(new SmppError('the SMSC connection closed before it answered'));
        unanswered.get(session)?.clear();
        // The next message opens a new session.
        if (active === session) {
          active = undefined;
          bound = undefined;
        }
      });
      session.on('deliver_sm', (pdu: Pdu) => {
        session.send(pdu.response());
        void received(pdu).catch((error: unknown) => handlers.onError(error));
      });
      session.on('enquire_link', (pdu: Pdu) => {
        session.send(pdu.response());
      });
      session.on('unbind', (pdu: Pdu) => {
        session.send(pdu.response());
        session.close();
      });
      session.on(parsed.protocol === 'ssmpp:' ? 'secureConnect' : 'connect', () => {
        session.send(new smpp.PDU('bind_transceiver', { ...credentials, interface_version: 0x34 }), (response) => {
          if (response.command_status !== 0) return fail(new SmppError(`bind refused by ${address}`, response.command_status));
          settled = true;
          clearTimeout(timer);
          active = session;
          resolve(session);
        });
      });
    });
  }

  async function session(): Promise<Session> {
    if (closing) throw new SmppError('the SMS gateway is closing');
    bound ??= open().catch((error: unknown) => {
      bound = undefined;
      throw error;
    });
    return bound;
  }

  async function received(pdu: Pdu): Promise<void> {
    const text = messageText(pdu);
    if ((Number(pdu.esm_class) & 0x04) !== 0) {
      const receiptId = typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : /\bid:(\S+)/i.exec(text)?.[1];
      const state = typeof pdu.message_state === 'number' ? RECEIPT_STATES[pdu.message_state] : /\bstat:(\w+)/i.exec(text)?.[1]?.toUpperCase();
      if (receiptId && state) await handlers.onReceipt({ messageId: receiptId, state });
      return;
    }
    const from = typeof pdu.source_addr === 'string' ? pdu.source_addr.replace(/^\+?/, '+') : '';
    if (/^\+\d{6,15}$/.test(from)) await handlers.onInbound({ from, text });
  }

  return {
    async submit({ to, from, text }) {
      const current = await session();
      // Long texts travel whole in message_payload (SMPP 3.4, 5.3.2.32) rather than as parts the SMSC joins.
      const body = text.length > 160 ? { message_payload: text } : { short_message: text };
      const alphanumeric = !/^\+?\d+$/.test(from);
      const pdu = new smpp.PDU('submit_sm', {
        source_addr: alphanumeric ? from : from.replace(/^\+/, ''),
        source_addr_ton: alphanumeric ? 0x05 : 0x01,
        source_addr_npi: alphanumeric ? 0x00 : 0x01,
        destination_addr: to.replace(/^\+/, ''),
        dest_addr_ton: 0x01,
        dest_addr_npi: 0x01,
        registered_delivery: 0x01,
        ...body,
      });
      const waiting = unanswered.get(current);
      return new Promise<string>((resolve, reject) => {
        const settle = (error: Error | undefined, messageId?: string) => {
          clearTimeout(timer);
          waiting?.delete(fail);
          if (error) reject(error);
          else resolve(messageId!);
        };
        const fail = (error: Error) => settle(error);
        waiting?.add(fail);
        const timer = setTimeout(() => {
          // A lost answer may be a lost connection: start over with a new session.
          bound = undefined;
          current.destroy();
          fail(new SmppError(`no submit_sm answer within ${RESPONSE_TIMEOUT_MS} ms`));
        }, RESPONSE_TIMEOUT_MS);
        const sent = current.send(pdu, (response) => {
          if (response.command_status !== 0)
            fail(new SmppError(`submit_sm refused (status 0x${response.command_status.toString(16)})`, response.command_status));
          else settle(undefined, String(response.message_id));
        });
        if (!sent) {
          bound = undefined;
          fail(new SmppError('the SMSC connection is closed'));
        }
      });
    },

    async close() {
      closing = true;
      const current = await bound?.catch(() => undefined);
      if (!current) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => current.destroy(() => resolve()), 2_000);
        current.send(new smpp.PDU('unbind'), () => {
          clearTimeout(timer);
          current.close(() => resolve());
        });
      });
    },
  };
}

function messageText(pdu: Pdu): string {
  const field = pdu.message_payload ?? pdu.short_message;
  if (typeof field === 'string') return field;
  if (field && typeof field === 'object' && 'message' in field) {
    const { message } = field;
    return typeof message === 'string' ? message : Buffer.isBuffer(message) ? message.toString('latin1') : '';
  }
  return '';
}
