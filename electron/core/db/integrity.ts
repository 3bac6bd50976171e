import type { Database } from 'better-sqlite3-multiple-ciphers';

/** A school file SQLite cannot read as a sound database. Nothing has been written to it. */
export class DamagedSchoolFileError extends Error {
  /** SQLite's own words, for the « détails techniques » line and support. */
  readonly detail: string;

  constructor(detail: string) {
    super(
      'Le fichier d’école est endommagé : Sésame ne peut pas le lire sans risque. ' +
        'Il n’a pas été modifié. Restaurez la dernière sauvegarde saine.',
    );
    this.name = 'DamagedSchoolFileError';
    this.detail = detail.slice(0, 500);
  }
}

const damageCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

/** True for the SQLite errors that mean « this file is not a sound database ». */
export function isDamageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (damageCodes.has(code) || code.startsWith('SQLITE_CORRUPT'));
}

/**
 * `PRAGMA quick_check`: verifies every page and record format in one pass (O(N), a fraction of
 * `integrity_check`'s cost: it skips matching indexes to tables). Throws DamagedSchoolFileError
 * when SQLite finds a problem or cannot read the file at all.
 */
export function assertSound(db: Database): void {
  let rows: string[];
  try {
    rows = (db.pragma('quick_check(20)') as { quick_check: string }[]).map((row) => row.quick_check);
  } catch (error) {
    if (isDamageError(error)) throw new DamagedSchoolFileError((error as Error).message);
    throw error;
  }
  if (rows.length !== 1 || rows[0] !== 'ok') throw new DamagedSchoolFileError(rows.slice(0, 5).join(' ; '));
}
