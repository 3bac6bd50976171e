import type { Migration } from '../migrate.ts';

/**
 * The directory's search index, renewal codes and last year's teacher ↔ class links.
 *
 * The index is an external-content FTS5 table over `account.search_text` (folded words of
 * surname, first name, login and alias, computed by derivedColumns), kept in step by triggers
 * so that any writer that keeps `search_text` right keeps the index right.
 */
export const migration003: Migration = {
  version: 3,
  name: 'directory',
  sql: `
    -- One- to three-letter prefix indexes: the first keystrokes are as fast as the later ones.
    CREATE VIRTUAL TABLE account_fts USING fts5(
      search_text,
      content = 'account',
      content_rowid = 'id',
      tokenize = 'unicode61',
      prefix = '1 2 3'
    );
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
    INSERT INTO account_fts (account_fts) VALUES ('rebuild');

    -- Only a slow salted hash of the code (FORMATS.md): it is shown once, never stored in clear.
    CREATE TABLE renewal_code (
      account_id INTEGER PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
      code_hash TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) STRICT;

    -- Teachers' classes remembered per school year (the year it starts), for « copy last year's ».
    CREATE TABLE teacher_class_year (
      school_year INTEGER NOT NULL,
      account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
      class_name TEXT NOT NULL,
      PRIMARY KEY (school_year, account_id, class_name)
    ) STRICT, WITHOUT ROWID;

    CREATE INDEX account_pre_deleted ON account (pre_deleted_at) WHERE pre_deleted_at IS NOT NULL;
  `,
};
