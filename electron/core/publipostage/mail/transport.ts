import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { Readable } from 'node:stream';
import type { SMTPPoolOptions } from 'nodemailer/lib/smtp-pool';
import type { SmtpSettings } from '../../../../shared/domain/mail.ts';

/** One message as the campaign hands it over: already personal, already rendered. */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  /** Our own Message-ID, with angle brackets: it names the message in the result table. */
  messageId: string;
}

export interface SendHooks {
  /**
   * Called synchronously once the server has received the whole message, just before the
   * end-of-data marker (CRLF.CRLF) goes out: from then on the server may accept it.
   */
  onEndOfData(): void;
  /** Aborts a send that has not reached its end of data. */
  signal?: AbortSignal;
}

export interface MailSender {
  /** Resolves with the server's reply (« 250 OK… »); rejects with nodemailer's error. */
  send(mail: OutgoingMail, hooks: SendHooks): Promise<{ response: string }>;
  close(): void;
}

/** The nodemailer options of a pooled, TLS ≥ 1.2 connection; `none` only reaches localhost (schema). */
export function smtpPoolOptions(settings: SmtpSettings, password: string | null): SMTPPoolOptions {
  return {
    pool: true,
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.user ? { user: settings.user, pass: password ?? '' } : undefined,
    tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true, servername: settings.host },
    maxConnections: settings.connections,
    maxMessages: 100,
    // Never let the pool resend on its own: the campaign decides, from what it wrote down.
    maxRequeues: 0,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    // Logs would carry addresses: none.
    logger: false,
    debug: false,
  };
}

interface HookedMessage {
  message: { createReadStream(): Readable };
  data: { messageId?: string | undefined };
}

/**
 * A pooled SMTP sender. The pool's read stream of each message ends right before nodemailer
 * writes the end-of-data marker (smtp-connection pipes it into its DataStream, which adds the
 * marker when its source ends): an 'end' listener placed first is the last moment the server
 * still cannot have accepted the message.
 */
const require = createRequire(import.meta.url);

/** nodemailer loads with the first sender opened: the directory and the app's start never pay for it. */
function nodemailer(): typeof Nodemailer {
  return require('nodemailer') as typeof Nodemailer;
}

export function openSmtpSender(settings: SmtpSettings, password: string | null): MailSender {
  const transporter = nodemailer().createTransport(smtpPoolOptions(settings, password) as SMTPPoolOptions & { pool: true });
  const endHooks = new Map<string, () => void>();
  transporter.use('stream', (mail, done) => {
    const hooked = mail as unknown as HookedMessage;
    const hook = endHooks.get(hooked.data.messageId ?? '');
    if (hook) {
      const original = hooked.message.createReadStream.bind(hooked.message);
      hooked.message.createReadStream = () => {
        const stream = original();
        stream.prependOnceListener('end', hook);
        return stream;
      };
    }
    done();
  });

  return {
    async send(mail, hooks) {
      endHooks.set(mail.messageId, hooks.onEndOfData);
      try {
        const info = await transporter.sendMail({
          from: { name: mail.from.name, address: mail.from.address },
          to: mail.to,
          replyTo: mail.replyTo ?? undefined,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: {
            // RFC 3834: no out-of-office replies flooding the school's mailbox.
            'Auto-Submitted': 'auto-generated',
            'X-Auto-Response-Suppress': 'OOF, AutoReply',
          },
          disableFileAccess: true,
          disableUrlAccess: true,
          signal: hooks.signal,
        });
        return { response: String(info.response ?? '') };
      } finally {
        endHooks.delete(mail.messageId);
      }
    },
    close: () => transporter.close(),
  };
}
