import { describe, expect, it } from 'vitest';
import { defaultSmtpSettings } from '../../../../shared/domain/mail.ts';
import { classifySendError, uncertainDetail, type SmtpErrorLike } from './diagnosis.ts';

const smtp = { ...defaultSmtpSettings, host: 'smtp.ac-nice.fr', port: 587, senderAddress: 'ce.0610999x@ac-nice.fr' };

const reply = (code: number, command: string, text: string): SmtpErrorLike => ({
  code: command === 'DATA' ? 'EMESSAGE' : 'EENVELOPE',
  responseCode: code,
  response: `${code} ${text}`,
  command,
  permanent: code >= 500,
});

describe('what a failed send means for its recipient and for the campaign', () => {
  it.each<[string, SmtpErrorLike, boolean, string]>([
    ['mailbox full (452), retried later', reply(452, 'RCPT TO', '4.2.2 Mailbox full'), false, 'retry'],
    ['greylisting (451 after DATA), retried later', reply(451, 'DATA', '4.7.1 Try again later'), true, 'retry'],
    ['unknown address (550), failed for that address', reply(550, 'RCPT TO', '5.1.1 User unknown'), false, 'failed'],
    ['message refused (554 after DATA), failed', reply(554, 'DATA', '5.7.1 Rejected as spam'), true, 'failed'],
    ['address refused before sending (bad syntax), failed', { code: 'EENVELOPE', command: 'API' }, false, 'failed'],
    ['cancel before the end of data: back in the queue', { code: 'EABORT' }, false, 'requeue'],
    ['wrong password: the campaign pauses', { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication failed', command: 'AUTH PLAIN' }, false, 'pause'],
    ['authentication required (530): the campaign pauses', reply(530, 'MAIL FROM', '5.7.0 Authentication required'), false, 'pause'],
    ['sender refused for good: the campaign pauses', reply(553, 'MAIL FROM', '5.7.1 Sender rejected'), false, 'pause'],
    ['sender refused for now: retried later', reply(450, 'MAIL FROM', '4.7.1 Slow down'), false, 'retry'],
    ['TLS failure: the campaign pauses', { code: 'ETLS', command: 'STARTTLS' }, false, 'pause'],
    ['DNS failure: the campaign pauses', { code: 'EDNS', originalCode: 'ENOTFOUND' }, false, 'pause'],
  ])('%s', (_label, error, endOfData, kind) => {
    expect(classifySendError(error, endOfData, smtp).kind).toBe(kind);
  });

  it('never resends a message whose end of data went out without a reply: it is uncertain', () => {
    expect(classifySendError({ code: 'ECONNECTION', command: 'CONN' }, true, smtp)).toEqual({
      kind: 'pause',
      reason: 'La connexion avec smtp.ac-nice.fr (port 587) a été coupée. Vérifiez la connexion à Internet, puis reprenez l’envoi.',
      recipient: 'uncertain',
      reconnect: true,
    });
    expect(classifySendError({ code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }, true, smtp)).toMatchObject({ kind: 'pause', recipient: 'uncertain' });
    expect(classifySendError({ code: 'EABORT' }, true, smtp)).toEqual({ kind: 'uncertain', detail: uncertainDetail });
  });

  it('puts a recipient back in the queue when the connection failed before its message went out', () => {
    expect(classifySendError({ code: 'ECONNECTION', command: 'CONN' }, false, smtp)).toMatchObject({ kind: 'pause', recipient: 'queued' });
  });

  it.each<[string, SmtpErrorLike, boolean]>([
    ['connection closed', { code: 'ECONNECTION', command: 'CONN' }, false],
    ['connection reset', { code: 'ESOCKET', originalCode: 'ECONNRESET', command: 'CONN' }, false],
    ['refused while the server restarts', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }, false],
    ['no greeting in time', { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT', command: 'CONN' }, false],
    ['network lost', { code: 'ESOCKET', originalCode: 'ENETUNREACH', command: 'CONN' }, false],
    ['« 421 service not available » before the message', { code: 'ECONNECTION', responseCode: 421, response: '421 4.7.0 Too many messages', command: 'CONN', permanent: false }, false],
    ['« 421 » after the end of data: a reply, so not taken', reply(421, 'DATA', '4.3.2 Shutting down'), true],
  ])('a dropped connection (%s): tried again on a new connection, the message still queued', (_label, error, endOfData) => {
    expect(classifySendError(error, endOfData, smtp)).toMatchObject({ kind: 'pause', recipient: 'queued', reconnect: true });
  });

  it.each<[string, SmtpErrorLike]>([
    ['wrong password', { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication failed', command: 'AUTH PLAIN' }],
    ['sender refused', reply(553, 'MAIL FROM', '5.7.1 Sender rejected')],
    ['certificate not trusted', { code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', command: 'CONN' }],
    ['unknown server', { code: 'EDNS', originalCode: 'ENOTFOUND' }],
  ])('a problem a new connection would not solve (%s): the campaign pauses at once', (_label, error) => {
    expect(classifySendError(error, false, smtp)).toMatchObject({ kind: 'pause', reconnect: false });
  });

  it('says the server is not available when it answers 421', () => {
    expect(classifySendError(reply(421, 'MAIL FROM', '4.3.2 Service not available'), false, smtp)).toMatchObject({
      reason: 'Le serveur smtp.ac-nice.fr (port 587) n’est pas disponible pour le moment (« 421 4.3.2 Service not available »). Réessayez un peu plus tard.',
    });
  });

  it('quotes the server in French, on one line', () => {
    const error = reply(550, 'RCPT TO', '5.1.1 <eleve@exemple.fr>:\r\n Recipient address rejected');
    expect(classifySendError(error, false, smtp)).toEqual({
      kind: 'failed',
      detail: 'Adresse refusée par le serveur : « 550 5.1.1 <eleve@exemple.fr>: Recipient address rejected ».',
    });
  });
});
