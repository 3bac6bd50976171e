import { basename } from 'node:path';
import type { BackupInfo, BackupsApi } from '../../../shared/api/areas/backups.ts';
import { backupDirFor, backupSchoolFile, listBackups, type BackupFile } from '../../core/db/backup.ts';
import { writeJournal } from '../../core/directory/journal.ts';
import { replaceSchoolFile, startAfresh } from '../../core/school-file/replace.ts';
import { summariseSchoolFile } from '../../core/school-file/summary.ts';
import type { CoreContext } from '../context.ts';
import { UserError } from '../errors.ts';
import { swapSchool, switchSchool } from '../open-school.ts';
import type { AreaHandlers } from './types.ts';

function info(backup: BackupFile): BackupInfo {
  return { name: backup.name, createdAt: backup.createdAt.toISOString(), reason: backup.reason, sizeBytes: backup.sizeBytes, encrypted: backup.encrypted };
}

/** Only a name from the list is accepted: nothing outside the backup folder can be reached. */
function findBackup(context: CoreContext, name: string): BackupFile {
  const backup = listBackups(context.filePath).find((candidate) => candidate.name === name);
  if (!backup) throw new UserError('not-found', 'Cette sauvegarde n’existe plus dans le dossier des sauvegardes.');
  return backup;
}

function refuseWhileBusy(context: CoreContext): void {
  if (context.jobs.running > 0) {
    throw new UserError('conflict', 'Un travail est en cours (import, publipostage, envoi) : attendez sa fin ou annulez-le avant de restaurer.');
  }
}

function isDamaged(context: CoreContext): boolean {
  return context.fileState.status === 'damaged';
}

/** A locked file is sound, only its key is missing: nothing is copied, set aside or replaced until it is given. */
function refuseWhileLocked(context: CoreContext): void {
  if (context.fileState.status === 'locked') {
    throw new UserError('unavailable', 'Le fichier d’école est chiffré : saisissez d’abord sa clé de secours.');
  }
}

function formatDate(date: Date): string {
  return date.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
}

export const backupsHandlers: AreaHandlers<BackupsApi> = {
  'backups.list': ({ filePath }) => ({ folder: backupDirFor(filePath), backups: listBackups(filePath).map(info) }),

  'backups.preview': (context, { name }) => {
    const backup = findBackup(context, name);
    return { ...info(backup), ...summariseSchoolFile(backup.path, context.keys) };
  },

  'backups.create': async (context) => {
    refuseWhileLocked(context);
    if (isDamaged(context)) throw new UserError('unavailable', 'Le fichier d’école est endommagé : il ne peut pas être sauvegardé. Restaurez une sauvegarde.');
    const path = await backupSchoolFile(context.db, context.filePath, 'manual', context.now());
    return info(findBackup(context, basename(path)));
  },

  'backups.restore': async (context, { name }) => {
    refuseWhileBusy(context);
    refuseWhileLocked(context);
    const backup = findBackup(context, name);
    const { problem } = summariseSchoolFile(backup.path, context.keys);
    if (problem) throw new UserError('invalid-file', problem);
    const now = context.now();
    try {
      const { db, previousFile } = await replaceSchoolFile(isDamaged(context) ? null : context.db, context.filePath, backup.path, now, context.keys);
      writeJournal(db, { action: 'backups.restore', summary: `Sauvegarde du ${formatDate(backup.createdAt)} restaurée` }, now, context.actor);
      swapSchool(context, db, context.filePath);
      return { restored: info(backup), previousFile };
    } catch (error) {
      // The current file may already be closed: reopen whatever is in place rather than leave the session dead.
      if (!context.db.open) await switchSchool(context, context.filePath);
      throw error;
    }
  },

  'backups.startAfresh': async (context) => {
    if (!isDamaged(context)) throw new UserError('conflict', 'Le fichier d’école n’est pas endommagé : rien à mettre de côté.');
    refuseWhileBusy(context);
    const { db, previousFile } = await startAfresh(context.filePath, context.now(), context.keys);
    swapSchool(context, db, context.filePath);
    return { previousFile };
  },
};
