import type { SchoolDb } from '../../db/open.ts';
import { stmt } from '../../db/statements.ts';
import type { Selection } from '../../../../shared/domain/selection.ts';
import {
  recipientStates,
  type CampaignRecipient,
  type CampaignStatus,
  type CampaignSummary,
  type MailCase,
  type MailTemplates,
  type RecipientCounts,
  type RecipientState,
} from '../../../../shared/domain/mail.ts';
import { uncertainDetail } from './diagnosis.ts';

/**
 * The campaign and its recipients, one row each, in the school file. Every send is bracketed
 * by writes, each its own small transaction:
 *
 *   queued ─► sending ─► confirming ─► sent
 *               │            └──────► uncertain   (no reply after the end of data)
 *               └─► retry (4xx, retry_at) / failed (5xx) / queued (cancel, pause, connection lost)
 *
 * After a crash, rows still in `sending` go back to `queued`: the server had not received the
 * end-of-data marker, and SMTP servers discard a message that lacks it (RFC 5321 §4.1.1.4), so
 * sending again cannot deliver twice. Rows in `confirming` become `uncertain`: the marker may
 * have reached the server, which may have accepted the message, and SMTP offers no way to ask.
 * Resending could deliver the credentials twice, so an uncertain row is never resent
 * automatically; the director sees it and decides (« Renvoyer »). The window is one network
 * round trip per open connection. The same rule holds while running: a message whose
 * connection is lost before its end of data is sent again on a new connection, one lost after
 * it is uncertain.
 */
export interface CampaignRow {
  id: number;
  created_at: string;
  created_by: string;
  selection: string;
  templates: string;
  status: Exclude<CampaignStatus, 'interrupted'>;
  pause_reason: string | null;
  runner: string | null;
  updated_at: string;
}

export interface RecipientRow {
  id: number;
  campaign_id: number;
  account_id: number;
  last_name: string;
  first_name: string;
  email: string | null;
  mail_case: MailCase | null;
  state: RecipientState;
  attempts: number;
  retry_at: string | null;
  detail: string | null;
  message_id: string | null;
  sent_at: string | null;
  updated_at: string;
}

export interface NewRecipient {
  accountId: number;
  lastName: string;
  firstName: string;
  email: string | null;
  /** Why it will not be sent (no address…), or null to queue it. */
  skipReason: string | null;
}

/** What a campaign was prepared from, for the record: a selection, or named accounts (a user sheet). */
export type CampaignOrigin = Selection | { accountIds: number[] };

export function insertCampaign(
  db: SchoolDb,
  campaign: { selection: CampaignOrigin; templates: MailTemplates; recipients: NewRecipient[] },
  at: Date,
  actor: string,
): number {
  const iso = at.toISOString();
  const { lastInsertRowid } = stmt(
    db,
    `INSERT INTO mail_campaign (created_at, created_by, selection, templates, status, updated_at) VALUES (?, ?, ?, ?, 'ready', ?)`,
  ).run(iso, actor, JSON.stringify(campaign.selection), JSON.stringify(campaign.templates), iso);
  const campaignId = Number(lastInsertRowid);
  const insert = stmt(
    db,
    `INSERT INTO mail_recipient (campaign_id, account_id, last_name, first_name, email, state, detail, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const recipient of campaign.recipients) {
    insert.run(
      campaignId,
      recipient.accountId,
      recipient.lastName,
      recipient.firstName,
      recipient.email,
      recipient.skipReason ? 'skipped' : 'queued',
      recipient.skipReason,
      iso,
    );
  }
  return campaignId;
}

export function campaignRow(db: SchoolDb, campaignId: number): CampaignRow | undefined {
  return stmt<[number], CampaignRow>(db, 'SELECT * FROM mail_campaign WHERE id = ?').get(campaignId);
}

export function campaignTemplates(row: CampaignRow): MailTemplates {
  return JSON.parse(row.templates) as MailTemplates;
}

export function setCampaignStatus(
  db: SchoolDb,
  campaignId: number,
  status: CampaignRow['status'],
  pauseReason: string | null,
  runner: string | null,
  at: Date,
): void {
  stmt(db, 'UPDATE mail_campaign SET status = ?, pause_reason = ?, runner = ?, updated_at = ? WHERE id = ?').run(
    status,
    pauseReason,
    runner,
    at.toISOString(),
    campaignId,
  );
}

/** Crash recovery, run before a campaign (re)starts: see the state rules above. */
export function recoverInterrupted(db: SchoolDb, campaignId: number, at: Date): { requeued: number; uncertain: number } {
  const iso = at.toISOString();
  const requeued = stmt(
    db,
    `UPDATE mail_recipient SET state = 'queued', updated_at = ? WHERE campaign_id = ? AND state = 'sending'`,
  ).run(iso, campaignId).changes;
  const uncertain = stmt(
    db,
    `UPDATE mail_recipient SET state = 'uncertain', detail = ?, updated_at = ? WHERE campaign_id = ? AND state = 'confirming'`,
  ).run(uncertainDetail, iso, campaignId).changes;
  return { requeued, uncertain };
}

/** The next recipient to try: queued ones in selection order, then retries that are due. */
export function nextDueRecipient(db: SchoolDb, campaignId: number, at: Date): RecipientRow | undefined {
  return (
    stmt<[number], RecipientRow>(db, `SELECT * FROM mail_recipient WHERE campaign_id = ? AND state = 'queued' ORDER BY id LIMIT 1`).get(campaignId) ??
    stmt<[number, string], RecipientRow>(
      db,
      `SELECT * FROM mail_recipient WHERE campaign_id = ? AND state = 'retry' AND retry_at <= ? ORDER BY retry_at, id LIMIT 1`,
    ).get(campaignId, at.toISOString())
  );
}

export function earliestRetry(db: SchoolDb, campaignId: number): string | null {
  return (
    stmt<[number], string | null>(db, `SELECT min(retry_at) FROM mail_recipient WHERE campaign_id = ? AND state = 'retry'`)
      .pluck()
      .get(campaignId) ?? null
  );
}

function update(db: SchoolDb, sql: string, ...params: unknown[]): boolean {
  return stmt(db, sql).run(...params).changes === 1;
}

/** Claims a due recipient; false when it is no longer due (nothing to send). */
export function markSending(
  db: SchoolDb,
  recipientId: number,
  send: { email: string; mailCase: MailCase; messageId: string },
  at: Date,
): boolean {
  return update(
    db,
    `UPDATE mail_recipient SET state = 'sending', email = ?, mail_case = ?, message_id = ?, attempts = attempts + 1,
       retry_at = NULL, updated_at = ? WHERE id = ? AND state IN ('queued', 'retry')`,
    send.email,
    send.mailCase,
    send.messageId,
    at.toISOString(),
    recipientId,
  );
}

export function markConfirming(db: SchoolDb, recipientId: number, at: Date): void {
  update(db, `UPDATE mail_recipient SET state = 'confirming', updated_at = ? WHERE id = ? AND state = 'sending'`, at.toISOString(), recipientId);
}

export function markSent(db: SchoolDb, recipientId: number, at: Date): void {
  const iso = at.toISOString();
  update(
    db,
    `UPDATE mail_recipient SET state = 'sent', detail = NULL, sent_at = ?, updated_at = ? WHERE id = ? AND state IN ('sending', 'confirming')`,
    iso,
    iso,
    recipientId,
  );
}

/** Ends an attempt that did not deliver: queued again, retry later, failed, uncertain or skipped. */
export function markOutcome(
  db: SchoolDb,
  recipientId: number,
  outcome: { state: 'queued' | 'failed' | 'uncertain' | 'skipped'; detail: string | null } | { state: 'retry'; detail: string; retryAt: Date },
  at: Date,
): void {
  update(
    db,
    `UPDATE mail_recipient SET state = ?, detail = ?, retry_at = ?, updated_at = ? WHERE id = ?`,
    outcome.state,
    outcome.detail,
    outcome.state === 'retry' ? outcome.retryAt.toISOString() : null,
    at.toISOString(),
    recipientId,
  );
}

/** The director's decision after checking: send these (uncertain or failed) again. */
export function requeueRecipients(db: SchoolDb, campaignId: number, recipientIds: number[], at: Date): number {
  const iso = at.toISOString();
  const requeued = stmt(
    db,
    `UPDATE mail_recipient SET state = 'queued', detail = NULL, retry_at = NULL, attempts = 0, updated_at = ?
     WHERE campaign_id = ? AND state IN ('uncertain', 'failed') AND id IN (SELECT value FROM json_each(?))`,
  ).run(iso, campaignId, JSON.stringify(recipientIds)).changes;
  // A finished campaign has work again: it waits for the director to send it.
  if (requeued > 0) {
    stmt(db, `UPDATE mail_campaign SET status = 'paused', pause_reason = NULL, updated_at = ? WHERE id = ? AND status = 'done'`).run(iso, campaignId);
  }
  return requeued;
}

export function recipientCounts(db: SchoolDb, campaignId: number): RecipientCounts {
  const counts = Object.fromEntries(recipientStates.map((state) => [state, 0])) as RecipientCounts;
  const rows = stmt<[number], { state: RecipientState; n: number }>(
    db,
    'SELECT state, count(*) AS n FROM mail_recipient WHERE campaign_id = ? GROUP BY state',
  ).all(campaignId);
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

/** Recipients still to deal with: the campaign is not over while some remain. */
export function summarize(db: SchoolDb, row: CampaignRow, running: boolean): CampaignSummary {
  const counts = recipientCounts(db, row.id);
  const total = recipientStates.reduce((sum, state) => sum + counts[state], 0);
  const status: CampaignStatus = row.status === 'running' && !running ? 'interrupted' : row.status;
  return {
    id: row.id,
    createdAt: row.created_at,
    status,
    pauseReason: row.pause_reason,
    total,
    counts,
    nextRetryAt: counts.retry > 0 ? earliestRetry(db, row.id) : null,
  };
}

export function listCampaignRows(db: SchoolDb, limit: number): CampaignRow[] {
  return stmt<[number], CampaignRow>(db, 'SELECT * FROM mail_campaign ORDER BY id DESC LIMIT ?').all(limit);
}

export function toRecipient(row: RecipientRow): CampaignRecipient {
  return {
    id: row.id,
    accountId: row.account_id,
    lastName: row.last_name,
    firstName: row.first_name,
    email: row.email,
    mailCase: row.mail_case,
    state: row.state,
    attempts: row.attempts,
    detail: row.detail,
    retryAt: row.retry_at,
    sentAt: row.sent_at,
  };
}

export function recipientRows(
  db: SchoolDb,
  campaignId: number,
  states: readonly RecipientState[] | null,
  offset: number,
  limit: number,
): RecipientRow[] {
  const wanted = states ? JSON.stringify(states) : null;
  return stmt<[number, string | null, string | null, number, number], RecipientRow>(
    db,
    `SELECT * FROM mail_recipient WHERE campaign_id = ?
       AND (? IS NULL OR state IN (SELECT value FROM json_each(?)))
     ORDER BY id LIMIT ? OFFSET ?`,
  ).all(campaignId, wanted, wanted, limit, offset);
}
