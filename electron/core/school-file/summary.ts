import Database from 'better-sqlite3-multiple-ciphers';
import type { SchoolFileSummary } from '../../../shared/api/areas/backups.ts';
import { profiles, type Profile } from '../../../shared/domain/profile.ts';
import { MissingKeyError, noKeys, WrongKeyError, type SchoolKeyRing } from '../db/cipher.ts';
import { DamagedSchoolFileError, assertSound, isDamageError } from '../db/integrity.ts';
import { connectSchoolFile } from '../db/open.ts';
import { latestVersion, schemaVersion } from '../db/migrate.ts';

export type SummaryOutcome = { contents: SchoolFileSummary; problem: null } | { contents: SchoolFileSummary | null; problem: string };

/** What one database holds, in the words of the restore preview. */
export function summariseSchool(db: Database.Database): SchoolFileSummary {
  const byProfile = Object.fromEntries(profiles.map((profile) => [profile, 0])) as Record<Profile, number>;
  const rows = db.prepare('SELECT profile, count(*) AS n FROM account GROUP BY profile').all() as { profile: Profile; n: number }[];
  for (const row of rows) byProfile[row.profile] = row.n;
  const name = db.prepare("SELECT value FROM setting WHERE key = 'schoolName'").pluck().get() as string | undefined;
  const parsedName: unknown = name === undefined ? '' : JSON.parse(name);
  return {
    schoolName: typeof parsedName === 'string' ? parsedName : '',
    schemaVersion: schemaVersion(db),
    accounts: rows.reduce((sum, row) => sum + row.n, 0),
    byProfile,
    classes: db.prepare('SELECT count(*) FROM class').pluck().get() as number,
    lastChangeAt: (db.prepare('SELECT max(at) FROM journal').pluck().get() as string | null) ?? null,
  };
}

/**
 * Opens a school file read-only (a backup, before restoring it) and says what it holds and
 * whether it can be restored. Never writes to the file and never throws for a bad one.
 */
export function summariseSchoolFile(path: string, keys: SchoolKeyRing = noKeys): SummaryOutcome {
  let db: Database.Database | undefined;
  try {
    db = connectSchoolFile(path, keys, { readonly: true, fileMustExist: true });
    assertSound(db);
    const contents = summariseSchool(db);
    if (contents.schemaVersion > latestVersion) {
      return { contents, problem: 'Cette sauvegarde vient d’une version plus récente de Sésame : mettez Sésame à jour pour la restaurer.' };
    }
    return { contents, problem: null };
  } catch (error) {
    if (error instanceof MissingKeyError || error instanceof WrongKeyError) {
      return { contents: null, problem: 'Cette sauvegarde est chiffrée avec une clé que Sésame n’a pas sur cet ordinateur (une ancienne clé de ce fichier ?) : elle ne peut pas être lue.' };
    }
    if (error instanceof DamagedSchoolFileError || isDamageError(error)) {
      return { contents: null, problem: 'Cette sauvegarde est endommagée : elle ne peut pas être restaurée.' };
    }
    return { contents: null, problem: 'Cette sauvegarde ne peut pas être lue (ce n’est peut-être pas un fichier d’école Sésame).' };
  } finally {
    db?.close();
  }
}
