import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell as electronShell } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appEntryUrl, appScheme, ipcChannels } from '../../shared/api/bridge.ts';
import type { CoreContext } from '../api/context.ts';
import { openSchool } from '../api/open-school.ts';
import { disposeTempDocuments } from '../api/temp-documents.ts';
import { NewerSchoolFileError } from '../core/db/migrate.ts';
import { defaultSchoolFile } from '../core/paths.ts';
import { desktopContext } from './desktop.ts';
import { hardenContents, hardenSession } from './harden.ts';
import { createCallHandler, forwardEvents } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { fitWindow, loadPreferences, savePreferences, schoolFileFromArgs, withRecentFile, type Preferences } from './preferences.ts';
import { createAppProtocolHandler } from './protocol.ts';
import { confirmExternalLink, openSchoolFileInWindow, schoolActions, type ShellHooks } from './school-actions.ts';
import { appSchemePrivileges, windowOptions } from './security.ts';

/*
 * The Electron main process: one window on one school file. Everything that can be decided
 * without Electron lives in the modules it imports (and their tests); this file only wires.
 */

// Before anything else: every renderer sandboxed, our scheme known to Chromium.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');
const iconPath = join(here, '..', '..', 'build', 'icon.png');
const devTools = !app.isPackaged;

let hooks: ShellHooks | undefined;
let mainWindow: BrowserWindow | null = null;
let preferences: Preferences = { window: null, recentFiles: [] };
/** A file handed to us (macOS « open-file ») before the school was open. */
let pendingFile: string | null = null;

const preferencesFile = () => join(app.getPath('userData'), 'preferences.json');

function rememberWindow(window: BrowserWindow): void {
  preferences = { ...preferences, window: { ...window.getNormalBounds(), maximized: window.isMaximized() } };
  savePreferences(preferencesFile(), preferences);
}

function refreshMenu(hooks: ShellHooks): void {
  const template = buildMenuTemplate(schoolActions(hooks), { platform: process.platform, recentFiles: preferences.recentFiles, devTools });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** The file to open at start: the one given on the command line, else the last one, else the default. */
function initialSchoolFile(): string {
  const given = schoolFileFromArgs(process.argv, process.cwd());
  if (given && existsSync(given)) return given;
  const last = preferences.recentFiles[0];
  return last && existsSync(last) ? last : defaultSchoolFile();
}

/** Opens the school file, asking for another one while it comes from a newer Sésame; null: quit. */
async function openInitialSchool(file: string): Promise<CoreContext | null> {
  for (;;) {
    try {
      // The demo school fills the brand-new default file of a first launch, nothing else.
      const demoWhenEmpty = resolve(file) === resolve(defaultSchoolFile());
      // safeStorage answers only once the app is ready: start() runs then.
      const context = desktopContext({ shell: electronShell, safeStorage, platform: process.platform, keychainFile: join(app.getPath('userData'), 'cles-ecoles.json') });
      return await openSchool(file, { demoWhenEmpty, recoverable: true, dailyBackup: true, context });
    } catch (error) {
      if (!(error instanceof NewerSchoolFileError)) throw error;
      const { response } = await dialog.showMessageBox({ type: 'warning', title: 'Sésame', message: error.message, buttons: ['Ouvrir un autre fichier…', 'Quitter'], defaultId: 0, cancelId: 1 });
      const chosen = response === 0 ? await dialog.showOpenDialog({ properties: ['openFile'], filters: [{ name: 'Fichier d’école Sésame', extensions: ['db', 'sesame'] }] }) : null;
      const next = chosen?.filePaths[0];
      if (!next) return null;
      file = next;
    }
  }
}

function createWindow(current: CoreContext): BrowserWindow {
  const bounds = fitWindow(preferences.window, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow(windowOptions(bounds, preloadPath, { devTools, ...(existsSync(iconPath) ? { icon: iconPath } : {}) }));
  if (preferences.window?.maximized) window.maximize();
  const stopForwarding = forwardEvents(current, window.webContents, ipcChannels.event);
  window.once('ready-to-show', () => window.show());
  window.on('close', () => rememberWindow(window));
  window.on('closed', () => {
    stopForwarding();
    mainWindow = null;
  });
  void window.loadURL(appEntryUrl);
  return window;
}

async function start(): Promise<void> {
  preferences = loadPreferences(preferencesFile());
  hardenSession(session.defaultSession);
  protocol.handle(appScheme, createAppProtocolHandler(rendererDir));

  const current = await openInitialSchool(initialSchoolFile());
  if (!current) return app.quit();
  const shell: ShellHooks = {
    context: current,
    window: () => mainWindow,
    opened(path) {
      preferences = { ...preferences, recentFiles: withRecentFile(preferences.recentFiles, path) };
      savePreferences(preferencesFile(), preferences);
      app.addRecentDocument(path);
      refreshMenu(shell);
    },
  };
  hooks = shell;
  shell.opened(current.filePath);
  ipcMain.handle(ipcChannels.call, createCallHandler(current));
  mainWindow = createWindow(current);
  if (pendingFile) void openSchoolFileInWindow(shell, pendingFile);
}

/** A second launch focuses our window, and opens the school file it was given. */
function onSecondInstance(argv: string[], workingDirectory: string): void {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
  const file = schoolFileFromArgs(argv, workingDirectory);
  if (hooks && file && file !== hooks.context.filePath && existsSync(file)) void openSchoolFileInWindow(hooks, file);
}

// One Sésame at a time: two processes writing one school file is how files get damaged.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents, (url) => void confirmExternalLink(mainWindow, url));
  });
  app.on('second-instance', (_event, argv, workingDirectory) => onSecondInstance(argv, workingDirectory));
  app.on('open-file', (event, file) => {
    // macOS may hand us a file before the school is open; start() picks it up then.
    event.preventDefault();
    if (hooks) void openSchoolFileInWindow(hooks, file);
    else pendingFile = file;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    if (!hooks) return;
    // The PDFs handed to the system reader hold activation codes: gone with the app.
    disposeTempDocuments(hooks.context);
    if (hooks.context.db.open) hooks.context.db.close();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[sesame] démarrage impossible', error instanceof Error ? error.name : typeof error);
      dialog.showErrorBox('Sésame n’a pas pu démarrer', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
