import { accountStateLabels, mergeFields, type MergeField } from '../../../shared/domain/exports.ts';
import { profileLabels } from '../../../shared/domain/profile.ts';
import type { SchoolSettings } from '../../../shared/domain/settings.ts';
import { childrenClasses, peopleNames, type ExportAccount } from './export-accounts.ts';

/**
 * One row of the Word mail-merge workbook per account. A guardian's row carries the names and
 * classes of their children, the line a parents' letter needs (« Responsable de : … »).
 */
interface MergeContext {
  school: SchoolSettings;
  /** « 4 décembre 2026 ». */
  date: string;
}

const mergeValues: Record<MergeField, (account: ExportAccount, context: MergeContext) => string> = {
  Nom: (account) => account.lastName,
  Prénom: (account) => account.firstName,
  Profil: (account) => profileLabels[account.profile],
  Classe: (account) => account.classes.join(', '),
  Identifiant: (account) => account.login,
  Code_activation: (account) => account.activationCode ?? '',
  Etat: (account) => (account.activated ? accountStateLabels.activated : accountStateLabels.notActivated),
  Courriel: (account) => account.email ?? '',
  Téléphone: (account) => account.phone ?? '',
  Enfants: (account) => peopleNames(account.children),
  Classes_enfants: (account) => childrenClasses(account.children).join(', '),
  Etablissement: (_account, { school }) => school.schoolName,
  Nom_ENT: (_account, { school }) => school.entName,
  Adresse_ENT: (_account, { school }) => school.entUrl,
  Date: (_account, { date }) => date,
};

export const mergeHeader: readonly string[] = mergeFields;

const frenchDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

/** The day in French words, as letters date themselves: « 1er septembre 2026 », « 4 décembre 2026 ». */
export function mergeDate(now: Date): string {
  return frenchDate.format(now).replace(/^1 /, '1er ');
}

/** The row maker of one export: every row dated `now`. */
export function mergeRowOn(now: Date): (account: ExportAccount, school: SchoolSettings) => string[] {
  const date = mergeDate(now);
  return (account, school) => mergeFields.map((field) => mergeValues[field](account, { school, date }));
}
