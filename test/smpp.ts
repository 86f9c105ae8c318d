// A real SMPP 3.4 message centre (SMSC) for tests, on 127.0.0.1, built on the `smpp` package's server side:
// it checks the bind credentials, answers submit_sm with a message id and records what it received, sends
// delivery receipts and mobile-originated texts (STOP) back over the bound session, and can refuse the next
// submissions or stop listening to simulate an outage.
import smpp, { type Pdu, type Session } from 'smpp';

export interface SubmittedSms {
  messageId: string;
  to: string;
  from: string;
  text: string;
  registeredDelivery: number;
  dataCoding: number;
}

export interface TestSmsc {
  url: string;
  port: number;
  submitted: SubmittedSms[];
  /** Resolves when at least `count` messages have been submitted. */
  waitFor(count: number, timeoutMs?: number): Promise<SubmittedSms[]>;
  /** The next `count` submit_sm are answered with this command_status (e.g. 0x58 throttled, 0x0b bad number). */
  refuseNext(count: number, status: number): void;
  /** Sends a delivery receipt (stat: DELIVRD, UNDELIV…) for a message over the bound session. */
  sendReceipt(messageId: string, state: string): Promise<void>;
  /** Sends a text from a phone (e.g. "STOP") to the platform. */
  sendInbound(from: string, text: string): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const SYSTEM_ID = 'irisdesk';
const PASSWORD = 'secret';

export async function startTestSmsc(port = 0): Promise<TestSmsc> {
  const submitted: SubmittedSms[] = [];
  const sessions = new Set<Session>();
  let refusals: { count: number; status: number } = { count: 0, status: 0 };
  let sequence = 0;

  const server = smpp.createServer({}, (session) => {
    let bound = false;
    session.on('error', () => sessions.delete(session));
    session.on('close', () => sessions.delete(session));
    session.on('bind_transceiver', (pdu: Pdu) => {
      if (pdu.system_id !== SYSTEM_ID || pdu.password !== PASSWORD) {
        session.send(pdu.response({ command_status: 0x0e })); // ESME_RINVPASWD
        session.close();
        return;
      }
      bound = true;
      sessions.add(session);
      session.send(pdu.response({ system_id: 'test-smsc' }));
    });
    session.on('submit_sm', (pdu: Pdu) => {
      if (!bound) return session.send(pdu.response({ command_status: 0x04 })); // ESME_RINVBNDSTS
      if (refusals.count > 0) {
        refusals.count -= 1;
        return session.send(pdu.response({ command_status: refusals.status }));
      }
      const messageId = `msg-${++sequence}`;
      submitted.push({
        messageId,
        to: String(pdu.destination_addr),
        from: String(pdu.source_addr),
        text: textOf(pdu),
        registeredDelivery: Number(pdu.registered_delivery),
        dataCoding: Number(pdu.data_coding),
      });
      session.send(pdu.response({ message_id: messageId }));
    });
    session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: Pdu) => {
      session.send(pdu.response());
      session.close();
    });
  });

  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : p);
      });
    });
  const actualPort = await listen(port);

  const deliver = (fields: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) => {
      const [session] = sessions;
      if (!session) return reject(new Error('no bound session to deliver to'));
      session.send(new smpp.PDU('deliver_sm', fields), (response) =>
        response.command_status === 0 ? resolve() : reject(new Error(`deliver_sm refused: ${response.command_status}`)),
      );
    });

  return {
    url: `smpp://${SYSTEM_ID}:${PASSWORD}@127.0.0.1:${actualPort}`,
    port: actualPort,
    submitted,
    async waitFor(count, timeoutMs = 15_000) {
      const started = Date.now();
      while (submitted.length < count) {
        if (Date.now() - started > timeoutMs) throw new Error(`expected ${count} SMS, got ${submitted.length}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return submitted;
    },
    refuseNext(count, status) {
      refusals = { count, status };
    },
    sendReceipt: (messageId, state) =>
      deliver({
        source_addr: '32470000000',
        destination_addr: 'IrisDesk',
        esm_class: 0x04,
        short_message: `id:${messageId} sub:001 dlvrd:${state === 'DELIVRD' ? '001' : '000'} submit date:2612071200 done date:2612071201 stat:${state} err:000 text:`,
      }),
    sendInbound: (from, text) => deliver({ source_addr: from.replace(/^\+/, ''), source_addr_ton: 0x01, destination_addr: 'IrisDesk', short_message: text }),
    async stop() {
      for (const session of sessions) session.destroy();
      sessions.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async start() {
      await listen(actualPort);
    },
  };
}

function textOf(pdu: Pdu): string {
  const field = pdu.message_payload ?? pdu.short_message;
  if (field && typeof field === 'object' && 'message' in field) {
    const message = (field as { message: unknown }).message;
    return typeof message === 'string' ? message : '';
  }
  return typeof field === 'string' ? field : '';
}
