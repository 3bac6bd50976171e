import type { PeopleData } from '../records.ts';
import { at, attrOf, childrenNamed, textOf, type XmlDocument } from '../xml.ts';
import { optional } from './values.ts';

/** `Nomenclature.xml`: MEF code → level label (`FORMATION`, e.g. 6EME). No people. */
export function readSiecleNomenclature(xml: XmlDocument): PeopleData {
  const root = xml.root();
  const mefLevels: Record<string, string> = {};
  for (const mef of childrenNamed(at(root, 'DONNEES', 'MEFS'), 'MEF')) {
    const code = attrOf(mef, 'CODE_MEF');
    const label = textOf(mef, 'FORMATION') || textOf(mef, 'LIBELLE_EDITION') || textOf(mef, 'LIBELLE_LONG');
    if (code && label) mefLevels[code] = label;
  }
  return { records: [], errors: [], ignored: [], mefLevels, uai: optional(textOf(at(root, 'PARAMETRES'), 'UAJ')) };
}
