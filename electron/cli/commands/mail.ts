import { createInterface } from 'node:readline';
import type { ApiClient } from '../../../shared/api/client.ts';
import { leftOutMessage } from '../../../shared/domain/distribution.ts';
import { mailCaseLabels, waitingCount, type CampaignSummary } from '../../../shared/domain/mail.ts';
import type { Selection } from '../../../shared/domain/selection.ts';
import { plural } from '../../../shared/domain/wording.ts';
import type { CoreContext } from '../../api/context.ts';
import { unwrap, type CliCommand, type CliIo } from '../command.ts';
import { filterFromOptions, filterOptions, sortFromOption } from '../filters.ts';
import { CommandError, UsageError } from '../usage.ts';

/** Asks for the mail password on the terminal without echoing it. */
async function promptPassword(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const output = rl as unknown as { _writeToOutput(text: string): void };
  process.stderr.write(question);
  output._writeToOutput = () => undefined;
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

async function passwordIfNeeded(api: ApiClient): Promise<string | undefined> {
  const view = unwrap(await api.mail.settings({}));
  if (view.smtp.user === '' || view.password !== 'none') return undefined;
  if (!process.stdin.isTTY) {
    throw new CommandError('Mot de passe de messagerie inconnu : donnez-le dans SESAME_SMTP_URL (smtp://utilisateur:motdepasse@serveur:port).');
  }
  return promptPassword(`Mot de passe de ${view.smtp.user} sur ${view.smtp.host} : `);
}

async function dryRun({ api, out }: CliIo, selection: Selection, json: boolean): Promise<void> {
  const plan = unwrap(await api.mail.plan(selection));
  const page = unwrap(await api.directory.list({ ...selection, offset: 0, limit: 50_000 }));
  const rows = [];
  for (const account of page.items) {
    const preview = unwrap(await api.mail.preview({ accountId: account.id }));
    rows.push({
      accountId: account.id,
      lastName: account.lastName,
      firstName: account.firstName,
      to: preview.to,
      message: preview.to ? preview.mailCase : null,
      subject: preview.to ? preview.subject : null,
      skipReason: preview.skipReason,
    });
  }
  if (json) {
    out(JSON.stringify({ ...plan, recipients: rows }, null, 2));
    return;
  }
  out(`Simulation : ${plural(plan.withAddress, 'courriel serait envoyé', 'courriels seraient envoyés')}, ${plural(plan.withoutAddress, 'compte')} sans adresse utilisable.`);
  const leftOut = leftOutMessage(plan.leftOut);
  if (leftOut) out(leftOut);
  for (const row of rows.filter((r) => r.to)) {
    out(`${row.lastName} ${row.firstName} <${row.to}> — ${mailCaseLabels[row.message ?? 'activated']} — « ${row.subject} »`);
  }
  const withoutAddress = new Set(plan.withoutAddressIds);
  const skipped = rows.filter((r) => !r.to);
  const onPaper = skipped.filter((r) => withoutAddress.has(r.accountId));
  if (onPaper.length) {
    out('Sans adresse utilisable (à remettre sur papier) :');
    for (const row of onPaper) out(`${row.lastName} ${row.firstName} — ${row.skipReason}`);
  }
  const noCredentials = skipped.filter((r) => !withoutAddress.has(r.accountId));
  if (noCredentials.length) {
    out('Sans identifiants à remettre (ni courriel ni papier) :');
    for (const row of noCredentials) out(`${row.lastName} ${row.firstName} — ${row.skipReason}`);
  }
}

/** The counts line; recipients never tried are « en attente », never « refus temporaires ». */
export function describeCampaign(summary: CampaignSummary): string {
  const { counts } = summary;
  const waiting = waitingCount(counts);
  const parts = [
    plural(counts.sent, 'envoyé'),
    plural(counts.failed, 'échec', 'échecs'),
    plural(counts.skipped, 'non envoyé (sans adresse ou sans identifiants)', 'non envoyés (sans adresse ou sans identifiants)'),
  ];
  if (counts.uncertain) parts.push(plural(counts.uncertain, 'envoi incertain', 'envois incertains'));
  if (counts.retry) parts.push(plural(counts.retry, 'refus temporaire (nouvel essai prévu)', 'refus temporaires (nouvel essai prévu)'));
  if (waiting) parts.push(plural(waiting, 'en attente', 'en attente'));
  return `Envoi par courriel n° ${summary.id} : ${parts.join(', ')}.`;
}

/** Progress on stderr, about every tenth of the way; Ctrl+C asks the job to stop cleanly. */
function follow(context: CoreContext, jobId: string, err: (text: string) => void): () => void {
  let shown = -1;
  const unsubscribe = context.events.subscribe((event) => {
    if (event.type !== 'progress' || event.jobId !== jobId || event.total === 0) return;
    const tenth = Math.floor((event.done / event.total) * 10);
    if (tenth === shown) return;
    shown = tenth;
    err(event.label);
  });
  const interrupt = () => {
    err('Interruption demandée : les messages en cours se terminent, puis l’envoi se met en pause.');
    context.jobs.cancel(jobId);
  };
  process.once('SIGINT', interrupt);
  return () => {
    unsubscribe();
    process.off('SIGINT', interrupt);
  };
}

export const mailCommand: CliCommand = {
  options: {
    ...filterOptions,
    'dry-run': { type: 'boolean' },
    resume: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(io, values) {
    const { api, context, out, err } = io;
    const json = values['json'] === true;
    const resume = values['resume'] as string | undefined;
    const filterGiven = Object.keys(filterOptions).some((name) => values[name] !== undefined);
    if (resume !== undefined && (filterGiven || values['dry-run'])) {
      throw new UsageError('--resume reprend un envoi existant : sans filtre ni --dry-run.');
    }
    const selection: Selection = {
      filter: filterFromOptions(values as Record<string, string>),
      sort: sortFromOption(values['sort'] as string | undefined),
    };
    if (values['dry-run']) return dryRun(io, selection, json);

    let campaignId: number;
    if (resume !== undefined) {
      campaignId = Number(resume);
      if (!Number.isInteger(campaignId) || campaignId <= 0) throw new UsageError('--resume attend le numéro de l’envoi, par exemple --resume 3.');
    } else {
      const plan = unwrap(await api.mail.plan(selection));
      if (plan.withAddress === 0) throw new CommandError('Aucun compte sélectionné n’a d’adresse courriel : rien à envoyer.');
      campaignId = unwrap(await api.mail.createCampaign(selection)).id;
      err(`Envoi par courriel n° ${campaignId} : ${plural(plan.withAddress, 'destinataire')}. Pour le reprendre après une interruption : sesame mail --resume ${campaignId}`);
    }
    const password = await passwordIfNeeded(api);
    const jobId = `cli-mail-${campaignId}`;
    const stop = follow(context, jobId, err);
    let result;
    try {
      result = await api.mail.send({ campaignId, jobId, ...(password ? { password } : {}) });
    } finally {
      stop();
    }
    const summary: CampaignSummary = result.ok
      ? result.value
      : result.error.code === 'cancelled'
        ? unwrap(await api.mail.campaign({ campaignId, offset: 0, limit: 1 })).summary
        : unwrap(result);
    if (json) {
      const { sent, failed, skipped, uncertain, retry } = summary.counts;
      const waiting = waitingCount(summary.counts);
      out(JSON.stringify({ campaignId, status: summary.status, sent, failed, skipped, uncertain, retry, waiting, pauseReason: summary.pauseReason }));
    } else {
      out(describeCampaign(summary));
    }
    if (summary.status === 'paused') throw new CommandError(`${summary.pauseReason ?? 'Envoi en pause.'} Reprendre : sesame mail --resume ${campaignId}`);
  },
};
