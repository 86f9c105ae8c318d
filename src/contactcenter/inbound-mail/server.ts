// The inbound SMTP listener of the contact center: a real SMTP server in the process (smtp-server), started
// by main.ts when INBOUND_SMTP_PORT is set. Each message is parsed (mailparser) and handed to receiveMail.
//   startInboundSmtp({ port, host, maxBytes, receive, log }) → { port, stop() }
// Replies: 250 accepted (or a duplicate, silently); 550 5.1.1 unknown or switched-off mailbox and 450 4.2.1
// mailbox awaiting confirmation (at RCPT TO); 451 4.7.0 too many messages from this sender or server; 552 5.3.4
// message or attachments too large; 550/554 5.6.0 malformed; 451 4.3.0 on an internal fault, so the sending
// server retries and nothing acknowledged is lost (250 is only sent after the requests' transaction committed).
// The sender check (SPF/DMARC, sender-check.ts) asks DNS through `resolver` (the system's when not given).
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { Database } from '../../platform/db/database.ts';
import { mailboxByAddress } from '../repository.ts';
import { auditInbound, InboundRefusal, type InboundMail, type InboundOutcome } from './receive.ts';
import { checkSender, type DNSResolver } from './sender-check.ts';

export interface InboundSmtpOptions {
  db: Database;
  port: number;
  host: string;
  maxBytes: number;
  receive: (mail: InboundMail) => Promise<InboundOutcome>;
  log?: { warn(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void };
  /** DNS for the sender check; the system resolver when not given (tests answer from a small zone). */
  resolver?: DNSResolver | undefined;
}

export interface InboundSmtp {
  port: number;
  stop(): Promise<void>;
}

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const server = new SMTPServer({
    name: 'irisdesk',
    banner: 'IrisDesk contact center',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    size: options.maxBytes,
    maxClients: 50,
    socketTimeout: 60_000,
    closeTimeout: 10_000,
    onRcptTo(address, _session, callback) {
      mailboxByAddress(options.db, address.address.trim().toLowerCase()).then(
        (mailbox) =>
          callback(
            !mailbox
              ? smtpError(550, '5.1.1 No such mailbox here')
              : !mailbox.verified
                ? smtpError(450, '4.2.1 Mailbox awaiting confirmation of its address, try again later')
                : null,
          ),
        (error: unknown) => {
          options.log?.warn({ err: error }, 'inbound mail: mailbox look-up failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', () => callback(smtpError(451, '4.3.0 Temporary failure, try again later')));
      stream.on('end', () => {
        (async () => {
          if (stream.sizeExceeded || size > options.maxBytes) {
            await auditInbound(options.db, 'message_too_large', { size, limit: options.maxBytes });
            return callback(smtpError(552, `5.3.4 Message too large (limit ${options.maxBytes} bytes)`));
          }
          const raw = Buffer.concat(chunks);
          let parsed;
          try {
            parsed = await simpleParser(raw, { skipHtmlToText: false });
          } catch (error) {
            await auditInbound(options.db, 'malformed', { detail: error instanceof Error ? error.message.slice(0, 200) : 'parse error', size });
            return callback(smtpError(554, '5.6.0 Malformed message'));
          }
          try {
            const outcome = await options.receive({
              recipients: session.envelope.rcptTo.map((r) => r.address),
              parsed,
              size,
              remoteAddress: session.remoteAddress,
              checkSender: () =>
                checkSender(
                  raw,
                  {
                    clientAddress: session.remoteAddress,
                    helo: session.hostNameAppearsAs || '',
                    envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                    mta: 'irisdesk',
                  },
                  options.resolver,
                ),
            });
            const references = outcome.results.flatMap((r) => (r.kind === 'duplicate' ? [] : [r.reference]));
            const text = references.length ? `Received as ${references.join(', ')}` : 'Already received';
            callback(null, text);
          } catch (error) {
            if (error instanceof InboundRefusal) return callback(smtpError(error.responseCode, error.message));
            options.log?.warn({ err: error }, 'inbound mail: could not store a message');
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          }
        })().catch((error: unknown) => {
          // The audit of a refused message failed (database away): the sender tries again later.
          options.log?.warn({ err: error }, 'inbound mail: could not record a refused message');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
      });
    },
  });
  server.on('error', (error) => options.log?.warn({ err: error }, 'inbound SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The listener as configured (INBOUND_SMTP_PORT / INBOUND_SMTP_HOST / INBOUND_SMTP_MAX_BYTES); undefined when disabled. */
export async function startInboundSmtpFromConfig(
  config: { inboundSmtpPort: number | undefined; inboundSmtpHost: string; inboundSmtpMaxBytes: number },
  db: Database,
  receive: InboundSmtpOptions['receive'],
  log?: InboundSmtpOptions['log'],
): Promise<InboundSmtp | undefined> {
  if (config.inboundSmtpPort === undefined) return undefined;
  const listener = await startInboundSmtp({
    db,
    port: config.inboundSmtpPort,
    host: config.inboundSmtpHost,
    maxBytes: config.inboundSmtpMaxBytes,
    receive,
    log,
  });
  log?.info({ port: listener.port, host: config.inboundSmtpHost }, 'inbound SMTP listener ready (contact center)');
  return listener;
}
