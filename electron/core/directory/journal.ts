import { userInfo } from 'node:os';
import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import type { JournalItem, JournalPage } from '../../../shared/domain/journal.ts';

export interface JournalEntry {
  action: string;
  accountId?: number | null;
  /** French, one line, shown in the journal list. */
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** Who acts: the OS session's user name (the laptop is the director's). */
export function currentActor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'inconnu';
  }
}

export function writeJournal(db: SchoolDb, entry: JournalEntry, at: Date, actor: string): void {
  stmt(
    db,
    'INSERT INTO journal (at, actor, action, account_id, summary, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    at.toISOString(),
    actor,
    entry.action,
    entry.accountId ?? null,
    entry.summary,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  );
}

/** Who acts and when: every change the director makes carries both into the journal. */
export interface Author {
  actor: string;
  at: Date;
}

interface JournalRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  account_id: number | null;
  account_name: string | null;
  summary: string;
  before: string | null;
  after: string | null;
}

function toItem(row: JournalRow): JournalItem {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    accountId: row.account_id,
    accountName: row.account_name,
    summary: row.summary,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
}

const journalSelect = `SELECT j.id, j.at, j.actor, j.action, j.account_id, a.last_name || ' ' || a.first_name AS account_name,
  j.summary, j.before, j.after FROM journal j LEFT JOIN account a ON a.id = j.account_id`;

/** Newest first; one account's entries, or the whole school's. */
export function listJournal(db: SchoolDb, query: { accountId?: number | undefined; offset: number; limit: number }): JournalPage {
  const { accountId, offset, limit } = query;
  // One statement per case rather than « ? IS NULL OR … », so that each uses its index.
  if (accountId === undefined) {
    const total = stmt<[], number>(db, 'SELECT count(*) FROM journal').pluck().get() ?? 0;
    const rows = stmt<[number, number], JournalRow>(db, `${journalSelect} ORDER BY j.id DESC LIMIT ? OFFSET ?`).all(limit, offset);
    return { total, offset, items: rows.map(toItem) };
  }
  const total = stmt<[number], number>(db, 'SELECT count(*) FROM journal WHERE account_id = ?').pluck().get(accountId) ?? 0;
  const rows = stmt<[number, number, number], JournalRow>(
    db,
    `${journalSelect} WHERE j.account_id = ? ORDER BY j.id DESC LIMIT ? OFFSET ?`,
  ).all(accountId, limit, offset);
  return { total, offset, items: rows.map(toItem) };
}

/** Every entry, oldest first, for the CSV export. */
export function allJournal(db: SchoolDb, accountId?: number): JournalItem[] {
  const rows =
    accountId === undefined
      ? stmt<[], JournalRow>(db, `${journalSelect} ORDER BY j.id`).all()
      : stmt<[number], JournalRow>(db, `${journalSelect} WHERE j.account_id = ? ORDER BY j.id`).all(accountId);
  return rows.map(toItem);
}

/**
 * Once an account is purged its personal data must go, including the values the journal kept:
 * what was done, when and by whom stays; the before/after values are erased.
 */
export function forgetJournalValues(db: SchoolDb, accountId: number): void {
  stmt(db, 'UPDATE journal SET before = NULL, after = NULL WHERE account_id = ?').run(accountId);
}
