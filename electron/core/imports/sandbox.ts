import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileTooLargeMessage, type ImportFormat } from '../../../shared/domain/imports.ts';
import { workerEnvironment } from '../compile-cache.ts';
import { defaultReadLimits, type ReadLimits } from './read-file.ts';
import type { ParseWorkerMessage } from './parse-worker.ts';
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
  /** Threads at most at once (default: one per core, up to four). */
  workers?: number;
  /** Called as each file is read: (files read, total, name of the file just read). */
  onProgress?: (done: number, total: number, name: string) => void;
  /** The format of the file at `index` (of the inputs), as soon as its reader knows it. */
  onFormat?: (index: number, format: ImportFormat) => void;
  /** The file at `index`, read or refused, as soon as it is. */
  onFile?: (index: number, file: ParsedFile) => void;
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

const refusal = (input: SandboxInput, message: string): ParsedFile => ({
  kind: 'refused',
  name: input.name,
  size: input.bytes.length,
  encoding: null,
  format: null,
  message,
});

/**
 * A parse worker thread with a heap cap, reading the files it is handed one at a time. A zip
 * or XML bomb, a pathological input or a bug in a parser (SheetJS 0.18.5 has read-side CVEs)
 * costs at most that thread: the file it was reading is refused and the thread is thrown away
 * with everything it allocated; the next file gets a new one. The cap bounds the V8 heap
 * (trees, cells, strings); binary buffers sit outside it and are bounded by the size limits
 * and the archive checks instead, and CPU by the timeout.
 */
class ParseWorker {
  readonly #worker: Worker;
  #dead = false;

  constructor(limits: SandboxLimits) {
    const readLimits: ReadLimits = { maxFileBytes: limits.maxFileBytes, maxRows: limits.maxRows, maxUncompressedBytes: limits.maxUncompressedBytes };
    this.#worker = new Worker(workerUrl, {
      workerData: { limits: readLimits },
      env: workerEnvironment(),
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
    });
  }

  get dead(): boolean {
    return this.#dead;
  }

  /** Always resolves, with the parsed file or its refusal; after a refusal other than the file's own, the worker is dead. */
  read(input: SandboxInput, timeoutMs: number, signal?: AbortSignal, onFormat?: (format: ImportFormat) => void): Promise<ParsedFile> {
    const worker = this.#worker;
    return new Promise((resolve) => {
      // A private copy on its own ArrayBuffer (Buffers may share a pool), moved to the worker.
      const bytes = new Uint8Array(input.bytes);
      const finish = (file: ParsedFile, dies: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        worker.off('message', message);
        worker.off('error', error);
        worker.off('exit', exit);
        if (dies) this.close();
        resolve(file);
      };
      const message = (said: ParseWorkerMessage) => {
        if (said.kind === 'format') onFormat?.(said.format);
        else finish(JSON.parse(said.json) as ParsedFile, false);
      };
      const error = (failure: Error & { code?: string }) => {
        if (failure.code !== 'ERR_WORKER_OUT_OF_MEMORY') console.error(`[sesame] lecture d’un fichier importé en échec (${failure.name})`);
        finish(refusal(input, failure.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memoryMessage : crashMessage), true);
      };
      const exit = () => finish(refusal(input, crashMessage), true);
      const abort = () => finish(refusal(input, 'Lecture annulée.'), true);
      const timer = setTimeout(() => finish(refusal(input, timeoutMessage(timeoutMs)), true), timeoutMs);
      signal?.addEventListener('abort', abort, { once: true });
      worker.on('message', message);
      worker.once('error', error);
      worker.once('exit', exit);
      worker.postMessage({ name: input.name, bytes }, [bytes.buffer]);
    });
  }

  close(): void {
    this.#dead = true;
    void this.#worker.terminate();
  }
}

/**
 * Reads the files of one import, a few worker threads at a time, each thread reading its
 * share in turn (starting a thread costs more than reading a small file); results come back
 * in the order given. Every thread is thrown away at the end.
 */
export async function readFilesInSandbox(inputs: readonly SandboxInput[], options: SandboxOptions = {}): Promise<ParsedFile[]> {
  const limits: SandboxLimits = { ...defaultSandboxLimits, ...options.limits };
  const results: ParsedFile[] = new Array(inputs.length);
  // Biggest first: the longest reading starts at once instead of waiting behind small ones.
  // A file over the size limit is refused before any copy: it never reaches a worker.
  const queue = inputs
    .map((_, index) => index)
    .filter((index) => {
      const input = inputs[index] as SandboxInput;
      if (input.bytes.length <= limits.maxFileBytes) return true;
      results[index] = refusal(input, fileTooLargeMessage(input.name, input.bytes.length, limits.maxFileBytes));
      return false;
    })
    .sort((a, b) => (inputs[b] as SandboxInput).bytes.length - (inputs[a] as SandboxInput).bytes.length);
  for (const [index, file] of results.entries()) if (file) options.onFile?.(index, file);
  let done = inputs.length - queue.length;
  const parallel = Math.max(1, Math.min(options.workers ?? Math.min(availableParallelism(), 4), queue.length));
  const lane = async () => {
    let worker: ParseWorker | null = null;
    try {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        const input = inputs[index] as SandboxInput;
        if (options.signal?.aborted) results[index] = refusal(input, 'Lecture annulée.');
        else {
          if (worker === null || worker.dead) worker = new ParseWorker(limits);
          results[index] = await worker.read(input, limits.timeoutMs, options.signal, (format) => options.onFormat?.(index, format));
        }
        options.onFile?.(index, results[index] as ParsedFile);
        options.onProgress?.(++done, inputs.length, input.name);
      }
    } finally {
      worker?.close();
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return results;
}
