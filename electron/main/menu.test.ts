import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { aboutText } from './about.ts';
import { componentLicences } from '../core/licences.ts';
import { buildMenuTemplate, type MenuActions } from './menu.ts';

function recordingActions() {
  const done: string[] = [];
  const actions: MenuActions = {
    newSchool: () => done.push('newSchool'),
    openSchool: () => done.push('openSchool'),
    openRecent: (path) => done.push(`openRecent ${path}`),
    saveCopy: () => done.push('saveCopy'),
    restoreBackup: () => done.push('restoreBackup'),
    showSettings: () => done.push('showSettings'),
    showSchoolFile: () => done.push('showSchoolFile'),
    about: () => done.push('about'),
  };
  return { actions, done };
}

const items = (menu: MenuItemConstructorOptions | undefined) => (menu?.submenu as MenuItemConstructorOptions[]) ?? [];
const labels = (menu: MenuItemConstructorOptions | undefined) => items(menu).filter((item) => item.type !== 'separator').map((item) => item.label);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('the application menu', () => {
  it('is in French: Fichier, Édition, Affichage, Aide', () => {
    const { actions } = recordingActions();
    const menu = buildMenuTemplate(actions, { platform: 'win32', recentFiles: [], devTools: false });
    expect(menu.map((item) => item.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
    expect(labels(menu[0])).toEqual([
      'Nouvelle école…',
      'Ouvrir…',
      'Ouvrir un fichier récent',
      'Sauvegarder une copie…',
      'Restaurer une sauvegarde…',
      'Afficher le fichier d’école dans le dossier',
      'Paramètres…',
      'Quitter',
    ]);
    expect(labels(menu[1])).toEqual(['Annuler', 'Rétablir', 'Couper', 'Copier', 'Coller', 'Tout sélectionner']);
    expect(labels(menu[3])).toEqual(['À propos de Sésame']);
  });

  it('labels every item, so no English role label shows on Windows or Linux', () => {
    const { actions } = recordingActions();
    const walk = (list: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => list.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? walk(item.submenu) : [])]);
    const all = walk(buildMenuTemplate(actions, { platform: 'linux', recentFiles: ['/a.db'], devTools: true }));
    expect(all.filter((item) => item.type !== 'separator' && !item.label)).toEqual([]);
  });

  it('runs the file actions', () => {
    const { actions, done } = recordingActions();
    const [file] = buildMenuTemplate(actions, { platform: 'win32', recentFiles: ['/ecoles/jules-ferry.db'], devTools: false });
    for (const item of items(file)) click(item);
    click(items(items(file)[2])[0]);
    expect(done).toEqual(['newSchool', 'openSchool', 'saveCopy', 'restoreBackup', 'showSchoolFile', 'showSettings', 'openRecent /ecoles/jules-ferry.db']);
  });

  it('lists the recent school files, or says there is none', () => {
    const { actions } = recordingActions();
    const recent = (files: string[]) => items(items(buildMenuTemplate(actions, { platform: 'win32', recentFiles: files, devTools: false })[0])[2]);
    expect(recent([])).toEqual([{ label: 'Aucun fichier récent', enabled: false }]);
    expect(recent(['/ecoles/jules-ferry.db', '/ecoles/pasteur.db']).map((item) => item.label)).toEqual(['jules-ferry.db', 'pasteur.db']);
  });

  it('offers reload and developer tools only in development', () => {
    const { actions } = recordingActions();
    const view = (devTools: boolean) => labels(buildMenuTemplate(actions, { platform: 'win32', recentFiles: [], devTools })[2]);
    expect(view(false)).not.toContain('Outils de développement');
    expect(view(true)).toContain('Outils de développement');
  });

  it('follows macOS habits: an application menu first, Quitter and Paramètres in it', () => {
    const { actions } = recordingActions();
    const menu = buildMenuTemplate(actions, { platform: 'darwin', recentFiles: [], devTools: false });
    expect(menu.map((item) => item.label)).toEqual(['Sésame', 'Fichier', 'Édition', 'Affichage', 'Aide']);
    expect(labels(menu[0])).toContain('Quitter Sésame');
    expect(labels(menu[1])).not.toContain('Quitter');
  });
});

describe('« À propos de Sésame »', () => {
  it('shows the versions, the privacy promise and every licence', () => {
    const { message, detail } = aboutText({ app: '0.1.0', node: '22.20.0', sqlite: '3.50.4', electron: '45.4.1', chrome: '142.0' }, componentLicences);
    expect(message).toBe('Sésame 0.1.0');
    expect(detail).toContain('Electron 45.4.1 · Chromium 142.0 · Node.js 22.20.0 · SQLite 3.50.4');
    expect(detail).toMatch(/Aucune statistique d’usage/);
    expect(detail).toContain('• xlsx (Apache-2.0)');
    expect(detail).toContain('SIL Open Font License 1.1');
  });
});
