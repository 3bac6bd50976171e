import module from 'node:module';
import { join } from 'node:path';
import { userCacheDir } from './paths.ts';

/**
 * Turns on Node's compile cache (the TypeScript it strips and the code V8 compiles, kept on
 * disk by source hash) for this process and the parse workers it starts. Sésame's Node side
 * runs from TypeScript sources: without the cache, every CLI call and every parse worker
 * strips and compiles its modules again (about 0.1 s per worker).
 *
 * The folder is the user's own cache (never the shared temporary folder, where another
 * account could plant code), and only our code is stored there, never school data. A folder
 * that cannot be written only costs the speed-up.
 */
export function enableCompileCache(): void {
  try {
    module.enableCompileCache(join(userCacheDir(), 'compile-cache'));
  } catch {
    // Not worth a word: only start-up time is at stake.
  }
}

/** The environment of a worker thread: nothing of ours but the compile cache, when on. */
export function workerEnvironment(): Record<string, string> {
  const directory = module.getCompileCacheDir();
  return directory ? { NODE_COMPILE_CACHE: directory } : {};
}
