import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { defaultSmtpSettings, type SmtpSettings } from '../../shared/domain/mail.ts';

/** One message as the test server received it, decoded enough to read. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  /** Who logged in to send it. */
  user: string | null;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, string>;
}

/** An SMTP reply the test server gives instead of accepting. */
export type Refusal = { code: number; message: string } | null;

/**
 * Where the test server cuts a connection, without a word: at MAIL FROM (the message is not
 * sent, the client knows it), or once the whole message and its end-of-data marker have
 * arrived but before the « 250 » (the server keeps it: delivered, but the client cannot know).
 */
export type CutPoint = 'mailFrom' | 'endOfData';

export interface TestSmtpOptions {
  /** Logins the server accepts; none = no authentication offered. */
  users?: Record<string, string>;
  /** Per RCPT TO, the nth time (from 1) this address is offered. */
  rcpt?: (address: string, attempt: number) => Refusal;
  mailFrom?: (address: string) => Refusal;
  /** Per message (nth MAIL FROM on this server, from 1, retries included): where to cut its connection, if anywhere. */
  cut?: (message: number) => CutPoint | null;
  /** Called when a message's data begins and when its end-of-data marker has arrived. */
  onDataStart?: (count: number) => void;
  onDataEnd?: (count: number) => void;
  /** Extra smtp-server options (hideSTARTTLS…). */
  server?: Partial<SMTPServerOptions>;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Messages per recipient address. */
  countFor(address: string): number;
  /** SmtpSettings pointing at this server (plain connection to 127.0.0.1). */
  settings(overrides?: Partial<SmtpSettings>): SmtpSettings;
  url(user?: string, password?: string): string;
  close(): Promise<void>;
}

function refusal(refused: Refusal): Error | null {
  if (!refused) return null;
  return Object.assign(new Error(refused.message), { responseCode: refused.code });
}

/** Unfolds headers and decodes RFC 2047 words (=?UTF-8?B|Q?…?=). */
function decodeWords(value: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?[^?]+\?([bBqQ])\?([^?]*)\?=/g, (_, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

function decodeBody(body: string, headers: Map<string, string>): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** The text and HTML parts of a message (single part or one level of multipart/alternative). */
export function parseMessage(raw: string): { headers: Map<string, string>; text: string; html: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  let text = '';
  let html = '';
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw];
  for (const part of parts) {
    const at = part.replace(/^\r?\n/, '').search(/\r?\n\r?\n/);
    const content = part.replace(/^\r?\n/, '');
    const partHeaders = parseHeaders(content.slice(0, at));
    const decoded = decodeBody(content.slice(at).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, ''), partHeaders);
    const partType = partHeaders.get('content-type') ?? '';
    if (partType.startsWith('text/plain')) text = decoded;
    else if (partType.startsWith('text/html')) html = decoded;
  }
  return { headers, text: text.replace(/\r\n/g, '\n'), html };
}

/** A real SMTP server on 127.0.0.1 (smtp-server), scripted per test. */
export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const attempts = new Map<string, number>();
  const users = options.users;
  let dataCount = 0;
  let messageCount = 0;
  // The sockets by client port, to cut the one a session runs on; what each session's message is to undergo.
  const sockets = new Map<number, Socket>();
  const cuts = new Map<string, CutPoint | null>();
  const cutConnection = (session: SMTPServerSession) => sockets.get(session.remotePort)?.destroy();
  const server = new SMTPServer({
    disabledCommands: users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !users,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (users && users[auth.username ?? ''] === auth.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onMailFrom(address, session, callback) {
      const cut = options.cut?.(++messageCount) ?? null;
      cuts.set(session.id, cut);
      if (cut === 'mailFrom') return cutConnection(session);
      callback(refusal(options.mailFrom?.(address.address) ?? null));
    },
    onRcptTo(address, _session, callback) {
      const attempt = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, attempt);
      callback(refusal(options.rcpt?.(address.address, attempt) ?? null));
    },
    onData(stream, session, callback) {
      const count = ++dataCount;
      options.onDataStart?.(count);
      const chunks: Buffer[] = [];
      stream.on('error', () => undefined);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        options.onDataEnd?.(count);
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = parseMessage(raw);
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          user: (session.user as string | undefined) ?? null,
          subject: parsed.headers.get('subject') ?? '',
          text: parsed.text,
          html: parsed.html,
          headers: parsed.headers,
        });
        if (cuts.get(session.id) === 'endOfData') cutConnection(session);
        else callback();
      });
    },
    ...options.server,
  });
  server.on('error', () => undefined);
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort ?? 0;
    sockets.set(port, socket);
    socket.once('close', () => sockets.delete(port));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    countFor: (address) => received.filter((mail) => mail.to.includes(address)).length,
    settings: (overrides = {}) => ({
      ...defaultSmtpSettings,
      host: '127.0.0.1',
      port,
      security: 'none',
      senderName: 'École de démonstration',
      senderAddress: 'direction@ecole.example',
      ratePerMinute: 600,
      connections: 2,
      ...overrides,
    }),
    url: (user, password) => `smtp://${user ? `${encodeURIComponent(user)}:${encodeURIComponent(password ?? '')}@` : ''}127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
