import type { Migration } from '../migrate.ts';

/** Import history, and what undoing each import needs. */
export const migration002: Migration = {
  version: 2,
  name: 'imports',
  sql: `
    CREATE TABLE import_run (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      -- JSON [{name, format}] and the counts shown in the history.
      files TEXT NOT NULL,
      counts TEXT NOT NULL,
      backup_path TEXT,
      -- JSON inverse change set (electron/core/imports/undo.ts): restores the exact previous state
      -- of the accounts, classes and links this import touched, and nothing else.
      undo TEXT NOT NULL,
      undone_at TEXT
    ) STRICT;
  `,
};
