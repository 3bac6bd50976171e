import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtpOptions, type TestSmtpServer } from '../../../test-support/smtp.ts';
import { sendTestMessage } from './test-message.ts';
import { smtpPoolOptions } from './transport.ts';

let server: TestSmtpServer | null = null;

async function serve(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  server = await startTestSmtp({ users: { direction: 'secret' }, ...options });
  return server;
}

afterEach(async () => {
  await server?.close();
  server = null;
});

/** A port nobody listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('« Envoyer un message d’essai » and its diagnosis', () => {
  it('sends one message to the sender address and says so', async () => {
    const smtp = await serve();
    const result = await sendTestMessage(smtp.settings({ user: 'direction' }), 'secret', null, 'École');
    expect(result).toEqual({ ok: true, message: 'Message d’essai envoyé à direction@ecole.example. Vérifiez qu’il est bien arrivé (et pas dans les indésirables).' });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ to: ['direction@ecole.example'], subject: 'Sésame : message d’essai', user: 'direction' });
  });

  it('names a wrong password', async () => {
    const smtp = await serve();
    const result = await sendTestMessage(smtp.settings({ user: 'direction' }), 'faux', null, 'École');
    expect(result).toMatchObject({ ok: false, problem: 'auth' });
    expect(result.message).toMatch(/^Identifiant ou mot de passe refusé par le serveur de messagerie\..*535/);
  });

  it('names a refused sender address', async () => {
    const smtp = await serve({ mailFrom: () => ({ code: 553, message: '5.7.1 Sender address rejected' }) });
    const result = await sendTestMessage(smtp.settings({ user: 'direction' }), 'secret', null, 'École');
    expect(result).toMatchObject({ ok: false, problem: 'sender' });
    expect(result.message).toContain('Le serveur refuse l’adresse d’expéditeur « direction@ecole.example »');
  });

  it('names a refused connection', async () => {
    const smtp = await serve();
    const port = await closedPort();
    const result = await sendTestMessage(smtp.settings({ port }), null, null, 'École');
    expect(result).toEqual({
      ok: false,
      problem: 'connection',
      message: `Le serveur 127.0.0.1 (port ${port}) refuse la connexion. Vérifiez le port et le type de sécurité (465 : SSL/TLS, 587 : STARTTLS).`,
    });
  });

  it('names a server name that does not exist (DNS)', async () => {
    const smtp = await serve();
    const result = await sendTestMessage(smtp.settings({ host: 'smtp.ecole.invalid', security: 'tls' }), null, null, 'École');
    expect(result).toMatchObject({ ok: false, problem: 'dns' });
    expect(result.message).toBe('Le serveur de messagerie « smtp.ecole.invalid » est introuvable (DNS). Vérifiez son nom et la connexion à Internet.');
  });

  it('names SSL/TLS asked of a server that does not speak it on that port', async () => {
    const smtp = await serve();
    const result = await sendTestMessage(smtp.settings({ security: 'tls' }), null, null, 'École');
    expect(result).toMatchObject({ ok: false, problem: 'tls' });
    expect(result.message).toMatch(/n’attend pas de connexion SSL\/TLS sur le port \d+\. Essayez « STARTTLS »/);
  });

  it('refuses to go on without STARTTLS when it is required', async () => {
    const smtp = await serve();
    const result = await sendTestMessage(smtp.settings({ security: 'starttls', user: 'direction' }), 'secret', null, 'École');
    expect(result).toMatchObject({ ok: false, problem: 'tls' });
    expect(result.message).toMatch(/ne propose pas STARTTLS .* le mot de passe circulerait en clair/);
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses a certificate it cannot verify (STARTTLS and SSL/TLS)', async () => {
    // smtp-server's built-in certificate is self-signed.
    const starttls = await serve({ server: { disabledCommands: [] } });
    const upgraded = await sendTestMessage(starttls.settings({ security: 'starttls', user: 'direction' }), 'secret', null, 'École');
    expect(upgraded).toMatchObject({ ok: false, problem: 'tls' });
    expect(upgraded.message).toMatch(/^Le certificat présenté par 127\.0\.0\.1 n’est pas reconnu/);
    await starttls.close();

    const implicit = await serve({ server: { secure: true } });
    const direct = await sendTestMessage(implicit.settings({ security: 'tls', user: 'direction' }), 'secret', null, 'École');
    expect(direct).toMatchObject({ ok: false, problem: 'tls' });
    expect(direct.message).toMatch(/^Le certificat présenté par 127\.0\.0\.1 n’est pas reconnu/);
    expect(implicit.received).toHaveLength(0);
  });

  it('says what is missing before trying anything', async () => {
    const smtp = await serve();
    expect(await sendTestMessage(smtp.settings({ host: '' }), null, null, 'École')).toEqual({
      ok: false,
      problem: 'settings',
      message: 'Renseignez le serveur de messagerie (SMTP) dans Paramètres → Messagerie.',
    });
    expect(await sendTestMessage(smtp.settings({ user: 'direction' }), null, null, 'École')).toMatchObject({
      problem: 'settings',
      message: 'Saisissez le mot de passe du compte de messagerie.',
    });
    expect(await sendTestMessage(smtp.settings({ senderAddress: '' }), null, null, 'École')).toMatchObject({ problem: 'settings' });
  });
});

describe('the SMTP connection', () => {
  it('requires TLS 1.2 or later and a verified certificate, and never resends on its own', () => {
    const options = smtpPoolOptions({ ...defaults, host: 'smtp.ac-nice.fr', port: 465, security: 'tls' }, 'x');
    expect(options).toMatchObject({
      pool: true,
      secure: true,
      tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true, servername: 'smtp.ac-nice.fr' },
      maxRequeues: 0,
      logger: false,
    });
    expect(smtpPoolOptions({ ...defaults, host: 'smtp.ac-nice.fr', security: 'starttls' }, 'x')).toMatchObject({ secure: false, requireTLS: true, ignoreTLS: false });
  });
});

const defaults = {
  host: '',
  port: 587,
  security: 'starttls' as const,
  user: 'direction',
  senderName: '',
  senderAddress: 'direction@ecole.example',
  replyTo: '',
  ratePerMinute: 30,
  connections: 2,
};
