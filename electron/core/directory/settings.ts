import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { defaultSchoolSettings, schoolSettingsSchema, type SchoolSettings } from '../../../shared/domain/settings.ts';

/** Settings are stored one JSON value per key, so new settings need no migration. */
export function readSettings(db: SchoolDb): SchoolSettings {
  const rows = stmt<[], { key: string; value: string }>(db, 'SELECT key, value FROM setting').all();
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  const merged = { ...defaultSchoolSettings };
  for (const key of Object.keys(defaultSchoolSettings) as (keyof SchoolSettings)[]) {
    const parsed = schoolSettingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) merged[key] = parsed.data;
  }
  return merged;
}

export function writeSettings(db: SchoolDb, changes: Partial<SchoolSettings>): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) writeSettingValue(db, key, value);
  }
}

/** One stored value of any other area (letter texts, SMTP, remembered mappings…). */
export function readSettingValue(db: SchoolDb, key: string): unknown {
  const row = stmt<[string], { value: string }>(db, 'SELECT value FROM setting WHERE key = ?').get(key);
  return row === undefined ? undefined : JSON.parse(row.value);
}

export function writeSettingValue(db: SchoolDb, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}
