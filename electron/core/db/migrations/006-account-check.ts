import type { Migration } from '../migrate.ts';

/**
 * The account table built again, the same but for how its profile check is written.
 *
 * Why: `CHECK (profile IN (five values))` makes SQLite build a throw-away lookup table for the
 * list at every insert (it does so for lists of more than two constants): a first import of
 * 27,600 accounts opened 27,600 of them, a good part of its time. The same rule written as
 * equalities joined by OR costs a few comparisons.
 *
 * How: SQLite's own recipe for a change ALTER TABLE cannot make — a new table, the rows copied
 * with their ids, the old table dropped, the new one renamed, its indexes and triggers made
 * again — with foreign keys off for the time of the swap (`rebuildsTables`): dropping the
 * table would otherwise delete every row that refers to it. The search index (account_fts)
 * refers to the table by name and keeps its entries, the ids being the same.
 */
export const migration006: Migration = {
  version: 6,
  name: 'account-check',
  rebuildsTables: true,
  sql: `
    CREATE TABLE account_rebuilt (
      id INTEGER PRIMARY KEY,
      profile TEXT NOT NULL CHECK (profile = 'student' OR profile = 'relative' OR profile = 'teacher' OR profile = 'personnel' OR profile = 'guest'),
      last_name TEXT NOT NULL,
      first_name TEXT NOT NULL,
      birth_date TEXT,
      login TEXT NOT NULL,
      alias TEXT,
      activation_code TEXT,
      activated INTEGER NOT NULL DEFAULT 0 CHECK (activated IN (0, 1)),
      email TEXT,
      phone TEXT,
      ent_id TEXT,
      source TEXT NOT NULL,
      external_id TEXT,
      ine TEXT,
      local_admin INTEGER NOT NULL DEFAULT 0 CHECK (local_admin IN (0, 1)),
      blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
      pre_deleted_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      -- Accent-, case- and punctuation-free "surname first-name" for French-order sorting.
      sort_name TEXT NOT NULL,
      -- Normalised words of surname, first name, login and alias, for prefix search.
      search_text TEXT NOT NULL,
      CHECK (activated = 0 OR activation_code IS NULL)
    ) STRICT;
    INSERT INTO account_rebuilt (id, profile, last_name, first_name, birth_date, login, alias, activation_code, activated, email, phone,
        ent_id, source, external_id, ine, local_admin, blocked, pre_deleted_at, created_at, updated_at, sort_name, search_text)
      SELECT id, profile, last_name, first_name, birth_date, login, alias, activation_code, activated, email, phone,
        ent_id, source, external_id, ine, local_admin, blocked, pre_deleted_at, created_at, updated_at, sort_name, search_text
      FROM account;
    DROP TABLE account;
    ALTER TABLE account_rebuilt RENAME TO account;

    CREATE UNIQUE INDEX account_login ON account (login);
    CREATE UNIQUE INDEX account_alias ON account (alias) WHERE alias IS NOT NULL;
    CREATE UNIQUE INDEX account_ent_id ON account (ent_id) WHERE ent_id IS NOT NULL;
    CREATE INDEX account_external ON account (source, external_id) WHERE external_id IS NOT NULL;
    CREATE INDEX account_ine ON account (ine) WHERE ine IS NOT NULL;
    CREATE INDEX account_sort ON account (sort_name, id);
    CREATE INDEX account_profile_sort ON account (profile, sort_name);
    CREATE INDEX account_created ON account (created_at);
    CREATE INDEX account_pre_deleted ON account (pre_deleted_at) WHERE pre_deleted_at IS NOT NULL;

    CREATE TRIGGER account_fts_insert AFTER INSERT ON account BEGIN
      INSERT INTO account_fts (rowid, search_text) VALUES (new.id, new.search_text);
    END;
    CREATE TRIGGER account_fts_delete AFTER DELETE ON account BEGIN
      INSERT INTO account_fts (account_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    END;
    CREATE TRIGGER account_fts_update AFTER UPDATE OF search_text ON account BEGIN
      INSERT INTO account_fts (account_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
      INSERT INTO account_fts (rowid, search_text) VALUES (new.id, new.search_text);
    END;
  `,
};
