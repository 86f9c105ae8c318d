// The SMTP connection, through nodemailer. One transport per process, created from SMTP_URL
// (smtp://user:password@host:587 uses STARTTLS when offered; smtps:// is TLS from the start).
import nodemailer from 'nodemailer';

export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string[];
    cc?: string[] | undefined;
    replyTo?: string | undefined;
    subject: string;
    text: string;
    html?: string | undefined;
    messageId: string;
    inReplyTo?: string | undefined;
    references?: string | undefined;
    headers: Record<string, string>;
    attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
  }): Promise<unknown>;
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
}

/**
 * A refusal that retrying will not change: the server rejected the recipients or the message itself with a
 * 5xx reply. Connection, timeout, authentication and 4xx failures are retried.
 */
export function isPermanentSmtpError(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return (code === 'EENVELOPE' || code === 'EMESSAGE') && typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}
