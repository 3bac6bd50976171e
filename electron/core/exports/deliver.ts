import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import type { ExportDestination, ExportedFile } from '../../../shared/domain/exports.ts';

export interface FileToDeliver {
  name: string;
  tag: string;
  bytes: Uint8Array;
  rows: number;
}

/** A destination the user must change; its message is French. */
export class ExportDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportDestinationError';
  }
}

/** Web mode hands the bytes over in one JSON answer: beyond this, use the desktop app or the CLI. */
export const maxDownloadBytes = 40 * 1024 * 1024;

const mimeTypes: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function existingFolder(path: string): void {
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new ExportDestinationError(`Le dossier ${path} n’existe pas.`);
  }
}

/**
 * Target paths: a folder receives the generated names; a file path is used as is for a single
 * file, and as a stem for several (« comptes.csv » → « comptes-eleves.csv », « comptes-responsables.csv »…).
 */
export function targetPaths(files: readonly FileToDeliver[], destination: Exclude<ExportDestination, { to: 'download' }>): string[] {
  if (!isAbsolute(destination.path)) throw new ExportDestinationError('Le chemin de destination doit être complet (absolu).');
  if (destination.to === 'folder') {
    existingFolder(destination.path);
    return files.map((file) => join(destination.path, file.name));
  }
  existingFolder(dirname(destination.path));
  const wanted = extname(files[0]?.name ?? '').toLowerCase();
  const given = extname(destination.path).toLowerCase();
  if (given !== wanted) throw new ExportDestinationError(`Le fichier doit porter l’extension ${wanted} (reçu : « ${basename(destination.path)} »).`);
  if (files.length === 1) return [destination.path];
  const stem = destination.path.slice(0, destination.path.length - given.length);
  return files.map((file) => `${stem}-${file.tag}${wanted}`);
}

/** Writes next to the target then renames, so a crash never leaves half a file under the real name. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export function deliverFiles(files: readonly FileToDeliver[], destination: ExportDestination): ExportedFile[] {
  const describe = (file: FileToDeliver) => ({
    name: file.name,
    size: file.bytes.byteLength,
    rows: file.rows,
    mimeType: mimeTypes[extname(file.name).toLowerCase()] ?? 'application/octet-stream',
  });
  if (destination.to === 'download') {
    const total = files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
    if (total > maxDownloadBytes) {
      throw new ExportDestinationError('Ce fichier est trop volumineux pour être téléchargé depuis le navigateur : utilisez l’application de bureau ou la commande sesame export.');
    }
    return files.map((file) => ({ ...describe(file), path: null, base64: Buffer.from(file.bytes).toString('base64') }));
  }
  const paths = targetPaths(files, destination);
  return files.map((file, index) => {
    const path = paths[index] as string;
    writeAtomically(path, file.bytes);
    return { ...describe(file), path, base64: null };
  });
}
