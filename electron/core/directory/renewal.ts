import { randomUUID } from 'node:crypto';
import type { SchoolDb } from '../db/open.ts';
import { UserError } from '../errors.ts';
import { requireLiveAccount } from './accounts.ts';
import { writeJournal, type Author } from './journal.ts';
import { loadAccounts } from './list.ts';
import { readSettings } from './settings.ts';
import { mailPlaceholderValues, renderMail } from '../publipostage/mail/message.ts';
import { classifySendError, diagnoseConnection, uncertainDetail, type SmtpErrorLike } from '../publipostage/mail/diagnosis.ts';
import { openSmtpSender, type MailSender } from '../publipostage/mail/transport.ts';
import { renderRenewalLetter, type RenewalLetter } from '../publipostage/pdf/renewal-letter.ts';
import { childReference, cleanText, placeholderValues, sheetFrame, type SheetFrame } from '../publipostage/sheet-model.ts';
import type { AccountListItem } from '../../../shared/domain/account.ts';
import { isEmailAddress, type SmtpSettings } from '../../../shared/domain/mail.ts';
import { profileLabels } from '../../../shared/domain/profile.ts';
import { checkRenewalCode } from '../../../shared/domain/ent-code.ts';

/**
 * « Mot de passe oublié » (seed 004, « Réinitialiser un mot de passe perdu »): the director
 * generates a renewal code in the ENT console and types it here; Sésame prints or mails that
 * one person's letter at once. The code lives only for the call: it is neither stored (not
 * even hashed: only the ENT can check it, and a hash of a code still valid there would only be
 * a target) nor written to the journal, which records that a letter was produced, how, and by
 * whom. Never in bulk: one account per call.
 */
export type RenewalDelivery = 'pdf' | 'mail';

const renewalParagraphs = (frame: SheetFrame) => [
  `Vous avez oublié votre mot de passe de l’espace numérique de travail ${frame.entName} de ${frame.schoolName}. ` +
    'Voici un code de renouvellement, donné par la console d’administration de l’ENT.',
  'Ce code ne sert qu’une fois : il vous permet de choisir vous-même un nouveau mot de passe.',
];

const renewalSteps = (url: string) => [
  `Rendez-vous sur ${url}.`,
  'Saisissez votre identifiant, puis le code de renouvellement à la place du mot de passe.',
  'Sur la page qui s’ouvre, retapez votre identifiant et choisissez un nouveau mot de passe, deux fois (au moins une majuscule et un chiffre ou un caractère spécial).',
  'Reconnectez-vous avec votre identifiant et votre nouveau mot de passe.',
];

/** The account a renewal letter may go to, with the typed code checked; refuses in French. */
function prepare(db: SchoolDb, accountId: number, typedCode: string): { account: AccountListItem; code: string } {
  const checked = checkRenewalCode(typedCode);
  if (!checked.ok) throw new UserError('invalid-argument', checked.message);
  const row = requireLiveAccount(db, accountId);
  const name = `${row.first_name} ${row.last_name}`;
  if (row.ent_status !== 'known') {
    throw new UserError(
      'invalid-argument',
      `${name} n’est pas encore dans l’ENT : il n’y a pas de mot de passe à renouveler. Importez le prochain export des comptes de l’ENT.`,
    );
  }
  if (row.blocked === 1) {
    throw new UserError('invalid-argument', `Le compte de ${name} est bloqué : débloquez-le (dans Sésame et dans l’ENT) avant de lui remettre un code.`);
  }
  if (!readSettings(db).entUrl.trim()) {
    throw new UserError('invalid-argument', 'Indiquez d’abord l’adresse de connexion de l’ENT dans Paramètres : elle figure sur la fiche.');
  }
  const account = loadAccounts(db, [accountId])[0] as AccountListItem;
  return { account, code: checked.code };
}

function letterOf(account: AccountListItem, code: string, frame: SheetFrame): RenewalLetter {
  const values = placeholderValues(account, frame);
  const relation =
    account.profile === 'relative' && account.children.length
      ? `Responsable de : ${account.children.map(childReference).join(', ')}`
      : [profileLabels[account.profile], account.classes.length ? `Classe : ${account.classes.join(', ')}` : ''].filter(Boolean).join(' · ');
  return {
    displayName: cleanText(`${values.prenom} ${values.nom}`),
    relation,
    login: account.login,
    code,
    paragraphs: renewalParagraphs(frame),
    steps: renewalSteps(frame.displayUrl),
  };
}

function journal(db: SchoolDb, accountId: number, summary: string, after: Record<string, string>, by: Author): void {
  writeJournal(db, { action: 'account.renewalSheet', accountId, summary, after }, by.at, by.actor);
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The letter as a one-page PDF, journaled; its bytes are handed to the preview and never written by Sésame. */
export async function renewalSheetPdf(db: SchoolDb, accountId: number, typedCode: string, by: Author): Promise<{ bytes: Uint8Array; pages: number; fileName: string }> {
  const { account, code } = prepare(db, accountId, typedCode);
  const frame = sheetFrame(readSettings(db), isoDay(by.at));
  const { bytes, pages } = await renderRenewalLetter(letterOf(account, code, frame), frame, by.at);
  journal(db, accountId, 'Fiche de renouvellement du mot de passe produite (PDF) — code donné par la console de l’ENT, non conservé', { delivery: 'pdf' }, by);
  return { bytes, pages, fileName: `renouvellement-${account.login}.pdf` };
}

const mailTemplate = {
  subject: 'Mot de passe oublié : votre code de renouvellement {ent} – {ecole}',
  body: (steps: string[]) =>
    [
      'Bonjour {prenom} {nom},',
      '',
      'Vous avez oublié votre mot de passe de l’espace numérique de travail {ent} de {ecole}. Voici un code de renouvellement, donné par la console d’administration de l’ENT.',
      '',
      'Adresse de connexion : {url}',
      'Identifiant : {identifiant}',
      'Code de renouvellement : {code}',
      '',
      ...steps.map((step, index) => `${index + 1}. ${step}`),
      '',
      'Ce code ne sert qu’une fois : ne le communiquez à personne.',
      '',
      'Bien cordialement,',
      '{ecole}',
    ].join('\n'),
};

export interface RenewalMail {
  smtp: SmtpSettings;
  password: string | null;
  openSender?: (settings: SmtpSettings, password: string | null) => MailSender;
}

/**
 * Mails the letter to the account's address, once: a single message on its own connection,
 * never retried automatically. If the connection drops after the message was handed over, the
 * director is told it may have arrived (uncertain), rather than risk a second one.
 */
export async function mailRenewalSheet(db: SchoolDb, accountId: number, typedCode: string, mail: RenewalMail, by: Author): Promise<{ to: string }> {
  const { account, code } = prepare(db, accountId, typedCode);
  const to = account.email?.trim() ?? '';
  if (!to || !isEmailAddress(to)) {
    throw new UserError('invalid-argument', `${account.firstName} ${account.lastName} n’a pas d’adresse de courriel valide : imprimez la fiche (PDF) et remettez-la en main propre.`);
  }
  const frame = sheetFrame(readSettings(db), isoDay(by.at));
  const values = { ...mailPlaceholderValues(account, frame), code };
  const message = renderMail({ subject: mailTemplate.subject, body: mailTemplate.body(renewalSteps('{url}')) }, 'activated', values);
  const { smtp } = mail;
  const sender = (mail.openSender ?? openSmtpSender)({ ...smtp, connections: 1 }, mail.password);
  let endOfData = false;
  try {
    await sender.send(
      {
        from: { name: smtp.senderName || frame.schoolName, address: smtp.senderAddress },
        to,
        replyTo: smtp.replyTo || null,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: `<${randomUUID()}@${smtp.senderAddress.slice(smtp.senderAddress.lastIndexOf('@') + 1) || 'sesame.invalid'}>`,
      },
      { onEndOfData: () => (endOfData = true) },
    );
  } catch (error) {
    const outcome = classifySendError(error as SmtpErrorLike, endOfData, smtp);
    if (outcome.kind === 'uncertain' || (outcome.kind === 'pause' && outcome.recipient === 'uncertain')) {
      journal(db, accountId, `Fiche de renouvellement du mot de passe peut-être envoyée à ${to} (connexion coupée)`, { delivery: 'mail', to }, by);
      throw new UserError('unavailable', `${uncertainDetail} Demandez à ${account.firstName} ${account.lastName} s’il l’a reçu avant de générer un autre code.`);
    }
    const reason = outcome.kind === 'pause' ? outcome.reason : outcome.kind === 'requeue' ? diagnoseConnection(error as SmtpErrorLike, smtp).message : outcome.detail;
    throw new UserError('unavailable', `Le courriel n’a pas été envoyé. ${reason}`);
  } finally {
    sender.close();
  }
  journal(db, accountId, `Fiche de renouvellement du mot de passe envoyée par courriel à ${to} — code donné par la console de l’ENT, non conservé`, { delivery: 'mail', to }, by);
  return { to };
}
