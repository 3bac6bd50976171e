import type { Profile } from './profile.ts';

// No zod here: the parse sandbox loads this module in every worker (the schema lives in the API area).

/** Every kind of file Sésame recognises from its content (FORMATS.md). */
export const importFormats = [
  'ent-export',
  'ent-class-export',
  'onde-students',
  'onde-guardians',
  'siecle-students',
  'siecle-guardians',
  'siecle-nomenclature',
  'sts',
  'table',
] as const;
export type ImportFormat = (typeof importFormats)[number];

export const importFormatLabels: Record<ImportFormat, string> = {
  'ent-export': 'Export des comptes ENT',
  'ent-class-export': 'Publipostage ENT d’une classe',
  'onde-students': 'ONDE — élèves',
  'onde-guardians': 'ONDE — responsables',
  'siecle-students': 'SIECLE — élèves',
  'siecle-guardians': 'SIECLE — responsables',
  'siecle-nomenclature': 'SIECLE — nomenclatures (niveaux)',
  sts: 'STS-Web — enseignants et personnels',
  table: 'Tableau CSV ou Excel (colonnes à associer)',
};

const mebibyte = 1024 * 1024;

/**
 * Explicit limits of the import sandbox. The biggest real exports (a 3,000-pupil lycée's
 * ResponsablesAvecAdresses.xml) stay under 20 MB; anything far beyond is refused unread.
 */
export const importLimits = {
  maxFileBytes: 50 * mebibyte,
  maxTotalBytes: 80 * mebibyte,
  maxFiles: 12,
  maxRows: 200_000,
} as const;

/** What one `imports.analyse` call may weigh once base64-encoded in JSON (web host body limit). */
export const maxImportRequestBytes = Math.ceil((importLimits.maxTotalBytes * 4) / 3) + mebibyte;

export function formatMegabytes(bytes: number): string {
  return `${(bytes / mebibyte).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** « 812 octets », « 12 Ko », « 3,4 Mo ». */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octet${bytes > 1 ? 's' : ''}`;
  if (bytes < mebibyte) return `${Math.round(bytes / 1024)} Ko`;
  return formatMegabytes(bytes);
}

export function fileTooLargeMessage(name: string, size: number, limit: number = importLimits.maxFileBytes): string {
  return (
    `« ${name} » pèse ${formatMegabytes(size)} : c’est plus que les ${formatMegabytes(limit)} qu’accepte Sésame. ` +
    'Aucun export d’école n’est aussi gros : vérifiez qu’il s’agit du bon fichier.'
  );
}

/** The columns a generic CSV/XLSX can feed, in the order the mapping step shows them. */
export const mappingFields = [
  'profile',
  'lastName',
  'firstName',
  'birthDate',
  'login',
  'alias',
  'activationCode',
  'email',
  'phone',
  'classes',
  'ine',
  'externalId',
] as const;
export type MappingField = (typeof mappingFields)[number];

export const mappingFieldLabels: Record<MappingField, string> = {
  profile: 'Profil',
  lastName: 'Nom',
  firstName: 'Prénom',
  birthDate: 'Date de naissance',
  login: 'Login',
  alias: 'Alias',
  activationCode: 'Code d’activation ou mot de passe provisoire',
  email: 'Courriel',
  phone: 'Téléphone',
  classes: 'Classes',
  ine: 'INE',
  externalId: 'Identifiant SIECLE / STS',
};

export const requiredMappingFields: readonly MappingField[] = ['lastName', 'firstName'];

export interface ColumnMapping {
  /** Column index (0-based) of each field; a field left out is not imported. */
  columns: Partial<Record<MappingField, number>>;
  /** The profile of every row when no column says it. */
  profile: Profile | null;
}

/** A mapping can be used once it names the names and a profile (a column or a fixed one). */
export function missingMappingFields(mapping: ColumnMapping): MappingField[] {
  const missing = requiredMappingFields.filter((field) => mapping.columns[field] === undefined);
  if (mapping.columns.profile === undefined && mapping.profile === null) missing.unshift('profile');
  return missing;
}

/** Account fields an import can change, as the preview names them. */
export const importFieldLabels = {
  profile: 'Profil',
  lastName: 'Nom',
  firstName: 'Prénom',
  birthDate: 'Date de naissance',
  login: 'Login',
  alias: 'Alias',
  activation: 'Code d’activation',
  email: 'Courriel',
  phone: 'Téléphone',
  entId: 'Identifiant ENT',
  externalId: 'Identifiant SIECLE / STS',
  ine: 'INE',
  localAdmin: 'Administrateur local',
  blocked: 'Bloqué',
  classes: 'Classes',
  children: 'Enfants',
} as const;
export type ImportField = keyof typeof importFieldLabels;

export type { Profile };
