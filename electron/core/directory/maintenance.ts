import type { SchoolDb } from '../db/open.ts';
import { rememberTeacherClasses } from './rentree.ts';
import { purgeExpired } from './status.ts';

/** What the app does each time it opens a school file: the 90-day purge, and this year's teacher links remembered. */
export function startUpMaintenance(db: SchoolDb, now: Date, actor: string): { purged: number } {
  const purged = purgeExpired(db, now, actor);
  rememberTeacherClasses(db, now);
  return { purged };
}
