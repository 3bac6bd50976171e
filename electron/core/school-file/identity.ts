import type { SchoolDb } from '../db/open.ts';
import { stmt } from '../db/statements.ts';
import { demoSchoolSettings } from '../directory/demo-school.ts';
import { readSettings } from '../directory/settings.ts';
import { UserError } from '../errors.ts';
import type { SchoolSettings } from '../../../shared/domain/settings.ts';
import { frenchList } from '../../../shared/domain/wording.ts';

/**
 * What every sheet, mail and letter prints of the school: a real school's sheet must never
 * carry the demo's name, ENT address, town or signature, nor an empty one. Families given a
 * sheet with the demo's ENT address go to an address that does not exist.
 */
// The town is not checked against the demo's: a real school may well be in Nice too.
const printedIdentity: { key: keyof SchoolSettings; label: string; required: boolean }[] = [
  { key: 'schoolName', label: 'le nom de l’école', required: true },
  { key: 'entUrl', label: 'l’adresse de connexion de l’ENT', required: true },
  { key: 'signature', label: 'la signature', required: false },
];

/** What is still missing from the identity (empty, or still the demo's), in French words. */
export function missingIdentity(settings: SchoolSettings): string[] {
  return printedIdentity
    .filter(({ key, required }) => {
      const value = settings[key].trim();
      return (required && value === '') || (value !== '' && value === (demoSchoolSettings as Record<string, string>)[key]);
    })
    .map(({ label }) => label);
}

/** Whether the file holds accounts of a real school (anything but the demo's). */
export function holdsRealAccounts(db: SchoolDb): boolean {
  return stmt<[], number>(db, "SELECT EXISTS (SELECT 1 FROM account WHERE source <> 'DEMO')").pluck().get() === 1;
}

/** The missing identity of a file with real accounts; none for the demo itself, which may still print as the demo. */
export function identityToComplete(db: SchoolDb): string[] {
  return holdsRealAccounts(db) ? missingIdentity(readSettings(db)) : [];
}

/**
 * Refuses (nothing made, nothing sent) a sheet, mail, letter or export of a real school while
 * its identity is missing or still the demo's.
 */
export function requireSchoolIdentity(db: SchoolDb): void {
  const missing = identityToComplete(db);
  if (missing.length === 0) return;
  throw new UserError(
    'invalid-argument',
    `Rien n’a été produit : indiquez d’abord dans Paramètres › École ${frenchList(missing)} de votre école. ` +
      'Ils sont imprimés sur chaque fiche et chaque courriel ; ceux de l’école de démonstration ne conviennent pas.',
  );
}
