import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import type { Profile } from '../../domain/profile.ts';
import { noArg } from './no-arg.ts';

import type { BackupReason } from '../../domain/backups.ts';

export { backupReasons, type BackupReason } from '../../domain/backups.ts';

export interface BackupInfo {
  /** The backup's identity: its file name in the backup folder. */
  name: string;
  /** ISO date-time. */
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
  /** False for a backup made before the school file was encrypted: anyone who copies it reads it. */
  encrypted: boolean;
}

/** What a school file holds, enough to recognise it before restoring it. */
export interface SchoolFileSummary {
  /** Empty when the school was never named. */
  schoolName: string;
  schemaVersion: number;
  accounts: number;
  byProfile: Record<Profile, number>;
  classes: number;
  /** ISO date-time of the newest journal entry: the last change the director made. */
  lastChangeAt: string | null;
}

export interface BackupPreview extends BackupInfo {
  /** Null when the backup cannot be read (see problem). */
  contents: SchoolFileSummary | null;
  /** French, why this backup cannot be restored (damaged, newer Sésame); null when it can. */
  problem: string | null;
}

export interface BackupList {
  /** The folder beside the school file that holds its backups. */
  folder: string;
  /** Newest first. */
  backups: BackupInfo[];
}

export interface RestoreOutcome {
  restored: BackupInfo;
  /**
   * Where the file that was replaced now lives, so nothing is ever lost: a backup of it
   * (reason « restore ») or, for a damaged file, the damaged file itself set aside.
   */
  previousFile: string | null;
}

export interface BackupsApi {
  'backups.list'(arg: NoArg): BackupList;
  'backups.preview'(arg: { name: string }): BackupPreview;
  /** « Sauvegarder maintenant » into the backup folder. */
  'backups.create'(arg: NoArg): BackupInfo;
  /** Replaces the school file by a backup, after backing up (or setting aside) the current one. */
  'backups.restore'(arg: { name: string }): RestoreOutcome;
  /**
   * Recovery without a usable backup: sets the damaged school file aside (kept, never deleted)
   * and starts an empty school file in its place. Refused when the file is sound.
   */
  'backups.startAfresh'(arg: NoArg): { previousFile: string };
}

/** A backup name as listed: no folder part, so no path can be smuggled in. */
const backupName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\\]+\.db$/, 'Nom de sauvegarde invalide.')
  .refine((name) => name !== '..' && !name.startsWith('.'), 'Nom de sauvegarde invalide.');

export const backupsSchemas = {
  'backups.list': noArg,
  'backups.preview': z.object({ name: backupName }).strict(),
  'backups.create': noArg,
  'backups.restore': z.object({ name: backupName }).strict(),
  'backups.startAfresh': noArg,
} satisfies ArgSchemas<BackupsApi>;
