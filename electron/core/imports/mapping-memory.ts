import { createHash } from 'node:crypto';
import type { SchoolDb } from '../db/open.ts';
import { readSettingValue, writeSettingValue } from '../directory/settings.ts';
import { columnMappingSchema } from '../../../shared/api/areas/imports.ts';
import type { ColumnMapping } from '../../../shared/domain/imports.ts';
import { normaliseHeader } from './headers.ts';

/** One setting per header set: the same console export maps itself the next time. */
function mappingKey(headers: readonly string[]): string {
  const signature = headers.map(normaliseHeader).join('|');
  return `imports.mapping.${createHash('sha256').update(signature).digest('hex').slice(0, 24)}`;
}

export function rememberedMapping(db: SchoolDb, headers: readonly string[]): ColumnMapping | null {
  const parsed = columnMappingSchema.safeParse(readSettingValue(db, mappingKey(headers)));
  return parsed.success ? parsed.data : null;
}

export function rememberMapping(db: SchoolDb, headers: readonly string[], mapping: ColumnMapping): void {
  writeSettingValue(db, mappingKey(headers), mapping);
}

const mefLevelsKey = 'imports.siecle.mefLevels';

/** MEF code → level label, kept from every Nomenclature.xml imported so far. */
export function rememberedMefLevels(db: SchoolDb): Record<string, string> {
  const stored = readSettingValue(db, mefLevelsKey);
  if (typeof stored !== 'object' || stored === null) return {};
  return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function rememberMefLevels(db: SchoolDb, levels: Record<string, string>): void {
  writeSettingValue(db, mefLevelsKey, { ...rememberedMefLevels(db), ...levels });
}
