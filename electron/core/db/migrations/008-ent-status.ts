import type { Migration } from '../migrate.ts';

/**
 * Where an account's credentials come from (MISSION §2, FORMATS.md §Logins and codes): the ENT
 * issues every login and activation code, and Sésame only carries what an ENT export told it.
 * `ent_status` is 'known' once an ENT export (or a table carrying the ENT's codes) named the
 * account, 'pending' while it is known only from ONDE/SIECLE/STS or typed by hand. A pending
 * account holds no activation code and no activation state: the table refuses them.
 *
 * Existing files: an account counts as known when something from the ENT touched it — read
 * from an ENT export (source ENT, or an ENT Id), found activated (only an ENT export says
 * so), or given a login or activation by an import (journal) — and the demo school, whose
 * accounts play the part of an ENT's. Every other account loses the code Sésame generated for
 * it: that code never existed in the ENT. In doubt, a code is dropped rather than kept: a
 * missing code costs one more ENT export, a false one locks a family out.
 *
 * How: the table is rebuilt as migration 006 did (SQLite cannot add a CHECK that spans columns
 * to a table), with the same indexes and search triggers.
 */
export const migration008: Migration = {
  version: 8,
  name: 'ent-status',
  rebuildsTables: true,
  sql: `
    CREATE TEMP TABLE ent_known AS
      SELECT a.id FROM account a
      WHERE a.source = 'ENT' OR a.source = 'DEMO' OR a.ent_id IS NOT NULL OR a.activated = 1
         OR EXISTS (SELECT 1 FROM journal j WHERE j.account_id = a.id AND j.action = 'import.update'
                    AND (json_type(j.after, '$.activation') IS NOT NULL OR json_type(j.after, '$.login') IS NOT NULL));

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
      -- 'known': login and activation come from the ENT; 'pending': not in the ENT yet.
      ent_status TEXT NOT NULL DEFAULT 'pending' CHECK (ent_status = 'known' OR ent_status = 'pending'),
      CHECK (activated = 0 OR activation_code IS NULL),
      CHECK (ent_status = 'known' OR (activation_code IS NULL AND activated = 0))
    ) STRICT;
    INSERT INTO account_rebuilt (id, profile, last_name, first_name, birth_date, login, alias, activation_code, activated, email, phone,
        ent_id, source, external_id, ine, local_admin, blocked, pre_deleted_at, created_at, updated_at, sort_name, search_text, ent_status)
      SELECT id, profile, last_name, first_name, birth_date, login, alias,
        CASE WHEN id IN (SELECT id FROM ent_known) THEN activation_code END, activated, email, phone,
        ent_id, source, external_id, ine, local_admin, blocked, pre_deleted_at, created_at, updated_at, sort_name, search_text,
        CASE WHEN id IN (SELECT id FROM ent_known) THEN 'known' ELSE 'pending' END
      FROM account;
    DROP TABLE account;
    ALTER TABLE account_rebuilt RENAME TO account;
    DROP TABLE ent_known;

    CREATE UNIQUE INDEX account_login ON account (login);
    CREATE UNIQUE INDEX account_alias ON account (alias) WHERE alias IS NOT NULL;
    CREATE UNIQUE INDEX account_ent_id ON account (ent_id) WHERE ent_id IS NOT NULL;
    CREATE INDEX account_external ON account (source, external_id) WHERE external_id IS NOT NULL;
    CREATE INDEX account_ine ON account (ine) WHERE ine IS NOT NULL;
    CREATE INDEX account_sort ON account (sort_name, id);
    CREATE INDEX account_profile_sort ON account (profile, sort_name);
    CREATE INDEX account_created ON account (created_at);
    CREATE INDEX account_pre_deleted ON account (pre_deleted_at) WHERE pre_deleted_at IS NOT NULL;
    CREATE INDEX account_pending ON account (sort_name) WHERE ent_status = 'pending';

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
