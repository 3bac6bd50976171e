import type { Migration } from '../migrate.ts';

/** The first schema: school settings, accounts, classes, links and the journal. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE setting (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE account (
      id INTEGER PRIMARY KEY,
      profile TEXT NOT NULL CHECK (profile IN ('student', 'relative', 'teacher', 'personnel', 'guest')),
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
    CREATE UNIQUE INDEX account_login ON account (login);
    CREATE UNIQUE INDEX account_alias ON account (alias) WHERE alias IS NOT NULL;
    CREATE UNIQUE INDEX account_ent_id ON account (ent_id) WHERE ent_id IS NOT NULL;
    CREATE INDEX account_external ON account (source, external_id) WHERE external_id IS NOT NULL;
    CREATE INDEX account_ine ON account (ine) WHERE ine IS NOT NULL;
    CREATE INDEX account_sort ON account (sort_name, id);
    CREATE INDEX account_profile_sort ON account (profile, sort_name);
    CREATE INDEX account_created ON account (created_at);

    CREATE TABLE class (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      level TEXT,
      external_code TEXT,
      sort_name TEXT NOT NULL
    ) STRICT;

    CREATE TABLE account_class (
      account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
      class_id INTEGER NOT NULL REFERENCES class (id) ON DELETE CASCADE,
      head_teacher INTEGER NOT NULL DEFAULT 0 CHECK (head_teacher IN (0, 1)),
      PRIMARY KEY (account_id, class_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX account_class_by_class ON account_class (class_id, account_id);

    CREATE TABLE guardian_link (
      guardian_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
      child_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
      PRIMARY KEY (guardian_id, child_id),
      CHECK (guardian_id <> child_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX guardian_link_by_child ON guardian_link (child_id, guardian_id);

    -- Fields the director typed by hand: a later import shows a conflict instead of overwriting.
    CREATE TABLE manual_edit (
      account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
      field TEXT NOT NULL,
      edited_at TEXT NOT NULL,
      PRIMARY KEY (account_id, field)
    ) STRICT, WITHOUT ROWID;

    -- No foreign key on account_id: the journal outlives purged accounts.
    CREATE TABLE journal (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      account_id INTEGER,
      summary TEXT NOT NULL,
      before TEXT,
      after TEXT
    ) STRICT;
    CREATE INDEX journal_by_account ON journal (account_id, id);
    CREATE INDEX journal_by_time ON journal (at);
  `,
};
