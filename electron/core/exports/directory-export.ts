import { profileLabels } from '../../../shared/domain/profile.ts';
import type { SchoolSettings } from '../../../shared/domain/settings.ts';
import { peopleNames, type ExportAccount } from './export-accounts.ts';

/**
 * The ENT Core « Exporter des comptes » layout (FORMATS.md §ENT account exports): the same 16
 * columns, names and order, so the file reads like an ENT export, in a spreadsheet and in
 * Sésame's own ENT reader.
 */
export const entExportColumns = [
  'Id',
  'Identifiant SIECLE',
  'Type',
  'Nom',
  'Prénom',
  'Identifiant',
  'Login personnalisé (Alias)',
  "Code d'activation",
  'Fonctions',
  'Établissements',
  'Classes',
  'Enfants',
  'Parents',
  'Dernière connexion',
  'Courriel',
  'Téléphone',
] as const;

/** The function the ENT writes for a local administrator. */
export const localAdminFunction = 'ADMIN_LOCAL';

export function entExportRow(account: ExportAccount, school: SchoolSettings): string[] {
  return [
    account.entId ?? '',
    // The ENT's « Identifiant SIECLE » is the pupil's or guardian's ELEVE_ID / PERSONNE_ID.
    account.source === 'SIECLE' ? (account.externalId ?? '') : '',
    profileLabels[account.profile],
    account.lastName,
    account.firstName,
    account.login,
    account.alias ?? '',
    // Empty once activated: that is how the ENT says « activé ».
    account.activationCode ?? '',
    account.localAdmin ? localAdminFunction : '',
    school.schoolName,
    account.classes.join(', '),
    peopleNames(account.children),
    peopleNames(account.guardians),
    // Sésame does not know the last ENT connection.
    '',
    account.email ?? '',
    account.phone ?? '',
  ];
}
