import { parentPort, workerData } from 'node:worker_threads';
import { readImportFile, type ReadLimits } from './read-file.ts';

// Entry of the parse sandbox (a separate bundle entry once the main process is bundled):
// one file in, plain rows out; the thread is then thrown away with everything it allocated.
const { name, bytes, limits } = workerData as { name: string; bytes: Uint8Array; limits: ReadLimits };
parentPort?.postMessage(await readImportFile(name, bytes, limits));
