import { randomUUID } from 'node:crypto';
import { isEmailAddress, smtpSettingsSchema, type MailTestResult, type SmtpSettings } from '../../../../shared/domain/mail.ts';
import { diagnoseConnection, type SmtpErrorLike } from './diagnosis.ts';
import { openSmtpSender, type MailSender } from './transport.ts';

/** Why these settings cannot send anything yet (French), or null when they can be tried. */
export function settingsProblem(smtp: SmtpSettings, password: string | null): string | null {
  if (smtp.host === '') return 'Renseignez le serveur de messagerie (SMTP) dans Paramètres → Messagerie.';
  const parsed = smtpSettingsSchema.safeParse(smtp);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Paramètres de messagerie invalides.';
  if (smtp.senderAddress === '') return 'Renseignez l’adresse d’expéditeur dans Paramètres → Messagerie.';
  if (smtp.user !== '' && !password) return 'Saisissez le mot de passe du compte de messagerie.';
  return null;
}

/** Sends one short message (to the sender, unless told otherwise) and says plainly what went wrong. */
export async function sendTestMessage(
  smtp: SmtpSettings,
  password: string | null,
  to: string | null,
  schoolName: string,
  openSender: (settings: SmtpSettings, password: string | null) => MailSender = openSmtpSender,
): Promise<MailTestResult> {
  const problem = settingsProblem(smtp, password);
  if (problem) return { ok: false, problem: 'settings', message: problem };
  const recipient = to?.trim() || smtp.senderAddress;
  if (!isEmailAddress(recipient)) return { ok: false, problem: 'settings', message: `« ${recipient} » n’est pas une adresse de courriel valide.` };
  const sender = openSender({ ...smtp, connections: 1 }, password);
  try {
    await sender.send(
      {
        from: { name: smtp.senderName || schoolName || 'Sésame', address: smtp.senderAddress },
        to: recipient,
        replyTo: smtp.replyTo || null,
        subject: 'Sésame : message d’essai',
        text:
          'Bonjour,\n\nCe message d’essai a été envoyé par Sésame pour vérifier les paramètres de messagerie. ' +
          'S’il vous est parvenu, l’envoi des identifiants par courriel fonctionnera.\n',
        html:
          '<p>Bonjour,</p><p>Ce message d’essai a été envoyé par Sésame pour vérifier les paramètres de messagerie. ' +
          'S’il vous est parvenu, l’envoi des identifiants par courriel fonctionnera.</p>',
        messageId: `<${randomUUID()}@${smtp.senderAddress.slice(smtp.senderAddress.lastIndexOf('@') + 1)}>`,
      },
      { onEndOfData: () => undefined },
    );
    return { ok: true, message: `Message d’essai envoyé à ${recipient}. Vérifiez qu’il est bien arrivé (et pas dans les indésirables).` };
  } catch (error) {
    return { ok: false, ...diagnoseConnection(error as SmtpErrorLike, smtp) };
  } finally {
    sender.close();
  }
}
