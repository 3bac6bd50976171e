import { Buffer } from 'node:buffer';
import type { MailApi } from '../../../shared/api/areas/mail.ts';
import type { MailSettingsView, PasswordSource, SmtpSettings } from '../../../shared/domain/mail.ts';
import { writeJournal } from '../../core/directory/journal.ts';
import { loadAccounts } from '../../core/directory/list.ts';
import { readSettings } from '../../core/directory/settings.ts';
import { createCampaign, planMail, selectedAccounts, skipReasonOf } from '../../core/publipostage/mail/campaign.ts';
import { createIndividualCampaign } from '../../core/publipostage/mail/individual.ts';
import { CampaignBusyError, isCampaignActive, runCampaign } from '../../core/publipostage/mail/campaign-runner.ts';
import {
  campaignRow,
  listCampaignRows,
  recipientRows,
  requeueRecipients,
  summarize,
  toRecipient,
} from '../../core/publipostage/mail/campaign-store.ts';
import { mailCaseOf, mailPlaceholderValues, renderMail } from '../../core/publipostage/mail/message.ts';
import { sheetFrame } from '../../core/publipostage/sheet-model.ts';
import { campaignResultsCsv } from '../../core/publipostage/mail/results-csv.ts';
import { smtpPasswordSecret } from '../../core/publipostage/mail/secrets.ts';
import {
  effectiveSmtpSettings,
  readMailTemplates,
  readSmtpSettings,
  writeMailTemplates,
  writeSmtpSettings,
} from '../../core/publipostage/mail/settings.ts';
import { sendTestMessage, settingsProblem } from '../../core/publipostage/mail/test-message.ts';
import type { CoreContext } from '../context.ts';
import { UserError } from '../errors.ts';
import type { AreaHandlers } from './types.ts';
import { requireSchoolIdentity } from '../../core/school-file/identity.ts';
import { leftOutReason } from '../../core/publipostage/distribution.ts';

export function smtpOf(context: CoreContext): SmtpSettings {
  return effectiveSmtpSettings(readSmtpSettings(context.db), context.smtpEnvironment);
}

/** The password of a send: given with the call, else from the environment, else the secret store. */
export function passwordOf(context: CoreContext, given: string | undefined): string | null {
  return given || context.smtpEnvironment?.password || context.secrets.read(smtpPasswordSecret) || null;
}

function passwordSource(context: CoreContext): PasswordSource {
  if (context.smtpEnvironment?.password) return 'environment';
  if (context.secrets.read(smtpPasswordSecret)) return context.secrets.persistent ? 'saved' : 'session';
  return 'none';
}

function settingsView(context: CoreContext): MailSettingsView {
  return {
    smtp: smtpOf(context),
    password: passwordSource(context),
    canSavePassword: context.secrets.persistent,
    passwordNotice: context.secrets.notice ?? null,
    environmentOverrides: Object.keys(context.smtpEnvironment?.settings ?? {}) as (keyof SmtpSettings)[],
  };
}

function campaignOrThrow(context: CoreContext, campaignId: number) {
  const row = campaignRow(context.db, campaignId);
  if (!row) throw new UserError('not-found', `L’envoi par courriel n° ${campaignId} n’existe pas.`);
  return row;
}

const summaryOf = (context: CoreContext, campaignId: number) =>
  summarize(context.db, campaignOrThrow(context, campaignId), isCampaignActive(context.db, campaignId));

export const mailHandlers: AreaHandlers<MailApi> = {
  'mail.settings': (context) => settingsView(context),

  'mail.updateSettings': (context, { smtp, password }) => {
    if (smtp) {
      const before = readSmtpSettings(context.db);
      try {
        context.db.transaction(() => {
          const after = writeSmtpSettings(context.db, smtp);
          writeJournal(context.db, { action: 'mail.settings', summary: 'Paramètres de messagerie modifiés', before, after }, context.now(), context.actor);
        })();
      } catch (error) {
        const issue = (error as { issues?: { message: string }[] }).issues?.[0];
        if (issue) throw new UserError('invalid-argument', issue.message);
        throw error;
      }
    }
    if (password !== undefined) context.secrets.write(smtpPasswordSecret, password || null);
    context.events.emit({ type: 'data-changed', area: 'settings' });
    return settingsView(context);
  },

  'mail.test': (context, { to, password }) =>
    sendTestMessage(smtpOf(context), passwordOf(context, password), to ?? null, readSettings(context.db).schoolName),

  'mail.templates': ({ db }) => readMailTemplates(db),

  'mail.updateTemplates': (context, change) => {
    const templates = context.db.transaction(() => {
      const written = writeMailTemplates(context.db, change);
      writeJournal(context.db, { action: 'mail.templates', summary: 'Textes des courriels modifiés', after: change }, context.now(), context.actor);
      return written;
    })();
    context.events.emit({ type: 'data-changed', area: 'settings' });
    return templates;
  },

  'mail.plan': ({ db }, selection) => planMail(db, selectedAccounts(db, selection)),

  'mail.preview': ({ db, now }, { accountId, templates }) => {
    const account = loadAccounts(db, [accountId])[0];
    if (!account) throw new UserError('not-found', 'Ce compte n’existe plus.');
    const mailCase = mailCaseOf(account);
    const skipReason = skipReasonOf(account);
    // No message is ever shown for an account without credentials to hand out: it would read as one.
    if (leftOutReason(account)) return { accountId, to: null, skipReason, mailCase, subject: '', text: '', html: '' };
    const texts = templates ?? readMailTemplates(db);
    const frame = sheetFrame(readSettings(db), now().toISOString().slice(0, 10));
    const rendered = renderMail(texts[mailCase], mailCase, mailPlaceholderValues(account, frame));
    return { accountId, to: skipReason ? null : (account.email?.trim() ?? null), skipReason, ...rendered };
  },

  'mail.createCampaign': (context, selection) => {
    const accounts = selectedAccounts(context.db, selection);
    if (accounts.length === 0) throw new UserError('invalid-argument', 'La sélection est vide : aucun compte à qui écrire.');
    requireSchoolIdentity(context.db);
    const id = createCampaign(context.db, selection, accounts, readMailTemplates(context.db), context.now(), context.actor);
    return summaryOf(context, id);
  },

  'mail.createIndividual': (context, { accountId }) => {
    const id = createIndividualCampaign(context.db, accountId, readMailTemplates(context.db), context.now(), context.actor);
    return summaryOf(context, id);
  },

  'mail.send': (context, { campaignId, jobId, password }) => {
    campaignOrThrow(context, campaignId);
    const smtp = smtpOf(context);
    const secret = passwordOf(context, password);
    const problem = settingsProblem(smtp, secret);
    if (problem) throw new UserError('unavailable', problem);
    return context.jobs.run(jobId, 'mail', async (job) => {
      let summary;
      try {
        summary = await runCampaign(
          { db: context.db, now: context.now, sleep: context.sleep, actor: context.actor },
          {
            campaignId,
            smtp,
            password: secret,
            school: readSettings(context.db),
            signal: job.signal,
            onProgress: (progress) => {
              const { counts } = progress;
              const total = progress.total - counts.skipped;
              const done = counts.sent + counts.failed + counts.uncertain;
              job.progress(done, total, `${done} sur ${total} traités : ${counts.sent} envoyés`);
            },
          },
        );
      } catch (error) {
        if (error instanceof CampaignBusyError) throw new UserError('conflict', error.message);
        throw error;
      }
      job.checkpoint();
      return summary;
    });
  },

  'mail.campaigns': ({ db }) => listCampaignRows(db, 100).map((row) => summarize(db, row, isCampaignActive(db, row.id))),

  'mail.campaign': (context, { campaignId, states, offset, limit }) => {
    const summary = summaryOf(context, campaignId);
    const filter = states && states.length > 0 ? states : null;
    const matching = filter ? filter.reduce((sum, state) => sum + summary.counts[state], 0) : summary.total;
    return { summary, matching, recipients: recipientRows(context.db, campaignId, filter, offset, limit).map(toRecipient) };
  },

  'mail.requeue': (context, { campaignId, recipientIds }) => {
    campaignOrThrow(context, campaignId);
    if (isCampaignActive(context.db, campaignId)) throw new UserError('conflict', 'Attendez la fin de l’envoi en cours pour renvoyer ces messages.');
    context.db.transaction(() => {
      const requeued = requeueRecipients(context.db, campaignId, recipientIds, context.now());
      writeJournal(
        context.db,
        { action: 'mail.requeue', summary: `Envoi par courriel n° ${campaignId} : ${requeued} message(s) à renvoyer à la demande de la direction` },
        context.now(),
        context.actor,
      );
    })();
    return summaryOf(context, campaignId);
  },

  'mail.exportResults': (context, { campaignId }) => {
    const row = campaignOrThrow(context, campaignId);
    const { bytes, rows } = campaignResultsCsv(context.db, campaignId);
    return { name: `envoi-courriel-${campaignId}-${row.created_at.slice(0, 10)}.csv`, rows, base64: Buffer.from(bytes).toString('base64') };
  },
};
