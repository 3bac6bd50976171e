import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The folder holding package.json: the repository when running from the sources, the
 * `app.asar` of an installed app when bundled. Found by walking up from this module, which
 * works whether it runs from electron/core/ or from dist/electron/ (Electron reads inside the asar).
 */
export function appRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the application code');
    dir = parent;
  }
  root = dir;
  return dir;
}

/** A file of the top-level resources/ folder, shipped with the app (electron-builder.yml `files`). */
export function resourcePath(...parts: string[]): string {
  return join(appRoot(), 'resources', ...parts);
}
