import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileTooLargeMessage } from '../../../shared/domain/imports.ts';
import { workerEnvironment } from '../compile-cache.ts';
import { defaultReadLimits, type ReadLimits } from './read-file.ts';
import type { ParsedFile } from './records.ts';

export interface SandboxLimits extends ReadLimits {
  /** V8 heap cap of each parse worker. */
  memoryMb: number;
  timeoutMs: number;
}

export const defaultSandboxLimits: SandboxLimits = { ...defaultReadLimits, memoryMb: 512, timeoutMs: 60_000 };

export interface SandboxInput {
  name: string;
  bytes: Uint8Array;
}

export interface SandboxOptions {
  limits?: Partial<SandboxLimits>;
  signal?: AbortSignal;
  /** Called as each file is read: (files read, total, name of the file just read). */
  onProgress?: (done: number, total: number, name: string) => void;
}

export const memoryMessage =
  'La lecture de ce fichier demandait trop de mémoire : il est anormalement gros ou piégé (par exemple une bombe de ' +
  'décompression). Il n’a pas été importé.';
export const crashMessage = 'Sésame n’a pas réussi à lire ce fichier (erreur inattendue pendant la lecture). Il n’a pas été importé.';
export const timeoutMessage = (milliseconds: number) => {
  const seconds = Math.max(1, Math.round(milliseconds / 1000));
  return `La lecture de ce fichier a duré plus de ${seconds} seconde${seconds > 1 ? 's' : ''} et a été arrêtée : le fichier est anormal ou trop gros pour Sésame.`;
};

// From the sources this module is sandbox.ts beside parse-worker.ts; bundled for Electron it is
// dist/electron/main.js beside parse-worker.js (its own entry in vite.electron.config.ts).
const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.js', import.meta.url);

/**
 * Reads one file in a disposable worker thread with a heap cap and a timeout: a zip or XML
 * bomb, a pathological input or a bug in a parser (SheetJS 0.18.5 has read-side CVEs) costs
 * at most that thread. The cap bounds the V8 heap (trees, cells, strings); binary buffers sit
 * outside it and are bounded by the size limits and the archive checks instead, and CPU by the
 * timeout. Always resolves, with the parsed file or its refusal.
 */
export function readInSandbox(input: SandboxInput, limits: SandboxLimits, signal?: AbortSignal): Promise<ParsedFile> {
  const refused = (message: string): ParsedFile => ({ kind: 'refused', name: input.name, size: input.bytes.length, encoding: null, format: null, message });
  const readLimits: ReadLimits = { maxFileBytes: limits.maxFileBytes, maxRows: limits.maxRows, maxUncompressedBytes: limits.maxUncompressedBytes };
  // Refused before any copy: a 200 MB file never reaches a worker.
  if (input.bytes.length > limits.maxFileBytes) return Promise.resolve(refused(fileTooLargeMessage(input.name, input.bytes.length, limits.maxFileBytes)));

  return new Promise((resolve) => {
    // A private copy on its own ArrayBuffer (Buffers may share a pool), moved to the worker.
    const bytes = new Uint8Array(input.bytes);
    const worker = new Worker(workerUrl, {
      workerData: { name: input.name, bytes, limits: readLimits },
      transferList: [bytes.buffer],
      env: workerEnvironment(),
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
    });
    let settled = false;
    const finish = (file: ParsedFile) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      void worker.terminate();
      resolve(file);
    };
    const abort = () => finish(refused('Lecture annulée.'));
    const timer = setTimeout(() => finish(refused(timeoutMessage(limits.timeoutMs))), limits.timeoutMs);
    signal?.addEventListener('abort', abort, { once: true });
    worker.once('message', (file: ParsedFile) => finish(file));
    worker.once('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') console.error(`[sesame] lecture d’un fichier importé en échec (${error.name})`);
      finish(refused(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memoryMessage : crashMessage));
    });
    worker.once('exit', () => finish(refused(crashMessage)));
  });
}

/** Reads several files, a few workers at a time, in the order given. */
export async function readFilesInSandbox(inputs: readonly SandboxInput[], options: SandboxOptions = {}): Promise<ParsedFile[]> {
  const limits: SandboxLimits = { ...defaultSandboxLimits, ...options.limits };
  const results: ParsedFile[] = new Array(inputs.length);
  const parallel = Math.max(1, Math.min(availableParallelism(), 4, inputs.length));
  // Biggest first: the longest reading starts at once instead of waiting behind small ones.
  const queue = inputs.map((_, index) => index).sort((a, b) => (inputs[b] as SandboxInput).bytes.length - (inputs[a] as SandboxInput).bytes.length);
  let done = 0;
  const lane = async () => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      const input = inputs[index] as SandboxInput;
      results[index] = options.signal?.aborted
        ? { kind: 'refused', name: input.name, size: input.bytes.length, encoding: null, format: null, message: 'Lecture annulée.' }
        : await readInSandbox(input, limits, options.signal);
      options.onProgress?.(++done, inputs.length, input.name);
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return results;
}
