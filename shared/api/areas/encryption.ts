import { z } from '../../domain/zod.ts';
import type { ArgSchemas, NoArg } from '../define.ts';
import { noArg } from './no-arg.ts';

/** Where the school file stands on encryption at rest, for Paramètres and the start-up banner. */
export interface EncryptionStatus {
  encrypted: boolean;
  /** The key is kept in this computer's keychain (the desktop app); else it was given for this session. */
  keyKept: boolean;
  /** Short, non-secret tag of the current key (printed on its recovery sheet). */
  fingerprint: string | null;
  /** No recovery sheet was made for the current key yet: the app asks the director for it. */
  sheetPending: boolean;
  /** A key can be made and kept here: « Chiffrer » and « Changer la clé » are offered. */
  canMakeKeys: boolean;
  /** Backups in the folder that are not encrypted (made before): names. */
  plainBackups: string[];
}

export interface RecoverySheetDocument {
  documentId: string;
  fileName: string;
  pages: number;
}

export interface EncryptionOutcome {
  status: EncryptionStatus;
  /** French: what happened, and where a plain copy may remain. */
  notice: string;
}

export interface EncryptionApi {
  'encryption.status'(arg: NoArg): EncryptionStatus;
  /** The recovery sheet (PDF, one page) of the current key; `confirm` because it shows the key. */
  'encryption.recoverySheet'(arg: { confirm: true }): RecoverySheetDocument;
  /** A locked file: the recovery key typed in opens it, and this computer keeps the key. */
  'encryption.unlock'(arg: { recoveryKey: string }): EncryptionStatus;
  /** Encrypts the plain school file (backup first, atomic swap, plain backup shredded). */
  'encryption.encrypt'(arg: NoArg): EncryptionOutcome;
  /** A new key for the encrypted file (backup first under the old key); a new sheet is then due. */
  'encryption.changeKey'(arg: NoArg): EncryptionOutcome;
  /** The plain backups made before: encrypted with the current key, or deleted (shredded). */
  'encryption.plainBackups'(arg: { action: 'encrypt' | 'delete' }): EncryptionOutcome;
}

export const encryptionSchemas = {
  'encryption.status': noArg,
  'encryption.recoverySheet': z.object({ confirm: z.literal(true) }).strict(),
  'encryption.unlock': z.object({ recoveryKey: z.string().min(1).max(200) }).strict(),
  'encryption.encrypt': noArg,
  'encryption.changeKey': noArg,
  'encryption.plainBackups': z.object({ action: z.enum(['encrypt', 'delete']) }).strict(),
} satisfies ArgSchemas<EncryptionApi>;
