import type { Migration } from '../migrate.ts';

/**
 * Distribution follow-up: which connection sheets were handed out (per person or a whole class
 * list at once). The code printed on the sheet is kept: once the ENT issues a new code, the old
 * sheet no longer counts as handed out and the account shows up in « pas encore remises ».
 */
export const migration004: Migration = {
  version: 4,
  name: 'hand-out',
  sql: `
    CREATE TABLE hand_out (
      account_id INTEGER PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
      handed_out_at TEXT NOT NULL,
      actor TEXT NOT NULL,
      activation_code TEXT
    ) STRICT;
  `,
};
