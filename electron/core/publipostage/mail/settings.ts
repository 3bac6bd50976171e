import type { SchoolDb } from '../../db/open.ts';
import { readSettingValue, writeSettingValue } from '../../directory/settings.ts';
import {
  defaultMailTemplates,
  defaultSmtpSettings,
  isEmailAddress,
  mailCases,
  mailTemplateSchema,
  type MailTemplates,
  isLoopbackHost,
  smtpSettingsSchema,
  type SmtpSettings,
  type SmtpSettingsChange,
} from '../../../../shared/domain/mail.ts';

const smtpKey = 'mail.smtp';

/** The stored settings, field by field: a damaged or outdated field falls back to its default. */
export function readSmtpSettings(db: SchoolDb): SmtpSettings {
  const stored = readSettingValue(db, smtpKey);
  const whole = smtpSettingsSchema.safeParse(stored);
  if (whole.success) return whole.data;
  const merged: Record<string, unknown> = { ...defaultSmtpSettings };
  if (stored && typeof stored === 'object') {
    for (const key of Object.keys(defaultSmtpSettings) as (keyof SmtpSettings)[]) {
      const field = smtpSettingsSchema.shape[key].safeParse((stored as Record<string, unknown>)[key]);
      if (field.success) merged[key] = field.data;
    }
  }
  const parsed = smtpSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultSmtpSettings;
}

/** Applies a change; throws the schema's French error when the result is not usable. */
export function writeSmtpSettings(db: SchoolDb, change: SmtpSettingsChange): SmtpSettings {
  const next = smtpSettingsSchema.parse({ ...readSmtpSettings(db), ...change });
  writeSettingValue(db, smtpKey, next);
  return next;
}

/** SESAME_SMTP_URL and SESAME_SMTP_FROM, read once by the CLI and the web host. */
export interface SmtpEnvironment {
  settings: Partial<SmtpSettings>;
  password: string | null;
}

export class SmtpEnvironmentError extends Error {}

/** « "École Jules Ferry" <ecole@exemple.fr> » or a bare address. */
export function parseSender(text: string): { senderName: string; senderAddress: string } | null {
  const named = /^\s*"?([^"<]*?)"?\s*<\s*([^<>\s]+)\s*>\s*$/.exec(text);
  const senderName = named ? (named[1] ?? '').trim() : '';
  const senderAddress = (named ? (named[2] ?? '') : text).trim();
  return isEmailAddress(senderAddress) ? { senderName, senderAddress } : null;
}

/**
 * `smtps://user:pass@host:465` is SSL/TLS; `smtp://…` is STARTTLS required, except towards this
 * machine, where it is a plain connection (a local relay or a test server).
 */
export function smtpEnvironment(env: Record<string, string | undefined>): SmtpEnvironment | null {
  const url = env['SESAME_SMTP_URL']?.trim();
  const from = env['SESAME_SMTP_FROM']?.trim();
  if (!url && !from) return null;
  const settings: Partial<SmtpSettings> = {};
  let password: string | null = null;
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new SmtpEnvironmentError('SESAME_SMTP_URL n’est pas une adresse valide (exemple : smtps://utilisateur:motdepasse@smtp.exemple.fr:465).');
    }
    if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
      throw new SmtpEnvironmentError('SESAME_SMTP_URL doit commencer par smtp:// ou smtps://.');
    }
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    settings.host = host;
    settings.security = parsed.protocol === 'smtps:' ? 'tls' : isLoopbackHost(host) ? 'none' : 'starttls';
    settings.port = parsed.port ? Number(parsed.port) : settings.security === 'tls' ? 465 : settings.security === 'none' ? 25 : 587;
    if (parsed.username) settings.user = decodeURIComponent(parsed.username);
    if (parsed.password) password = decodeURIComponent(parsed.password);
  }
  if (from) {
    const sender = parseSender(from);
    if (!sender) throw new SmtpEnvironmentError('SESAME_SMTP_FROM doit être une adresse de courriel, par exemple « École <ecole@exemple.fr> ».');
    settings.senderAddress = sender.senderAddress;
    if (sender.senderName) settings.senderName = sender.senderName;
  }
  return { settings, password };
}

/** The settings a send uses: the school file's, with what the environment replaces. */
export function effectiveSmtpSettings(stored: SmtpSettings, environment: SmtpEnvironment | null): SmtpSettings {
  return environment ? { ...stored, ...environment.settings } : stored;
}

const templatesKey = 'mail.templates';

/** The stored subject and body per case; a damaged one falls back to its default alone. */
export function readMailTemplates(db: SchoolDb): MailTemplates {
  const stored = readSettingValue(db, templatesKey) as Record<string, unknown> | undefined;
  const templates = structuredClone(defaultMailTemplates);
  for (const mailCase of mailCases) {
    const parsed = mailTemplateSchema.safeParse(stored?.[mailCase]);
    if (parsed.success) templates[mailCase] = parsed.data;
  }
  return templates;
}

export function writeMailTemplates(db: SchoolDb, change: Partial<MailTemplates>): MailTemplates {
  const templates = { ...readMailTemplates(db), ...change };
  writeSettingValue(db, templatesKey, templates);
  return templates;
}
