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

/** The entries of an archive, read from its central directory without inflating anything. */
export function listZip(bytes: Uint8Array): ZipEntry[] {
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
