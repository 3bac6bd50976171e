import { app, dialog, shell, type BrowserWindow, type MessageBoxOptions, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { CoreContext } from '../api/context.ts';
import { switchSchool } from '../api/open-school.ts';
import { copySchoolFile } from '../core/db/backup.ts';
import { NewerSchoolFileError } from '../core/db/migrate.ts';
import { appVersion } from '../core/app-version.ts';
import { componentLicences } from '../core/licences.ts';
import { aboutText } from './about.ts';
import type { MenuActions } from './menu.ts';

const schoolFileFilters = [{ name: 'Fichier d’école Sésame', extensions: ['db', 'sesame'] }];

export interface ShellHooks {
  context: CoreContext;
  window(): BrowserWindow | null;
  /** A school file was opened: remember it in the recent list and rebuild the menu. */
  opened(path: string): void;
}

function localDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

// Dialogs are modal to the window when there is one.
const messageBox = (window: BrowserWindow | null, options: MessageBoxOptions) => (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
const saveDialog = (window: BrowserWindow | null, options: SaveDialogOptions) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options));
const openDialog = (window: BrowserWindow | null, options: OpenDialogOptions) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));

async function showError(window: BrowserWindow | null, message: string, detail?: string): Promise<void> {
  await messageBox(window, { type: 'error', title: 'Sésame', message, ...(detail ? { detail } : {}), buttons: ['OK'] });
}

/** Opens another school file in the running window; the current one stays if that fails. */
export async function openSchoolFileInWindow(hooks: ShellHooks, path: string): Promise<void> {
  try {
    await switchSchool(hooks.context, path, { dailyBackup: true });
    hooks.opened(path);
  } catch (error) {
    const message = error instanceof NewerSchoolFileError ? error.message : `Ce fichier ne peut pas être ouvert comme fichier d’école : ${path}`;
    await showError(hooks.window(), message);
  }
}

/** Asks before opening a web or mail link outside the app, then uses the system browser. */
export async function confirmExternalLink(window: BrowserWindow | null, url: string): Promise<void> {
  const { response } = await messageBox(window, {
    type: 'question',
    title: 'Ouvrir un lien',
    message: 'Ouvrir ce lien dans votre navigateur ?',
    detail: url,
    buttons: ['Ouvrir dans le navigateur', 'Annuler'],
    defaultId: 1,
    cancelId: 1,
  });
  if (response === 0) await shell.openExternal(url);
}

/** The menu's actions: OS dialogs here, the work in the core. */
export function schoolActions(hooks: ShellHooks): MenuActions {
  const { context } = hooks;

  return {
    async newSchool() {
      const { canceled, filePath } = await saveDialog(hooks.window(), {
        title: 'Nouvelle école',
        buttonLabel: 'Créer',
        defaultPath: join(app.getPath('documents'), 'nouvelle-ecole.db'),
        filters: schoolFileFilters,
      });
      if (canceled || !filePath) return;
      // Never turn an existing school file into an empty one.
      if (existsSync(filePath)) return showError(hooks.window(), 'Ce fichier existe déjà : choisissez un autre nom pour la nouvelle école.', filePath);
      await openSchoolFileInWindow(hooks, filePath);
    },

    async openSchool() {
      const { canceled, filePaths } = await openDialog(hooks.window(), {
        title: 'Ouvrir un fichier d’école',
        properties: ['openFile'],
        filters: schoolFileFilters,
        defaultPath: dirname(context.filePath),
      });
      const [filePath] = filePaths;
      if (!canceled && filePath) await openSchoolFileInWindow(hooks, filePath);
    },

    async openRecent(path) {
      if (!existsSync(path)) return showError(hooks.window(), 'Ce fichier d’école n’est plus à cet endroit (déplacé, supprimé, clé USB retirée ?).', path);
      await openSchoolFileInWindow(hooks, path);
    },

    async saveCopy() {
      if (context.fileState.status === 'damaged') return showError(hooks.window(), 'Le fichier d’école est endommagé : restaurez d’abord une sauvegarde.');
      const name = basename(context.filePath, extname(context.filePath));
      const { canceled, filePath } = await saveDialog(hooks.window(), {
        title: 'Sauvegarder une copie',
        buttonLabel: 'Enregistrer la copie',
        defaultPath: join(app.getPath('documents'), `${name}-copie-${localDate(new Date())}.db`),
        filters: schoolFileFilters,
      });
      if (canceled || !filePath) return;
      if (filePath === context.filePath) return showError(hooks.window(), 'Choisissez un autre fichier que le fichier d’école ouvert.');
      try {
        await copySchoolFile(context.db, filePath);
      } catch {
        await showError(hooks.window(), 'La copie n’a pas pu être enregistrée à cet endroit.', filePath);
      }
    },

    restoreBackup() {
      context.events.emit({ type: 'show-screen', screen: 'backups' });
    },

    showSettings() {
      context.events.emit({ type: 'show-screen', screen: 'settings' });
    },

    showSchoolFile() {
      shell.showItemInFolder(context.filePath);
    },

    async about() {
      const sqlite = context.db.prepare('SELECT sqlite_version()').pluck().get() as string;
      const text = aboutText(
        { app: appVersion, node: process.versions.node, sqlite, electron: process.versions.electron, chrome: process.versions.chrome },
        componentLicences,
      );
      await messageBox(hooks.window(), { type: 'info', title: 'À propos de Sésame', ...text, buttons: ['Fermer'] });
    },
  };
}
