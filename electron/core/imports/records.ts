import type { AccountSource } from '../../../shared/domain/account.ts';
import type { ImportFormat } from '../../../shared/domain/imports.ts';
import type { Profile } from '../../../shared/domain/profile.ts';
import type { TableRow } from './csv.ts';

/**
 * What a reader makes of a file: plain, JSON-safe rows that cross the sandbox boundary.
 * A field left undefined means "this file says nothing about it" and never erases a value.
 */
export interface ClassRef {
  name: string;
  /** ONDE's « Identifiant classe ». */
  code?: string;
  /** ONDE's « Niveau » values, or SIECLE MEF codes resolved through the nomenclature. */
  levels?: string[];
  /** STS-Web professeur principal; undefined when the file does not say. */
  headTeacher?: boolean;
}

export type ChildRef =
  /** SIECLE: the pupil's ELEVE_ID. */
  | { by: 'external-id'; externalId: string }
  /** ONDE: surname(s), first name and class as the guardian row writes them. */
  | { by: 'name'; lastNames: string[]; firstName: string; className: string | null }
  /** ENT Core « Enfants »: "Prénom Nom" as one string. */
  | { by: 'full-name'; fullName: string };

export interface PersonRecord {
  line: number;
  profile: Profile;
  lastName: string;
  firstName: string;
  entId?: string;
  externalId?: string;
  ine?: string;
  birthDate?: string;
  login?: string;
  alias?: string;
  /** Only ENT exports say it: null means the account is activated. */
  activationCode?: string | null;
  email?: string;
  phone?: string;
  localAdmin?: boolean;
  classes?: ClassRef[];
  children?: ChildRef[];
  /** SIECLE pupils: their MEF code, for the class level. */
  mef?: string;
  /** SIECLE pupils who left (DATE_SORTIE). */
  leftOn?: string;
  /** ONDE guardians: postal address, only to tell two namesakes apart. */
  address?: string;
}

export interface ReaderIssue {
  line: number;
  message: string;
}

export interface ReaderIgnored {
  line: number;
  name: string;
  reason: string;
}

/** What every people reader returns. */
export interface PeopleData {
  records: PersonRecord[];
  errors: ReaderIssue[];
  ignored: ReaderIgnored[];
  /** SIECLE/STS: the school the export comes from. */
  uai?: string;
  /** Nomenclature: MEF code → level label (6EME…). */
  mefLevels?: Record<string, string>;
}

interface ParsedBase {
  name: string;
  size: number;
  encoding: string | null;
}

export interface ParsedPeopleFile extends ParsedBase, PeopleData {
  kind: 'people';
  format: Exclude<ImportFormat, 'table'>;
  rows: number;
}

/** A CSV/XLSX Sésame does not recognise: rows wait for the column mapping. */
export interface ParsedTableFile extends ParsedBase {
  kind: 'table';
  format: 'table';
  headers: string[];
  rows: TableRow[];
}

export interface RefusedFile extends ParsedBase {
  kind: 'refused';
  format: ImportFormat | null;
  message: string;
}

export type ParsedFile = ParsedPeopleFile | ParsedTableFile | RefusedFile;

export const formatSources: Record<ImportFormat, AccountSource> = {
  'ent-export': 'ENT',
  'ent-class-export': 'ENT',
  'onde-students': 'ONDE',
  'onde-guardians': 'ONDE',
  'siecle-students': 'SIECLE',
  'siecle-guardians': 'SIECLE',
  'siecle-nomenclature': 'SIECLE',
  sts: 'STS',
  table: 'CSV',
};

/** External ids live in one namespace per group: SIECLE pupils, SIECLE persons, STS individuals. */
export type ProfileGroup = 'student' | 'relative' | 'staff' | 'guest';

export function profileGroup(profile: Profile): ProfileGroup {
  return profile === 'teacher' || profile === 'personnel' ? 'staff' : profile;
}
