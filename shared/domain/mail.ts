import { z } from './zod.ts';
import { checkEmail } from './contact.ts';
import { templateText } from './letters.ts';
import type { LeftOut } from './distribution.ts';

/**
 * Mail settings (Paramètres → Messagerie) and the words of a mail campaign. The SMTP password
 * is not here on purpose: it is never stored in clear (see electron/core/publipostage/mail/secrets.ts).
 */
export const smtpSecurities = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof smtpSecurities)[number];
export const smtpSecurityLabels: Record<SmtpSecurity, string> = {
  tls: 'SSL/TLS (port 465)',
  starttls: 'STARTTLS obligatoire (port 587)',
  none: 'Aucune (serveur local uniquement)',
};
export const defaultPortOf: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

/** A server on this machine: the only one an unencrypted connection may go to. */
export function isLoopbackHost(host: string): boolean {
  return ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host.trim().toLowerCase());
}

/** A usable address, by the user sheet's rule. */
export function isEmailAddress(value: string): boolean {
  const checked = checkEmail(value);
  return checked.ok && checked.value !== null;
}

const optionalEmail = z
  .string()
  .trim()
  .max(254)
  .refine((value) => value === '' || isEmailAddress(value), 'Adresse de courriel invalide (exemple : ecole@exemple.fr).');

const smtpFields = z.object({
  /** Empty until the director sets the mail server up. */
  host: z
    .string()
    .trim()
    .max(253)
    .regex(/^[a-zA-Z0-9.:[\]-]*$/, 'Nom de serveur invalide (exemple : smtp.ac-nice.fr).'),
  port: z.number().int().min(1).max(65_535),
  security: z.enum(smtpSecurities),
  /** Login on the mail server; empty when the server takes mail without authentication. */
  user: z.string().max(320),
  senderName: z.string().trim().max(120),
  senderAddress: optionalEmail,
  replyTo: optionalEmail,
  /** Messages per minute at most: school and academy relays throttle or block bursts. */
  ratePerMinute: z.number().int().min(1).max(600),
  /** Connections kept open at once (the pool). */
  connections: z.number().int().min(1).max(5),
});

const loopbackOnlyWithoutTls = (settings: { host: string; security: SmtpSecurity }) =>
  settings.security !== 'none' || settings.host === '' || isLoopbackHost(settings.host);
const loopbackMessage = {
  message: 'Sans chiffrement, seul un serveur installé sur cet ordinateur (localhost) est permis : choisissez SSL/TLS ou STARTTLS.',
  path: ['security'],
};

export const smtpSettingsSchema = smtpFields.strict().refine(loopbackOnlyWithoutTls, loopbackMessage);
export type SmtpSettings = z.infer<typeof smtpSettingsSchema>;
/** A change to some fields; the merged result is checked again against smtpSettingsSchema. */
export const smtpSettingsChangeSchema = smtpFields.partial().strict();
export type SmtpSettingsChange = z.infer<typeof smtpSettingsChangeSchema>;

export const defaultSmtpSettings: SmtpSettings = {
  host: '',
  port: 587,
  security: 'starttls',
  user: '',
  senderName: '',
  senderAddress: '',
  replyTo: '',
  ratePerMinute: 30,
  connections: 2,
};

/** Where the password of the mail server comes from, as Paramètres shows it. */
export type PasswordSource = 'none' | 'session' | 'saved' | 'environment';

export interface MailSettingsView {
  smtp: SmtpSettings;
  password: PasswordSource;
  /** The password can be kept encrypted by the system (Electron safeStorage); otherwise only for this session. */
  canSavePassword: boolean;
  /** Why the password cannot be saved although this is the desktop app (no system encryption), or null. */
  passwordNotice: string | null;
  /** SESAME_SMTP_URL / SESAME_SMTP_FROM replace some fields in this session (CLI and web mode). */
  environmentOverrides: (keyof SmtpSettings)[];
}

/** The accounts' two situations, as on the letters. */
export const mailCases = ['notActivated', 'activated'] as const;
export type MailCase = (typeof mailCases)[number];
export const mailCaseLabels: Record<MailCase, string> = {
  notActivated: 'Compte non activé (première connexion)',
  activated: 'Compte déjà activé (mot de passe oublié)',
};

/**
 * One message: a subject and a plain-text body with placeholders; the HTML part is drawn from
 * the text. A line whose placeholders are all empty is left out (« Responsable de : {enfants} »
 * for a teacher). There is no placeholder for a renewal code: those are never mailed in bulk.
 */
export const mailTemplateSchema = z
  .object({
    subject: templateText(200).refine((text) => text.trim() !== '', 'L’objet du message est vide.'),
    body: templateText(5000).refine((text) => text.trim() !== '', 'Le texte du message est vide.'),
  })
  .strict();
export type MailTemplate = z.infer<typeof mailTemplateSchema>;
export const mailTemplatesSchema = z.object({ notActivated: mailTemplateSchema, activated: mailTemplateSchema }).strict();
export type MailTemplates = z.infer<typeof mailTemplatesSchema>;

export const defaultMailTemplates: MailTemplates = {
  notActivated: {
    subject: 'Vos identifiants {ent} – {ecole}',
    body: [
      'Bonjour {prenom} {nom},',
      '',
      'Voici votre compte personnel sur l’espace numérique de travail {ent} de {ecole}.',
      'Responsable de : {enfants}',
      '',
      'Adresse de connexion : {url}',
      'Identifiant : {identifiant}',
      'Code d’activation : {code}',
      '',
      'Pour votre première connexion :',
      '1. Rendez-vous sur {url}.',
      '2. Saisissez votre identifiant, puis votre code d’activation à la place du mot de passe.',
      '3. Choisissez votre mot de passe personnel et acceptez la charte d’utilisation.',
      '',
      'Le code d’activation ne sert qu’une fois : ne le communiquez à personne.',
      '',
      'Bien cordialement,',
      '{ecole}',
    ].join('\n'),
  },
  activated: {
    subject: 'Rappel de votre identifiant {ent} – {ecole}',
    body: [
      'Bonjour {prenom} {nom},',
      '',
      'Votre compte sur l’espace numérique de travail {ent} de {ecole} est déjà activé.',
      'Responsable de : {enfants}',
      '',
      'Adresse de connexion : {url}',
      'Identifiant : {identifiant}',
      '',
      'Mot de passe oublié ?',
      '1. Rendez-vous sur {url} et cliquez sur « Mot de passe oublié ».',
      '2. Saisissez votre identifiant ou votre adresse électronique.',
      '3. Suivez le lien reçu par courriel pour choisir un nouveau mot de passe.',
      '',
      'Bien cordialement,',
      '{ecole}',
    ].join('\n'),
  },
};

/** Each recipient's state in a campaign. See campaign-store.ts for the crash rules. */
export const recipientStates = ['queued', 'sending', 'confirming', 'sent', 'retry', 'failed', 'uncertain', 'skipped'] as const;
export type RecipientState = (typeof recipientStates)[number];
export const recipientStateLabels: Record<RecipientState, string> = {
  queued: 'En attente',
  sending: 'Envoi en cours',
  confirming: 'En attente de la réponse du serveur',
  sent: 'Envoyé',
  retry: 'Refus temporaire, nouvel essai prévu',
  failed: 'Échec',
  uncertain: 'Envoi incertain',
  skipped: 'Non envoyé',
};

export const campaignStatuses = ['ready', 'running', 'paused', 'interrupted', 'done'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const campaignStatusLabels: Record<CampaignStatus, string> = {
  ready: 'Prêt à envoyer',
  running: 'Envoi en cours',
  paused: 'En pause',
  interrupted: 'Interrompu',
  done: 'Terminé',
};

export type RecipientCounts = Record<RecipientState, number>;

/**
 * Recipients not dealt with yet: never tried, or being tried (« en attente »). A temporary
 * refusal waiting for its retry is counted apart: a paused campaign's untouched recipients
 * were never refused.
 */
export function waitingCount(counts: RecipientCounts): number {
  return counts.queued + counts.sending + counts.confirming;
}

export interface CampaignSummary {
  id: number;
  createdAt: string;
  status: CampaignStatus;
  /** Why the campaign is paused (French), or null. */
  pauseReason: string | null;
  total: number;
  counts: RecipientCounts;
  /** Earliest planned retry (ISO), when some recipients wait for one. */
  nextRetryAt: string | null;
}

export interface CampaignRecipient {
  id: number;
  accountId: number;
  lastName: string;
  firstName: string;
  email: string | null;
  mailCase: MailCase | null;
  state: RecipientState;
  attempts: number;
  /** French: the server's refusal, why it was not sent, or when it will be tried again. */
  detail: string | null;
  retryAt: string | null;
  sentAt: string | null;
}

/** The confirmation's figures: who gets a mail, who does not and why. */
export interface MailPlan {
  /** Accounts in the selection. */
  total: number;
  /** N: with a usable address, they will be sent a mail. */
  withAddress: number;
  /** Of those, how many get the first-connection message (with a code) and the reminder. */
  notActivated: number;
  activated: number;
  /** M: no address, or one that is not an address: the PDF is offered for them. */
  withoutAddress: number;
  invalidAddress: number;
  /** The M accounts, for « générer le PDF pour ces M comptes ». */
  withoutAddressIds: number[];
  /** Of the N, how many already received a mail from an earlier campaign. */
  alreadySent: number;
  /** Accounts that get neither mail nor PDF: not in the ENT yet, blocked, pre-deleted. */
  leftOut: LeftOut;
}

export interface MailPreview {
  accountId: number;
  /** The address it would go to, or null with the reason it would not be sent. */
  to: string | null;
  skipReason: string | null;
  mailCase: MailCase;
  subject: string;
  text: string;
  html: string;
}

/** What went wrong with the mail server, in the words of Paramètres → Messagerie. */
export type MailProblem = 'settings' | 'dns' | 'connection' | 'timeout' | 'tls' | 'auth' | 'sender' | 'recipient' | 'message' | 'unknown';

export type MailTestResult = { ok: true; message: string } | { ok: false; problem: MailProblem; message: string };
