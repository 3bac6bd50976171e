import { basename } from 'node:path';
import type { EncryptionApi, EncryptionStatus } from '../../../shared/api/areas/encryption.ts';
import { listBackups } from '../../core/db/backup.ts';
import { keyOf, sessionRing, WrongKeyError } from '../../core/db/cipher.ts';
import { changeSchoolFileKey, encryptBackupFile, shredFile } from '../../core/db/encryption.ts';
import { connectSchoolFile, openSchoolFile } from '../../core/db/open.ts';
import { formatRecoveryKey, InvalidRecoveryKeyError, keyFingerprint, newSchoolKey, parseRecoveryKey } from '../../core/db/school-key.ts';
import { writeJournal } from '../../core/directory/journal.ts';
import { readSettings, readSettingValue, writeSettingValue } from '../../core/directory/settings.ts';
import type { CoreContext } from '../context.ts';
import { documentsOf } from '../documents.ts';
import { UserError } from '../errors.ts';
import { swapSchool, switchSchool } from '../open-school.ts';
import type { AreaHandlers } from './types.ts';

/** The fingerprint of the key whose recovery sheet was made: a new key makes a sheet due again. */
const sheetSetting = 'recoverySheetFingerprint';

const copiesNotice =
  'Des copies en clair peuvent subsister ailleurs : « Sauvegarder une copie » et exports enregistrés, clés USB, synchronisation (OneDrive…), ' +
  'et, sur un disque SSD, d’anciens blocs que le système ne laisse pas effacer.';

function status(context: CoreContext): EncryptionStatus {
  const ok = context.fileState.status === 'ok';
  const key = ok ? keyOf(context.db) : null;
  const fingerprint = key ? keyFingerprint(key) : null;
  return {
    encrypted: key !== null || context.fileState.status === 'locked',
    keyKept: context.keys.keepsKeys === true,
    fingerprint,
    sheetPending: fingerprint !== null && readSettingValue(context.db, sheetSetting) !== fingerprint,
    canMakeKeys: context.keys.keepsKeys === true,
    plainBackups: listBackups(context.filePath).filter((backup) => !backup.encrypted).map((backup) => backup.name),
  };
}

function requireOpen(context: CoreContext): void {
  if (context.fileState.status !== 'ok') throw new UserError('unavailable', 'Le fichier d’école n’est pas ouvert : saisissez sa clé de secours ou restaurez une sauvegarde.');
  if (context.jobs.running > 0) throw new UserError('conflict', 'Un travail est en cours (import, publipostage, envoi) : attendez sa fin.');
}

function requireKeyMaker(context: CoreContext): void {
  if (!context.keys.keepsKeys) {
    throw new UserError('unavailable', 'Le trousseau du système n’est pas disponible ici : Sésame ne pourrait pas garder la clé. Utilisez l’application de bureau, ou « sesame encrypt » avec SESAME_KEY.');
  }
}

/** The file under its new key, in the session: reopened with the ring that now holds the key. */
async function reopen(context: CoreContext): Promise<void> {
  swapSchool(context, await openSchoolFile(context.filePath, { keys: context.keys }), context.filePath);
}

export const encryptionHandlers: AreaHandlers<EncryptionApi> = {
  'encryption.status': (context) => status(context),

  'encryption.recoverySheet': async (context) => {
    requireOpen(context);
    const key = keyOf(context.db);
    if (!key) throw new UserError('conflict', 'Le fichier d’école n’est pas chiffré : il n’a pas de clé de secours.');
    const now = context.now();
    const fingerprint = keyFingerprint(key);
    // The PDF library loads with the first recovery sheet, not with the key's state.
    const { renderRecoverySheet } = await import('../../core/recovery-sheet/recovery-sheet-pdf.ts');
    const sheet = await renderRecoverySheet({
      schoolName: readSettings(context.db).schoolName,
      filePath: context.filePath,
      recoveryKey: formatRecoveryKey(key),
      fingerprint,
      createdAt: now,
    });
    writeSettingValue(context.db, sheetSetting, fingerprint);
    writeJournal(context.db, { action: 'encryption.recoverySheet', summary: `Fiche de secours produite (empreinte ${fingerprint})` }, now, context.actor);
    const fileName = `fiche-de-secours-${basename(context.filePath).replace(/\.[^.]+$/, '')}.pdf`;
    const documentId = documentsOf(context).keep({ fileName, pages: sheet.pages, bytes: sheet.bytes });
    return { documentId, fileName, pages: sheet.pages };
  },

  'encryption.unlock': async (context, { recoveryKey }) => {
    if (context.fileState.status !== 'locked') throw new UserError('conflict', 'Le fichier d’école est déjà ouvert.');
    let key;
    try {
      key = parseRecoveryKey(recoveryKey);
    } catch (error) {
      if (error instanceof InvalidRecoveryKeyError) throw new UserError('invalid-argument', error.message);
      throw error;
    }
    // Tried on its own first: a key that does not open this file is never kept.
    try {
      connectSchoolFile(context.filePath, sessionRing(key), { readonly: true }).close();
    } catch (error) {
      if (error instanceof WrongKeyError) throw new UserError('invalid-argument', error.message);
      throw error;
    }
    context.keys.remember(key);
    await switchSchool(context, context.filePath);
    return status(context);
  },

  'encryption.encrypt': async (context) => {
    requireOpen(context);
    requireKeyMaker(context);
    if (keyOf(context.db)) throw new UserError('conflict', 'Le fichier d’école est déjà chiffré.');
    const key = newSchoolKey();
    context.keys.remember(key);
    const outcome = await changeSchoolFileKey(context.db, context.filePath, key, context.now());
    await reopen(context);
    writeJournal(context.db, { action: 'encryption.encrypt', summary: 'Fichier d’école chiffré' }, context.now(), context.actor);
    const leftovers = outcome.plainBackups.length > 0 ? ` ${outcome.plainBackups.length} sauvegarde(s) plus ancienne(s) restent en clair : chiffrez-les ou supprimez-les.` : '';
    return { status: status(context), notice: `Le fichier d’école est chiffré ; la sauvegarde en clair faite avant a été effacée.${leftovers} ${copiesNotice}` };
  },

  'encryption.changeKey': async (context) => {
    requireOpen(context);
    requireKeyMaker(context);
    if (!keyOf(context.db)) throw new UserError('conflict', 'Le fichier d’école n’est pas chiffré : chiffrez-le d’abord.');
    const key = newSchoolKey();
    context.keys.remember(key);
    const outcome = await changeSchoolFileKey(context.db, context.filePath, key, context.now());
    await reopen(context);
    writeJournal(context.db, { action: 'encryption.changeKey', summary: `Clé du fichier changée (nouvelle empreinte ${keyFingerprint(key)})` }, context.now(), context.actor);
    return {
      status: status(context),
      notice: `Nouvelle clé en place. Imprimez la nouvelle fiche de secours ; gardez l’ancienne : elle ouvre les sauvegardes faites avant (dont ${outcome.backup ? basename(outcome.backup) : 'la dernière'}).`,
    };
  },

  'encryption.plainBackups': (context, { action }) => {
    requireOpen(context);
    const key = keyOf(context.db);
    if (action === 'encrypt' && !key) throw new UserError('conflict', 'Le fichier d’école n’est pas chiffré : chiffrez-le d’abord.');
    const plain = listBackups(context.filePath).filter((backup) => !backup.encrypted);
    for (const backup of plain) {
      if (action === 'encrypt' && key) encryptBackupFile(backup.path, key);
      else shredFile(backup.path);
    }
    const done = action === 'encrypt' ? 'chiffrée(s)' : 'effacée(s)';
    writeJournal(context.db, { action: `encryption.plainBackups.${action}`, summary: `${plain.length} sauvegarde(s) en clair ${done}` }, context.now(), context.actor);
    return { status: status(context), notice: `${plain.length} sauvegarde(s) en clair ${done}. ${copiesNotice}` };
  },
};
