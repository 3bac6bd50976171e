import type { Selection } from './selection.ts';

/**
 * What Sésame exports, in the words the Exporter screen, the CLI and the files share.
 * The column names below are the contract between the Excel workbook and the Word letters.
 */
export const exportKinds = ['word', 'directory', 'ent-import'] as const;
export type ExportKind = (typeof exportKinds)[number];

export const exportFormats = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The formats each kind can be written in; the first is the default. */
export const formatsOfKind: Record<ExportKind, readonly ExportFormat[]> = {
  word: ['xlsx', 'csv'],
  directory: ['csv', 'xlsx'],
  'ent-import': ['csv'],
};

/**
 * Where the files go. `file` and `folder` are absolute paths chosen with « Enregistrer sous »
 * (desktop app, CLI); `download` answers with the bytes in base64 for the browser to save
 * (web mode), up to 40 Mo.
 */
export type ExportDestination = { to: 'file'; path: string } | { to: 'folder'; path: string } | { to: 'download' };

export interface ExportedFile {
  name: string;
  /** Bytes. */
  size: number;
  /** Data rows (header excluded; 0 for a letter template). */
  rows: number;
  /** Where it was written; null for a download. */
  path: string | null;
  /** The bytes, base64, for the browser to save as `name`; null when written to disk. */
  base64: string | null;
  mimeType: string;
}

export interface ExportSpec {
  kind: ExportKind;
  format: ExportFormat;
  selection: Selection;
}

/** What an export would write, shown before the user saves it. */
export interface ExportPreview {
  selected: number;
  /** Selected accounts the files leave out (ENT import: accounts the ENT already has, guests). */
  skipped: number;
  /** Why, in French (« 12 comptes ne sont pas encore dans l’ENT… »); null when none is. */
  skippedReason: string | null;
  files: { name: string; rows: number }[];
}

export interface ExportKindInfo {
  label: string;
  /** What the file is for, in one or two sentences for a school director. */
  purpose: string;
}

export const exportKindInfo: Record<ExportKind, ExportKindInfo> = {
  word: {
    label: 'Publipostage Word',
    purpose:
      'Un fichier Excel (ou CSV) avec une ligne par compte et une ligne d’en-tête dont les noms deviennent les champs de fusion de Word. ' +
      'Il sert de source de données aux lettres types élèves, parents et personnels.',
  },
  directory: {
    label: 'Annuaire complet (format ENT)',
    purpose:
      'Les 16 colonnes de l’export « Exporter des comptes » de l’ENT, pour archiver la sélection, la relire dans un tableur ' +
      'ou la réimporter dans Sésame sur un autre poste.',
  },
  'ent-import': {
    label: 'Fichiers d’import pour l’ENT',
    purpose:
      'Les comptes créés dans Sésame (ONDE, SIECLE, STS, saisie manuelle), au format des modèles d’import CSV de l’ENT : ' +
      'un fichier par profil (élèves, responsables, enseignants, personnels). Les comptes qui viennent déjà de l’ENT sont ignorés. ' +
      'Après l’import dans l’ENT, réimportez l’export de l’ENT dans Sésame pour récupérer les identifiants et codes définitifs.',
  },
};

/**
 * Header of the Word mail-merge workbook. Word turns each header into a merge field name,
 * which must start with a letter and hold only letters, digits and underscores (accents are
 * fine): « Code_activation », never « Code d'activation ».
 */
export const mergeFields = [
  'Nom',
  'Prénom',
  'Profil',
  'Classe',
  'Identifiant',
  'Code_activation',
  'Etat',
  'Courriel',
  'Téléphone',
  'Enfants',
  'Classes_enfants',
  'Etablissement',
  'Nom_ENT',
  'Adresse_ENT',
  // The day of the export in words (« 4 décembre 2026 »): the letters are dated by the merge, not when the templates were written.
  'Date',
] as const;
export type MergeField = (typeof mergeFields)[number];

export const mergeFieldPattern = /^\p{L}[\p{L}\p{N}_]{0,39}$/u;

/** Values of the « Etat » column. */
export const accountStateLabels = { activated: 'Activé', notActivated: 'Non activé' } as const;

export const letterAudiences = ['students', 'relatives', 'staff'] as const;
export type LetterAudience = (typeof letterAudiences)[number];

export const letterAudienceLabels: Record<LetterAudience, string> = {
  students: 'Lettre aux élèves',
  relatives: 'Lettre aux parents',
  staff: 'Lettre aux enseignants et personnels',
};

/** The « how to merge » note shown next to the Word export (Word 2010 and later). */
export const wordMergeSteps: readonly string[] = [
  'Enregistrez le fichier Excel des comptes et les lettres types dans un même dossier.',
  'Ouvrez la lettre qui correspond au public (élèves, parents ou personnels) dans Word.',
  'Onglet « Publipostage » : « Sélection des destinataires », puis « Utiliser une liste existante… », choisissez le fichier Excel, puis la feuille « Comptes » (cochez « La première ligne de données contient les en-têtes de colonnes »).',
  'Si le fichier contient plusieurs profils, cliquez sur « Modifier la liste de destinataires » et filtrez sur la colonne Profil.',
  'Cliquez sur « Aperçu des résultats » et parcourez quelques lettres avec les flèches.',
  'Cliquez sur « Terminer et fusionner », puis « Imprimer les documents » ou « Modifier des documents individuels ».',
];

export const wordMergeTips: readonly string[] = [
  'Les identifiants et les codes sont écrits en police Consolas, qui distingue la lettre O du zéro et la lettre l du chiffre 1.',
  'Quand la case « Code_activation » est vide, le compte est déjà activé : la lettre invite alors à utiliser « Mot de passe oublié ».',
  'Pour créer votre propre lettre : « Insérer un champ de fusion », puis le nom de la colonne ; pensez à l’espace entre deux champs.',
  'La colonne Date porte le jour de l’export du fichier Excel, en toutes lettres (« 4 décembre 2026 ») : les lettres en sont datées. Pour une autre date, changez-la dans le fichier Excel avant la fusion.',
];
