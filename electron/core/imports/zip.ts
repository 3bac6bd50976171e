import { unzipSync } from 'fflate';
import { formatMegabytes } from '../../../shared/domain/imports.ts';
import { refuse } from './refusal.ts';

export interface ZipEntry {
  name: string;
  /** Compressed and declared uncompressed sizes, from the archive's directory. */
  size: number;
  originalSize: number;
}

export const damagedArchiveMessage =
  'Ce fichier compressé (classeur Excel ou archive ZIP) est incomplet ou abîmé : Sésame ne peut pas le lire. ' +
  'Téléchargez-le ou enregistrez-le de nouveau.';

export const encryptedArchiveMessage =
  'Archive protégée par mot de passe : ses fichiers sont chiffrés et Sésame ne peut pas les lire. ' +
  'Ouvrez-la avec son mot de passe, puis importez les fichiers qu’elle contient.';

/**
 * Whether an entry of the central directory carries the « encrypted » flag (bit 0 of its
 * general purpose flags, APPNOTE 4.4.4). fflate does not say, and inflates the ciphertext as
 * if it were data: such an archive imported nothing, without a word.
 */
function hasEncryptedEntry(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end of central directory record: 22 bytes, then a comment of up to 65,535.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end === -1) return false; // fflate refuses it as damaged
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let k = 0; k < count && at + 46 <= bytes.length; k++) {
    if (view.getUint32(at, true) !== 0x02014b50) return false;
    if (view.getUint16(at + 8, true) & 1) return true;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return false;
}

/** The entries of an archive, read from its central directory without inflating anything. */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  if (bytes.length >= 22 && hasEncryptedEntry(bytes)) refuse(encryptedArchiveMessage);
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push({ name: file.name, size: file.size, originalSize: file.originalSize });
        return false;
      },
    });
  } catch {
    refuse(damagedArchiveMessage);
  }
  if (entries.length === 0) refuse(damagedArchiveMessage);
  return entries;
}

/**
 * Refuses archives that announce far more data than any school export holds, or an absurd
 * compression ratio. An archive lying in its directory is stopped by the sandbox's memory cap.
 */
export function refuseZipBomb(entries: ZipEntry[], maxUncompressedBytes: number): void {
  const total = entries.reduce((sum, entry) => sum + entry.originalSize, 0);
  const worst = entries.reduce((a, b) => (b.originalSize / Math.max(1, b.size) > a.originalSize / Math.max(1, a.size) ? b : a));
  const ratio = Math.round(worst.originalSize / Math.max(1, worst.size));
  if (total > maxUncompressedBytes || (worst.originalSize > 5 * 1024 * 1024 && ratio > 500)) {
    refuse(
      `Ce fichier compressé se décompresserait en ${formatMegabytes(total)} (jusqu’à ${ratio} fois sa taille) : ` +
        'c’est le signe d’un fichier piégé (« bombe de décompression »). Il n’a pas été ouvert.',
    );
  }
}

/**
 * Inflates every entry with fflate, whose output buffers have exactly the size the directory
 * declares (checked by refuseZipBomb first): an archive lying about its sizes yields truncated,
 * unreadable entries, never an unbounded allocation. Call only after refuseZipBomb.
 */
export function unzipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes);
  } catch {
    return refuse(damagedArchiveMessage);
  }
}

export function extractZipEntry(bytes: Uint8Array, name: string): Uint8Array {
  try {
    const files = unzipSync(bytes, { filter: (file) => file.name === name });
    const data = files[name];
    if (data) return data;
  } catch {
    // reported below
  }
  return refuse(damagedArchiveMessage);
}
