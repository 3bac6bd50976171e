import type { Shell } from 'electron';
import type { ContextOverrides, DesktopHooks } from '../api/context.ts';
import { keychainRing } from '../core/db/keychain.ts';
import { safeStorageCipher, safeStorageSecrets, type SafeStorageLike } from './safe-storage.ts';

/**
 * The desktop hooks of the core (CoreContext.desktop): what the window may not do itself
 * (it opens no new window, runs no program), done by the main process on its behalf.
 *
 * « Imprimer » opens the PDF in the system's PDF reader, where the user prints with the
 * printer's own settings (paper, duplex, tray). No `printPdf` on purpose: printing a PDF from a
 * hidden window needs Chromium's PDF viewer (plugins, an extension frame, file: URLs), all of
 * which the hardened session refuses, and it could not be tried on a real Electron here.
 */
export function desktopHooks(shell: Pick<Shell, 'openPath'>): DesktopHooks {
  return {
    async openPath(path) {
      // shell.openPath answers an error message, or '' once the application is launched.
      const problem = await shell.openPath(path);
      if (problem) throw new Error(problem);
    },
  };
}

/**
 * What the main process adds to the context of every school file it opens: the desktop hooks,
 * the SMTP password sealed by safeStorage in that file (made again at each switch of file), and
 * the school files' keys sealed by safeStorage in `keychainFile` (userData/cles-ecoles.json).
 */
export function desktopContext(electron: {
  shell: Pick<Shell, 'openPath'>;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  keychainFile?: string;
}): ContextOverrides {
  return {
    desktop: desktopHooks(electron.shell),
    secretsFor: safeStorageSecrets(electron.safeStorage, electron.platform),
    ...(electron.keychainFile ? { keys: keychainRing(electron.keychainFile, safeStorageCipher(electron.safeStorage, electron.platform)) } : {}),
  };
}
