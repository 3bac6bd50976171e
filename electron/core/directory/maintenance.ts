import type { SchoolDb } from '../db/open.ts';
import { rememberTeacherClasses } from './rentree.ts';
import { purgeExpired } from './status.ts';

/** What the app does each time it opens a school file: the 90-day purge, and this year's teacher links remembered. */
export function startUpMaintenance(db: SchoolDb, now: Date, actor: string): { purged: number } {
  const purged = purgeExpired(db, now, actor);
  rememberTeacherClasses(db, now);
  return { purged };
}

/** The setting that remembers the last day the start-up work (check, backup, maintenance) was done. */
const startUpDayKey = 'startUpDoneOn';

function localDay(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * True when the start-up work was already done on this local day. Read with plain SQL, before
 * the integrity check: any failure to read it (an old or damaged file) means « due ».
 */
export function startUpDoneToday(db: SchoolDb, now: Date): boolean {
  try {
    const row = db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?').get(startUpDayKey);
    return row !== undefined && JSON.parse(row.value) === localDay(now);
  } catch {
    return false;
  }
}

export function markStartUpDone(db: SchoolDb, now: Date): void {
  db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    startUpDayKey,
    JSON.stringify(localDay(now)),
  );
}
