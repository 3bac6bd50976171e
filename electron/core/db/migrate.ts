import type { Database } from 'better-sqlite3-multiple-ciphers';
import { migration001 } from './migrations/001-initial.ts';
import { migration002 } from './migrations/002-imports.ts';
import { migration003 } from './migrations/003-directory.ts';
import { migration004 } from './migrations/004-hand-out.ts';
import { migration005 } from './migrations/005-mail.ts';
import { migration006 } from './migrations/006-account-check.ts';
import { migration007 } from './migrations/007-activation-follow-up.ts';
import { migration008 } from './migrations/008-ent-status.ts';
import { migration009 } from './migrations/009-ent-todo.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Drops and rebuilds tables that others refer to: foreign keys are off for its time (or the
   * drop would delete the rows referring to them) and checked in full before it commits.
   */
  rebuildsTables?: boolean;
}

/** Every migration, in order. Imported explicitly so bundlers and type-checkers see them. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];

export const latestVersion = migrations.at(-1)?.version ?? 0;

export class NewerSchoolFileError extends Error {
  readonly fileVersion: number;

  constructor(fileVersion: number) {
    super(
      `Ce fichier d'école a été enregistré par une version plus récente de Sésame (schéma ${fileVersion}, ` +
        `celle-ci connaît le schéma ${latestVersion}). Mettez Sésame à jour pour l'ouvrir : le fichier n'a pas été modifié.`,
    );
    this.fileVersion = fileVersion;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The migrations still to apply; throws, changing nothing, on a file from a newer version. */
export function pendingMigrations(db: Database, list: readonly Migration[] = migrations): Migration[] {
  const current = schemaVersion(db);
  const latest = list.at(-1)?.version ?? 0;
  if (current > latest) throw new NewerSchoolFileError(current);
  return list.filter((m) => m.version > current);
}

/** Applies each pending migration in its own transaction, bumping user_version with it. */
export function applyMigrations(db: Database, pending: readonly Migration[]): void {
  for (const migration of pending) {
    // Only outside a transaction does this pragma take effect.
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (migration.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new Error(`migration ${migration.version} (${migration.name}) would leave references to missing rows`);
        }
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (migration.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys}`);
    }
  }
}
