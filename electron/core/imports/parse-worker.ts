import { parentPort, workerData } from 'node:worker_threads';
import { readImportFile, type ReadLimits } from './read-file.ts';

// Entry of the parse sandbox (a separate bundle entry once the main process is bundled): files
// in one at a time, plain rows out; the thread is thrown away after the import's last file, or
// as soon as one of them makes it fail.
const { limits } = workerData as { limits: ReadLimits };
parentPort?.on('message', async ({ name, bytes }: { name: string; bytes: Uint8Array }) => {
  parentPort?.postMessage(await readImportFile(name, bytes, limits));
});
