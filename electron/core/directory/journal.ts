import { userInfo } from 'node:os';
import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';

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
