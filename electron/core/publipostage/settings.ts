import type { SchoolDb } from '../db/open.ts';
import { readSettingValue, writeSettingValue } from '../directory/settings.ts';
import {
  accountStates,
  audiences,
  defaultLetterTexts,
  letterTextSchema,
  type LetterTexts,
  type LetterTextsChange,
} from '../../../shared/domain/letters.ts';
import { sheetsPerPageSchema, type PublipostageSettings, type SheetsPerPage } from '../../../shared/domain/publipostage.ts';

const textsKey = 'publipostage.texts';
const layoutKey = 'publipostage.defaultLayout';

/** The stored texts, text by text: one damaged or outdated entry falls back to its default alone. */
export function readLetterTexts(db: SchoolDb): LetterTexts {
  const stored = readSettingValue(db, textsKey) as Record<string, Record<string, unknown> | undefined> | undefined;
  const texts = structuredClone(defaultLetterTexts);
  for (const audience of audiences) {
    for (const state of accountStates) {
      const parsed = letterTextSchema.safeParse(stored?.[audience]?.[state]);
      if (parsed.success) texts[audience][state] = parsed.data;
    }
  }
  return texts;
}

export function writeLetterTexts(db: SchoolDb, change: LetterTextsChange): LetterTexts {
  const texts = readLetterTexts(db);
  for (const audience of audiences) {
    for (const state of accountStates) {
      const text = change[audience]?.[state];
      if (text) texts[audience][state] = text;
    }
  }
  writeSettingValue(db, textsKey, texts);
  return texts;
}

export function readDefaultLayout(db: SchoolDb): SheetsPerPage {
  const parsed = sheetsPerPageSchema.safeParse(readSettingValue(db, layoutKey));
  return parsed.success ? parsed.data : 8;
}

export function readPublipostageSettings(db: SchoolDb): PublipostageSettings {
  return { texts: readLetterTexts(db), defaultLayout: readDefaultLayout(db) };
}

export function writePublipostageSettings(
  db: SchoolDb,
  change: { texts?: LetterTextsChange; defaultLayout?: SheetsPerPage },
): PublipostageSettings {
  if (change.texts) writeLetterTexts(db, change.texts);
  if (change.defaultLayout !== undefined) writeSettingValue(db, layoutKey, change.defaultLayout);
  return readPublipostageSettings(db);
}

