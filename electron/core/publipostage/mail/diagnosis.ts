import type { MailProblem, SmtpSettings } from '../../../../shared/domain/mail.ts';

/** The fields nodemailer puts on its errors (see NodemailerError) that the diagnosis reads. */
export interface SmtpErrorLike {
  code?: string | undefined;
  originalCode?: string | undefined;
  responseCode?: number | undefined;
  response?: string | undefined;
  command?: string | undefined;
  permanent?: boolean | undefined;
  message?: string | undefined;
  /** ETIMEDOUT: which wait ran out. */
  timeoutType?: string | undefined;
}

export interface Diagnosis {
  problem: MailProblem;
  /** French, for a school director: what happened and what to check. */
  message: string;
}

const certificateCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The server's reply, short enough for a table cell, without the line breaks of a multi-line reply. */
export function serverReply(error: SmtpErrorLike): string {
  const reply = (error.response ?? '').replace(/\s+/g, ' ').trim();
  return reply.length > 200 ? `${reply.slice(0, 197)}…` : reply;
}

const withReply = (text: string, error: SmtpErrorLike) => {
  const reply = serverReply(error);
  return reply ? `${text} Réponse du serveur : « ${reply} ».` : text;
};

function isTlsError(error: SmtpErrorLike): boolean {
  const code = error.originalCode ?? error.code ?? '';
  return (
    error.code === 'ETLS' ||
    certificateCodes.has(code) ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    /\bSSL\b|\bTLS\b|certificate/i.test(error.message ?? '')
  );
}

function tlsDiagnosis(error: SmtpErrorLike, settings: SmtpSettings): Diagnosis {
  const code = error.originalCode ?? error.code ?? '';
  const text = `${code} ${error.message ?? ''}`;
  if (certificateCodes.has(code) || /certificate|self[- ]signed/i.test(text)) {
    return {
      problem: 'tls',
      message:
        `Le certificat présenté par ${settings.host} n’est pas reconnu (${code || 'certificat invalide'}) : ` +
        'la connexion a été refusée pour protéger le mot de passe. Vérifiez le nom exact du serveur.',
    };
  }
  if (/wrong version number|WRONG_VERSION_NUMBER|packet length too long/i.test(text)) {
    return {
      problem: 'tls',
      message:
        `Le serveur ${settings.host} n’attend pas de connexion SSL/TLS sur le port ${settings.port}. ` +
        'Essayez « STARTTLS » sur le port 587, ou « SSL/TLS » sur le port 465.',
    };
  }
  if (/protocol version|UNSUPPORTED_PROTOCOL|no protocols available/i.test(text)) {
    return {
      problem: 'tls',
      message: `Le serveur ${settings.host} ne propose qu’un chiffrement ancien (avant TLS 1.2), refusé pour votre sécurité.`,
    };
  }
  if (error.command === 'STARTTLS' || settings.security === 'starttls') {
    return {
      problem: 'tls',
      message: withReply(
        `Le serveur ${settings.host} ne propose pas STARTTLS sur le port ${settings.port} : ` +
          'sans chiffrement, le mot de passe circulerait en clair. Essayez « SSL/TLS » sur le port 465.',
        error,
      ),
    };
  }
  return { problem: 'tls', message: withReply(`La connexion chiffrée avec ${settings.host} a échoué.`, error) };
}

/** Why the server cannot be used at all: the test button's answer, and a campaign's pause reason. */
export function diagnoseConnection(error: SmtpErrorLike, settings: SmtpSettings): Diagnosis {
  const code = error.code ?? '';
  const original = error.originalCode ?? '';
  const where = `${settings.host} (port ${settings.port})`;
  if (code === 'EDNS' || original === 'ENOTFOUND' || original === 'EAI_AGAIN') {
    return {
      problem: 'dns',
      message: `Le serveur de messagerie « ${settings.host} » est introuvable (DNS). Vérifiez son nom et la connexion à Internet.`,
    };
  }
  if (original === 'ECONNREFUSED') {
    return {
      problem: 'connection',
      message: `Le serveur ${where} refuse la connexion. Vérifiez le port et le type de sécurité (465 : SSL/TLS, 587 : STARTTLS).`,
    };
  }
  if (code === 'ETIMEDOUT' || original === 'ETIMEDOUT') {
    return {
      problem: 'timeout',
      message:
        `Le serveur ${where} ne répond pas. La connexion à Internet est peut-être coupée, ` +
        'ou le réseau de l’établissement bloque ce port.',
    };
  }
  if (isTlsError(error)) return tlsDiagnosis(error, settings);
  if (code === 'ENOAUTH' || (code === 'EAUTH' && !error.responseCode)) {
    return {
      problem: 'auth',
      message: 'Le serveur demande un identifiant et un mot de passe : renseignez-les dans Paramètres → Messagerie.',
    };
  }
  if (code === 'EAUTH' || error.responseCode === 530) {
    return {
      problem: 'auth',
      message: withReply(
        'Identifiant ou mot de passe refusé par le serveur de messagerie. Vérifiez-les dans Paramètres → Messagerie.',
        error,
      ),
    };
  }
  if (error.command === 'MAIL FROM' && error.responseCode) {
    return {
      problem: 'sender',
      message: withReply(
        `Le serveur refuse l’adresse d’expéditeur « ${settings.senderAddress} ». ` +
          'Utilisez l’adresse du compte de messagerie configuré.',
        error,
      ),
    };
  }
  if (error.command === 'RCPT TO' && error.responseCode) {
    return { problem: 'recipient', message: withReply('Le serveur refuse l’adresse du destinataire.', error) };
  }
  if (error.responseCode) {
    return { problem: 'message', message: withReply('Le serveur a refusé le message.', error) };
  }
  if (code === 'ECONNECTION' || code === 'ESOCKET' || original === 'ECONNRESET' || original === 'EPIPE') {
    return {
      problem: 'connection',
      message: `La connexion avec ${where} a été coupée. Vérifiez la connexion à Internet, puis reprenez l’envoi.`,
    };
  }
  return { problem: 'unknown', message: `L’envoi par ${where} a échoué (${code || 'erreur inconnue'}).` };
}

/**
 * What to do with one recipient after a failed send, and whether the campaign must stop.
 * `endOfData`: the message's last byte had been handed to the socket, so the server may have
 * accepted it even though no reply came back.
 */
export type SendOutcome =
  | { kind: 'requeue' }
  | { kind: 'retry'; detail: string }
  | { kind: 'failed'; detail: string }
  | { kind: 'uncertain'; detail: string }
  | {
      kind: 'pause';
      reason: string;
      recipient: 'queued' | 'uncertain';
      /**
       * The connection was lost, or the server is closing it (421): a new connection may well
       * work, so the campaign tries again a few times before pausing. Otherwise (password,
       * certificate, unknown server…) every further message would fail the same way.
       */
      reconnect: boolean;
    };

export const uncertainDetail =
  'La connexion a été coupée juste après l’envoi du message, avant la réponse du serveur : ' +
  'il est peut-être arrivé. Il n’est pas renvoyé automatiquement pour ne pas l’envoyer deux fois.';

/** What the network says when a connection is cut, reset, or cannot be made for now. */
const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH']);

/**
 * A connection that broke rather than a server that said no: closed or reset, timed out
 * (greeting or socket), refused while the server restarts, or the server's 421 « service not
 * available, closing the channel ». A TLS failure is not one: it would fail again.
 */
function isDroppedConnection(error: SmtpErrorLike): boolean {
  if (error.responseCode === 421) return true;
  if (error.responseCode || isTlsError(error)) return false;
  const code = error.code ?? '';
  return code === 'ECONNECTION' || code === 'ETIMEDOUT' || networkCodes.has(error.originalCode ?? code);
}

export function classifySendError(error: SmtpErrorLike, endOfData: boolean, settings: SmtpSettings): SendOutcome {
  const code = error.code ?? '';
  if (code === 'EABORT') return endOfData ? { kind: 'uncertain', detail: uncertainDetail } : { kind: 'requeue' };
  const server = error.responseCode;
  if (server === 421) {
    // A reply, even after the end of data: the server did not take the message.
    const reply = serverReply(error);
    const quoted = reply ? ` (« ${reply} »)` : '';
    const reason = `Le serveur ${settings.host} (port ${settings.port}) n’est pas disponible pour le moment${quoted}. Réessayez un peu plus tard.`;
    return { kind: 'pause', reason, recipient: 'queued', reconnect: true };
  }
  // A reply from the server settles it: the message was refused, never half-delivered.
  if (server && code !== 'EAUTH' && code !== 'ETLS' && server !== 530) {
    const reply = serverReply(error);
    if (error.permanent === false || (server >= 400 && server < 500)) {
      return { kind: 'retry', detail: `Refus temporaire du serveur : « ${reply} ».` };
    }
    // The sender refused for good: every other message would be refused the same way.
    if (error.command === 'MAIL FROM') return { kind: 'pause', reason: diagnoseConnection(error, settings).message, recipient: 'queued', reconnect: false };
    return {
      kind: 'failed',
      detail: error.command === 'RCPT TO' ? `Adresse refusée par le serveur : « ${reply} ».` : `Message refusé par le serveur : « ${reply} ».`,
    };
  }
  if (!server && (code === 'EENVELOPE' || code === 'EMESSAGE')) {
    return { kind: 'failed', detail: 'Adresse de courriel refusée avant l’envoi (format invalide).' };
  }
  const diagnosis = diagnoseConnection(error, settings);
  const recipient = endOfData && !server ? 'uncertain' : 'queued';
  return { kind: 'pause', reason: diagnosis.message, recipient, reconnect: isDroppedConnection(error) };
}
