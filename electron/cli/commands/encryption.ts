import { writeFileSync } from 'node:fs';
import { keyOf, sessionRing } from '../../core/db/cipher.ts';
import { changeSchoolFileKey } from '../../core/db/encryption.ts';
import { openSchoolFile } from '../../core/db/open.ts';
import { formatRecoveryKey, keyFingerprint, newSchoolKey } from '../../core/db/school-key.ts';
import { writeJournal } from '../../core/directory/journal.ts';
import { readSettings } from '../../core/directory/settings.ts';
import { renderRecoverySheet } from '../../core/recovery-sheet/recovery-sheet-pdf.ts';
import { swapSchool } from '../../api/open-school.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { CommandError } from '../usage.ts';

async function convert({ context }: CliIo, key: Buffer | null, summary: string): Promise<string | null> {
  const outcome = await changeSchoolFileKey(context.db, context.filePath, key, context.now());
  swapSchool(context, await openSchoolFile(context.filePath, { keys: sessionRing(key) }), context.filePath);
  writeJournal(context.db, { action: summary === 'Fichier d’école chiffré' ? 'encryption.encrypt' : 'encryption.decrypt', summary }, context.now(), context.actor);
  return outcome.backup;
}

/**
 * `sesame encrypt`: with SESAME_KEY or --key-file, that key; without, a new key whose recovery
 * sheet is written to --sheet (required then: a key nobody has would lock the school out).
 */
export const encryptCommand: CliCommand = {
  options: { sheet: { type: 'string' } },
  async run(io, values) {
    const { context, out } = io;
    if (keyOf(context.db)) throw new CommandError('Ce fichier d’école est déjà chiffré.');
    const sheetPath = values['sheet'] as string | undefined;
    const given = io.key ?? null;
    if (!given && !sheetPath) throw new CommandError('Sans clé donnée (SESAME_KEY ou --key-file), indiquez --sheet FICHIER.pdf : la fiche de secours de la nouvelle clé y sera écrite.');
    const key = given ?? newSchoolKey();
    await convert(io, key, 'Fichier d’école chiffré');
    if (sheetPath) {
      const sheet = await renderRecoverySheet({ schoolName: readSettings(context.db).schoolName, filePath: context.filePath, recoveryKey: formatRecoveryKey(key), fingerprint: keyFingerprint(key), createdAt: context.now() });
      writeFileSync(sheetPath, sheet.bytes, { mode: 0o600 });
      out(`Fiche de secours écrite : ${sheetPath} (imprimez-la et rangez-la à part, puis effacez ce fichier).`);
    }
    out(`Fichier d’école chiffré (empreinte de la clé : ${keyFingerprint(key)}). La sauvegarde en clair faite avant a été effacée.`);
  },
};

/** `sesame decrypt`: the file back to plain SQLite (backup first, under the key). */
export const decryptCommand: CliCommand = {
  options: {},
  async run(io) {
    if (!keyOf(io.context.db)) throw new CommandError('Ce fichier d’école n’est pas chiffré.');
    const backup = await convert(io, null, 'Fichier d’école déchiffré');
    io.out(`Fichier d’école déchiffré : il est désormais lisible par tout outil SQLite. Sauvegarde chiffrée faite avant : ${backup ?? '—'}.`);
  },
};
