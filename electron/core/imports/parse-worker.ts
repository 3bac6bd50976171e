import { parentPort, workerData } from 'node:worker_threads';
import type { ImportFormat } from '../../../shared/domain/imports.ts';
import type { ParsedFile } from './records.ts';
import { readImportFile, type ReadLimits } from './read-file.ts';

/**
 * What a parse worker says about the file it is reading: its format as soon as known, then the
 * file as JSON text. Its rows are plain JSON data, and one string crosses threads faster than
 * tens of thousands of objects: JSON.parse rebuilds them in about half the time the structured
 * clone takes (a SIECLE guardians' file: 50 ms against 90 ms), on the thread that plans.
 */
export type ParseWorkerMessage = { kind: 'format'; format: ImportFormat } | { kind: 'file'; json: string };

// Entry of the parse sandbox (a separate bundle entry once the main process is bundled): files
// in one at a time, plain rows out; the thread is thrown away after the import's last file, or
// as soon as one of them makes it fail.
const { limits } = workerData as { limits: ReadLimits };
const say = (message: ParseWorkerMessage) => parentPort?.postMessage(message);
parentPort?.on('message', async ({ name, bytes }: { name: string; bytes: Uint8Array }) => {
  const file: ParsedFile = await readImportFile(name, bytes, limits, (format) => say({ kind: 'format', format }));
  say({ kind: 'file', json: JSON.stringify(file) });
});
