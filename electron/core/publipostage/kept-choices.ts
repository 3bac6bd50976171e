import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { readSettingValue, writeSettingValue } from '../directory/settings.ts';
import { publipostageChoicesSchema, type PublipostageChoices } from '../../../shared/domain/publipostage.ts';

/**
 * The Publipostage page's choices live in the school file's settings rather than in the
 * browser's storage: they belong to that school (another file has other classes), they survive
 * a restart in every transport (the web host's origin changes with its port, so localStorage
 * would not), and they hold no more personal data than the file itself (a filter, at most a
 * search text), encrypted with it.
 */
const key = 'publipostage.keptChoices';

/** The kept choices; null before any, after « Réinitialiser », or when an older version's no longer fit. */
export function readKeptChoices(db: SchoolDb): PublipostageChoices | null {
  const parsed = publipostageChoicesSchema.safeParse(readSettingValue(db, key));
  return parsed.success ? parsed.data : null;
}

/** Keeps the choices, or forgets them (null): the page then opens on its defaults. */
export function writeKeptChoices(db: SchoolDb, choices: PublipostageChoices | null): void {
  if (choices) writeSettingValue(db, key, choices);
  else stmt(db, 'DELETE FROM setting WHERE key = ?').run(key);
}
