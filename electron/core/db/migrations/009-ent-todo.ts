import type { Migration } from '../migrate.ts';

/**
 * « À faire dans l'ENT » (shared/domain/ent-todo.ts): each ENT-side action the director
 * recorded in Sésame (block, pre-delete, a guest to create, a merge…), open until an ENT export
 * shows it or the director ticks « Fait dans l'ENT ». An item names its account as it was
 * (names, login): a merge deletes the duplicate and a purge the account, yet the ENT still
 * holds them until the console does the work. No foreign key, as for the journal.
 *
 * Renewal codes are no longer kept at all: they come from the ENT console, which alone can
 * check them, and a hash of an 8-character code still valid in the ENT would only be a target.
 * The rows held hashes of codes Sésame made up itself, which the ENT never knew.
 */
export const migration009: Migration = {
  version: 9,
  name: 'ent-todo',
  sql: `
    CREATE TABLE ent_todo (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('block', 'unblock', 'preDelete', 'restore', 'createGuest', 'merge')),
      account_id INTEGER NOT NULL,
      last_name TEXT NOT NULL,
      first_name TEXT NOT NULL,
      profile TEXT NOT NULL,
      login TEXT NOT NULL,
      -- A merge: the duplicate as it was (JSON { id, lastName, firstName, profile, login }).
      merged TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      closed_at TEXT,
      closed_by TEXT,
      closure TEXT CHECK (closure IN ('done', 'seenInExport', 'cancelled')),
      -- The import whose ENT export showed the change (closure 'seenInExport').
      import_run_id INTEGER,
      CHECK ((closed_at IS NULL) = (closure IS NULL) AND (closed_at IS NULL) = (closed_by IS NULL)),
      CHECK ((kind = 'merge') = (merged IS NOT NULL)),
      CHECK ((coalesce(closure, '') = 'seenInExport') = (import_run_id IS NOT NULL))
    ) STRICT;
    CREATE INDEX ent_todo_open ON ent_todo (account_id, kind) WHERE closed_at IS NULL;
    CREATE INDEX ent_todo_by_account ON ent_todo (account_id, id);
    CREATE INDEX ent_todo_by_run ON ent_todo (import_run_id) WHERE import_run_id IS NOT NULL;

    DROP TABLE renewal_code;
  `,
};
