import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SchoolDb } from '../../db/open.ts';
import { loadAccounts } from '../../directory/list.ts';
import { writeJournal } from '../../directory/journal.ts';
import { waitingCount, type CampaignSummary, type MailTemplates, type RecipientCounts, type SmtpSettings } from '../../../../shared/domain/mail.ts';
import type { SchoolSettings } from '../../../../shared/domain/settings.ts';
import { plural } from '../../../../shared/domain/wording.ts';
import { skipReasonOf } from './campaign.ts';
import {
  campaignRow,
  campaignTemplates,
  earliestRetry,
  markConfirming,
  markOutcome,
  markSending,
  markSent,
  nextDueRecipient,
  recoverInterrupted,
  setCampaignStatus,
  summarize,
  type RecipientRow,
} from './campaign-store.ts';
import { classifySendError, uncertainDetail, type SmtpErrorLike } from './diagnosis.ts';
import { sheetFrame } from '../sheet-model.ts';
import { mailCaseOf, mailPlaceholderValues, renderMail } from './message.ts';
import { openSmtpSender, type MailSender } from './transport.ts';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface CampaignDeps {
  db: SchoolDb;
  now(): Date;
  /** Rate limit and retry waits; tests pass one that moves a fake clock. */
  sleep: Sleep;
  actor: string;
  openSender?: (settings: SmtpSettings, password: string | null) => MailSender;
}

export interface CampaignRun {
  campaignId: number;
  smtp: SmtpSettings;
  password: string | null;
  school: SchoolSettings;
  /** Cancel: no new message starts, and those not yet fully handed over are withdrawn. */
  signal: AbortSignal;
  onProgress?(summary: CampaignSummary): void;
}

export class CampaignBusyError extends Error {}

/** 4xx refusals: tried again after these waits, then marked failed. */
export const retryDelaysMs = [60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000];
export const maxAttempts = retryDelaysMs.length + 1;

/**
 * A dropped connection (cut, reset, greeting timeout, 421): the message it carried, known not
 * to have been accepted, is sent again on a new connection after these waits; one more drop
 * and the campaign pauses. Short on purpose: enough to ride out a relay that closes a
 * connection now and then, or a few seconds without network; a longer outage is better told
 * to the director, and the resume takes up exactly where the campaign stopped.
 */
export const reconnectDelaysMs = [1_000, 2_000, 4_000];

/**
 * Connections lost after a message's end of data, with no message confirmed in between, before
 * the campaign pauses. Such a message is uncertain and never resent; one now and then is a
 * hiccup, but a second in a row means something loses the server's replies, and going on would
 * leave every recipient uncertain.
 */
export const uncertainInARowBeforePause = 2;

export const cancelledReason = 'Envoi interrompu à votre demande. Vous pouvez le reprendre : aucun destinataire ne recevra deux fois le message.';

const gaveUpAfter = (tries: number) => `Sésame a essayé ${tries} fois, à quelques secondes d’intervalle, sans succès.`;
const repliesLost = (messages: number) => `${messages} messages de suite sont restés sans réponse du serveur après leur envoi (« incertains »).`;

/** Campaigns being sent by this process, per school file. */
const active = new WeakMap<SchoolDb, Set<number>>();

export function isCampaignActive(db: SchoolDb, campaignId: number): boolean {
  return active.get(db)?.has(campaignId) ?? false;
}

const runnerId = () => `${hostname()}:${process.pid}`;

/** Is the process named in `runner` (host:pid) still alive? Another machine's run is trusted while recent. */
function runnerAlive(runner: string, updatedAt: string, now: Date): boolean {
  const separator = runner.lastIndexOf(':');
  const host = runner.slice(0, separator);
  const pid = Number(runner.slice(separator + 1));
  if (host !== hostname()) return now.getTime() - Date.parse(updatedAt) < 10 * 60_000;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the campaign for this process, after crash recovery; refuses if another one is sending it. */
function claim(db: SchoolDb, campaignId: number, at: Date): MailTemplates {
  return db.transaction(() => {
    const row = campaignRow(db, campaignId);
    if (!row) throw new CampaignBusyError(`L’envoi n° ${campaignId} n’existe pas.`);
    if (isCampaignActive(db, campaignId) || (row.status === 'running' && row.runner && runnerAlive(row.runner, row.updated_at, at))) {
      throw new CampaignBusyError(`L’envoi n° ${campaignId} est déjà en cours (dans cette fenêtre ou un autre programme Sésame).`);
    }
    recoverInterrupted(db, campaignId, at);
    setCampaignStatus(db, campaignId, 'running', null, runnerId(), at);
    return campaignTemplates(row);
  }).immediate();
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'sesame.invalid';
}

/** The journal's figures; recipients not tried yet are « en attente », when there are some. */
function journalCounts(counts: RecipientCounts): string {
  const parts = [plural(counts.sent, 'envoyé'), plural(counts.failed, 'échec', 'échecs'), plural(counts.uncertain, 'incertain')];
  const waiting = waitingCount(counts);
  if (waiting > 0) parts.push(plural(waiting, 'en attente', 'en attente'));
  return parts.join(', ');
}

interface InFlight {
  controller: AbortController;
  endOfData: boolean;
}

/**
 * Sends a campaign until every recipient is dealt with, a problem pauses it, or the director
 * cancels. Never sends a recipient twice: see the state rules in campaign-store.ts.
 */
export async function runCampaign(deps: CampaignDeps, run: CampaignRun): Promise<CampaignSummary> {
  const { db, now } = deps;
  const { campaignId, smtp, school, signal } = run;
  const templates = claim(db, campaignId, now());
  const mine = active.get(db) ?? new Set<number>();
  active.set(db, mine);
  mine.add(campaignId);

  const frame = sheetFrame(school, now().toISOString().slice(0, 10));
  let opened: MailSender | null = null;
  const inFlight = new Map<number, InFlight>();
  const pending = new Set<Promise<void>>();
  let pauseReason: string | null = null;
  // A bookkeeping failure (the school file closed or full): stop starting sends, report it at the end.
  const fatal: unknown[] = [];
  let lastStart = Number.NEGATIVE_INFINITY;
  // After a dropped connection no message starts before this time (ms).
  let holdUntil = Number.NEGATIVE_INFINITY;
  // Dropped connections per recipient, in this run: the retry budget is per message.
  const drops = new Map<number, number>();
  let uncertainInARow = 0;
  const interval = 60_000 / smtp.ratePerMinute;
  // Counting the recipients costs about as much as a send's bookkeeping: a few reports a second are enough.
  let reportedAt = Number.NEGATIVE_INFINITY;
  const progress = (force = false) => {
    if (!run.onProgress || (!force && performance.now() - reportedAt < 100)) return;
    reportedAt = performance.now();
    const row = campaignRow(db, campaignId);
    if (row) run.onProgress(summarize(db, row, true));
  };
  const withdraw = () => {
    for (const flight of inFlight.values()) if (!flight.endOfData) flight.controller.abort();
  };
  signal.addEventListener('abort', withdraw);

  const skip = (row: RecipientRow, detail: string) => {
    markOutcome(db, row.id, { state: 'skipped', detail }, now());
    progress();
  };

  /** A message lost with its connection, before the server took it: sent again after a wait, within the budget. */
  const reconnectLater = (recipientId: number, reason: string, at: Date) => {
    const tries = (drops.get(recipientId) ?? 0) + 1;
    drops.set(recipientId, tries);
    const delay = reconnectDelaysMs[tries - 1];
    if (delay === undefined) pauseReason ??= `${reason} ${gaveUpAfter(tries)}`;
    else holdUntil = Math.max(holdUntil, at.getTime() + delay);
  };

  const fail = (row: RecipientRow, error: unknown, endOfData: boolean) => {
    const outcome = classifySendError(error as SmtpErrorLike, endOfData, smtp);
    const at = now();
    const attempt = row.attempts + 1;
    switch (outcome.kind) {
      case 'requeue':
        markOutcome(db, row.id, { state: 'queued', detail: null }, at);
        break;
      case 'retry':
        if (attempt >= maxAttempts) {
          markOutcome(db, row.id, { state: 'failed', detail: `${outcome.detail} Abandon après ${attempt} essais.` }, at);
        } else {
          const delay = retryDelaysMs[attempt - 1] ?? retryDelaysMs.at(-1) ?? 60_000;
          markOutcome(db, row.id, { state: 'retry', detail: outcome.detail, retryAt: new Date(at.getTime() + delay) }, at);
        }
        break;
      case 'failed':
      case 'uncertain':
        markOutcome(db, row.id, { state: outcome.kind, detail: outcome.detail }, at);
        break;
      case 'pause':
        markOutcome(db, row.id, { state: outcome.recipient, detail: outcome.recipient === 'uncertain' ? uncertainDetail : null }, at);
        if (!outcome.reconnect) pauseReason ??= outcome.reason;
        else if (outcome.recipient === 'queued') reconnectLater(row.id, outcome.reason, at);
        // An uncertain message is never resent: the next message tells whether the server is back.
        else if (++uncertainInARow >= uncertainInARowBeforePause) pauseReason ??= `${outcome.reason} ${repliesLost(uncertainInARow)}`;
        break;
    }
  };

  /** Starts one send; false when the recipient was skipped or taken, so no rate slot is used. */
  const start = (sender: MailSender, row: RecipientRow): boolean => {
    const account = loadAccounts(db, [row.account_id])[0];
    if (!account) {
      skip(row, 'Compte supprimé depuis la préparation de l’envoi.');
      return false;
    }
    const reason = skipReasonOf(account);
    if (reason) {
      skip(row, reason);
      return false;
    }
    const email = account.email?.trim() ?? '';
    const mailCase = mailCaseOf(account);
    const message = renderMail(templates[mailCase], mailCase, mailPlaceholderValues(account, frame));
    const messageId = `<${randomUUID()}@${domainOf(smtp.senderAddress)}>`;
    if (!markSending(db, row.id, { email, mailCase, messageId }, now())) return false;
    const flight: InFlight = { controller: new AbortController(), endOfData: false };
    inFlight.set(row.id, flight);
    const send = sender
      .send(
        {
          from: { name: smtp.senderName || school.schoolName, address: smtp.senderAddress },
          to: email,
          replyTo: smtp.replyTo || null,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId,
        },
        {
          signal: flight.controller.signal,
          onEndOfData: () => {
            flight.endOfData = true;
            markConfirming(db, row.id, now());
          },
        },
      )
      .then(
        () =>
          db.transaction(() => {
            const at = now();
            markSent(db, row.id, at);
            uncertainInARow = 0;
            writeJournal(
              db,
              { action: 'mail.sent', accountId: row.account_id, summary: `Identifiants envoyés par courriel à ${email} (envoi n° ${campaignId})` },
              at,
              deps.actor,
            );
          })(),
        (error: unknown) => fail(row, error, flight.endOfData),
      )
      .catch((error: unknown) => {
        fatal.push(error);
      })
      .finally(() => {
        inFlight.delete(row.id);
        pending.delete(send);
        progress();
      });
    pending.add(send);
    return true;
  };

  try {
    const sender = (opened = (deps.openSender ?? openSmtpSender)(smtp, run.password));
    progress(true);
    while (!signal.aborted && pauseReason === null && fatal.length === 0) {
      if (pending.size >= smtp.connections) {
        await Promise.race(pending);
        continue;
      }
      const at = now();
      const wait = Math.max(lastStart + interval, holdUntil) - at.getTime();
      // The clock counts whole milliseconds: a shorter wait is no wait.
      if (wait >= 1) {
        await deps.sleep(wait, signal);
        continue;
      }
      const row = nextDueRecipient(db, campaignId, at);
      if (row) {
        if (start(sender, row)) lastStart = at.getTime();
        continue;
      }
      if (pending.size > 0) {
        await Promise.race(pending);
        continue;
      }
      const retryAt = earliestRetry(db, campaignId);
      if (retryAt === null) break;
      await deps.sleep(Math.max(0, Date.parse(retryAt) - at.getTime()), signal);
    }
    await Promise.allSettled(pending);
    if (fatal.length > 0) throw fatal[0];
    progress(true);
  } finally {
    signal.removeEventListener('abort', withdraw);
    opened?.close();
    mine.delete(campaignId);
  }

  const at = now();
  const reason = pauseReason ?? (signal.aborted ? cancelledReason : null);
  db.transaction(() => {
    setCampaignStatus(db, campaignId, reason ? 'paused' : 'done', reason, null, at);
    const row = campaignRow(db, campaignId);
    const counts = row ? summarize(db, row, false).counts : null;
    writeJournal(
      db,
      {
        action: reason ? 'mail.campaign.pause' : 'mail.campaign.done',
        summary:
          `Envoi par courriel n° ${campaignId} ${reason ? 'en pause' : 'terminé'}` +
          (counts ? ` : ${journalCounts(counts)}` : ''),
        after: reason ? { reason } : undefined,
      },
      at,
      deps.actor,
    );
  })();
  const row = campaignRow(db, campaignId);
  if (!row) throw new Error('campaign vanished');
  return summarize(db, row, false);
}
