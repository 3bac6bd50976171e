import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

/** What the menu items do; main.ts wires them to dialogs and the open school. */
export interface MenuActions {
  newSchool(): void;
  openSchool(): void;
  openRecent(path: string): void;
  saveCopy(): void;
  restoreBackup(): void;
  showSettings(): void;
  showSchoolFile(): void;
  about(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  recentFiles: readonly string[];
  /** Reload and developer tools, in development only. */
  devTools: boolean;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The French application menu. Every label is spelled out: Electron's role labels are English
 * on Windows and Linux.
 */
export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] = options.recentFiles.length
    ? options.recentFiles.map((path) => ({ label: basename(path), sublabel: path, toolTip: path, click: () => actions.openRecent(path) }))
    : [{ label: 'Aucun fichier récent', enabled: false }];
  const about: MenuItemConstructorOptions = { label: 'À propos de Sésame', click: () => actions.about() };
  const settings: MenuItemConstructorOptions = { label: 'Paramètres…', accelerator: 'CmdOrCtrl+,', click: () => actions.showSettings() };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Sésame',
          submenu: [
            about,
            separator,
            settings,
            separator,
            { role: 'hide', label: 'Masquer Sésame' },
            { role: 'hideOthers', label: 'Masquer les autres' },
            { role: 'unhide', label: 'Tout afficher' },
            separator,
            { role: 'quit', label: 'Quitter Sésame' },
          ],
        },
      ]
    : [];

  return [
    ...appMenu,
    {
      label: 'Fichier',
      submenu: [
        { label: 'Nouvelle école…', accelerator: 'CmdOrCtrl+N', click: () => actions.newSchool() },
        { label: 'Ouvrir…', accelerator: 'CmdOrCtrl+O', click: () => actions.openSchool() },
        { label: 'Ouvrir un fichier récent', submenu: recent },
        separator,
        { label: 'Sauvegarder une copie…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveCopy() },
        { label: 'Restaurer une sauvegarde…', click: () => actions.restoreBackup() },
        { label: 'Afficher le fichier d’école dans le dossier', click: () => actions.showSchoolFile() },
        ...(mac ? [] : [separator, settings, separator, { role: 'quit', label: 'Quitter' } as MenuItemConstructorOptions]),
      ],
    },
    {
      label: 'Édition',
      submenu: [
        { role: 'undo', label: 'Annuler' },
        { role: 'redo', label: 'Rétablir' },
        separator,
        { role: 'cut', label: 'Couper' },
        { role: 'copy', label: 'Copier' },
        { role: 'paste', label: 'Coller' },
        { role: 'selectAll', label: 'Tout sélectionner' },
      ],
    },
    {
      label: 'Affichage',
      submenu: [
        { role: 'zoomIn', label: 'Agrandir le texte' },
        { role: 'zoomOut', label: 'Réduire le texte' },
        { role: 'resetZoom', label: 'Taille normale' },
        separator,
        { role: 'togglefullscreen', label: 'Plein écran' },
        ...(options.devTools
          ? [separator, { role: 'reload', label: 'Recharger' }, { role: 'toggleDevTools', label: 'Outils de développement' }] as MenuItemConstructorOptions[]
          : []),
      ],
    },
    {
      label: 'Aide',
      submenu: [about],
    },
  ];
}
