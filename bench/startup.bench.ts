import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { openSchool } from '../electron/api/open-school.ts';
import { backupSchoolFile, listBackups } from '../electron/core/db/backup.ts';
import { assertSound } from '../electron/core/db/integrity.ts';
import { openSchoolFile } from '../electron/core/db/open.ts';
import { generateSchool } from '../electron/core/directory/demo-school.ts';
import { summariseSchoolFile } from '../electron/core/school-file/summary.ts';
import { median, report, scratchDir, timed } from './measure.ts';

/** What the desktop start costs on a 20,000-account school: integrity check, daily backup, restore preview. */
const scratch = scratchDir('startup');
const file = join(scratch.dir, 'ecole.db');
const setup = await openSchoolFile(file);
generateSchool(setup, new Date(), 40);
setup.close();

const checks: number[] = [];
for (let i = 0; i < 5; i++) {
  const db = new Database(file, { readonly: true });
  checks.push((await timed(() => assertSound(db))).ms);
  db.close();
}
report('PRAGMA quick_check (20 000 comptes)', median(checks), 'ms');

const day = (n: number) => new Date(Date.UTC(2025, 8, n, 10));
const { ms: firstStartMs } = await timed(async () => (await openSchool(file, { recoverable: true, dailyBackup: true, now: () => day(1) })).db.close());
report('démarrage : ouverture + contrôle + sauvegarde du jour', firstStartMs, 'ms');
const { ms: laterStartMs } = await timed(async () => (await openSchool(file, { recoverable: true, dailyBackup: true, now: () => day(1) })).db.close());
report('démarrage suivant le même jour (sans sauvegarde)', laterStartMs, 'ms');

const db = await openSchoolFile(file);
const backups: number[] = [];
for (let n = 2; n <= 6; n++) backups.push((await timed(() => backupSchoolFile(db, file, 'daily', day(n)))).ms);
db.close();
report('sauvegarde (API de sauvegarde SQLite + rotation)', median(backups), 'ms');
const newest = listBackups(file)[0];
if (newest) report('aperçu d’une sauvegarde avant restauration', (await timed(() => summariseSchoolFile(newest.path))).ms, 'ms');
scratch.cleanup();
