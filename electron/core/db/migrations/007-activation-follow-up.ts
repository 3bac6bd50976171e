import type { Migration } from '../migrate.ts';

/**
 * Activation progress (MISSION §6): an import that carries the ENT's activation states keeps
 * how many accounts were activated, school-wide and per class, just before and just after it
 * (JSON, electron/core/directory/activation.ts). The follow-up compares each new ENT export
 * with the state it found; an undone import (undone_at) no longer counts.
 */
export const migration007: Migration = {
  version: 7,
  name: 'activation-follow-up',
  sql: `
    ALTER TABLE import_run ADD COLUMN activation TEXT;
  `,
};
