import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appEntryUrl, appScheme, ipcChannels } from '../../shared/api/bridge.ts';
import { keychainRing } from '../core/db/keychain.ts';
import { connectSchoolFile } from '../core/db/open.ts';
import { safeStorageCipher, type SafeStorageLike } from '../main/safe-storage.ts';

/*
 * Runs the bundled main process (argv[2]: dist/electron/main.js) in plain Node with
 * electron-stub.ts in place of `electron`, plays a desktop session through what Electron would
 * call (app ready, the app:// protocol, the IPC channel, the menu, quit) and prints one JSON
 * report for electron/main/main-bundle.test.ts. Environment: SESAME_DB (the default school
 * file), TMPDIR (the temp folder), SESAME_TEST_DIR (the user-data and documents folders).
 */

const stubUrl = new URL('./electron-stub.ts', import.meta.url).href;
registerHooks({
  resolve: (specifier, context, next) => (specifier === 'electron' ? { url: stubUrl, shortCircuit: true, format: 'module' } : next(specifier, context)),
});

type Stub = typeof import('./electron-stub.ts');
const electron = (await import(stubUrl)) as Stub;
const testDir = process.env['SESAME_TEST_DIR'] as string;
electron.app.userData = join(testDir, 'userData');
electron.app.documents = testDir;

const mainJs = process.argv[2] as string;
const report: Record<string, unknown> = {};

async function until<T>(what: string, probe: () => T | undefined | null | false): Promise<T> {
  for (let tries = 0; tries < 500; tries++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface MenuItem {
  label?: string;
  sublabel?: string;
  submenu?: MenuItem[];
  click?: () => void;
}
function menuItem(path: string[]): MenuItem {
  let items = ((electron.Menu.current as { template: MenuItem[] }).template ?? []) as MenuItem[];
  let found: MenuItem | undefined;
  for (const label of path) {
    found = items.find((item) => item.label === label || item.sublabel === label);
    if (!found) throw new Error(`no menu item ${path.join(' > ')}`);
    items = found.submenu ?? [];
  }
  return found as MenuItem;
}

try {
  await import(pathToFileURL(mainJs).href);
  report['beforeReady'] = [...electron.app.calls];
  report['privileged'] = electron.protocol.privileged;

  electron.app.becomeReady();
  const window = await until('the window', () => electron.BrowserWindow.all[0]);
  const preferences = window.options['webPreferences'] as Record<string, unknown>;
  report['window'] = {
    webPreferences: preferences,
    preloadExists: existsSync(preferences['preload'] as string),
    loadedUrl: window.loadedUrl,
    windowOpen: window.webContents.windowOpenHandler?.({ url: 'app://sesame/index.html' }) ?? null,
    navigationGuards: window.webContents.eventNames(),
  };
  report['session'] = [...electron.session.defaultSession.handlers.keys()].sort();

  const serve = electron.protocol.handlers.get(appScheme);
  const page = await serve?.(new Request(appEntryUrl));
  report['page'] = { status: page?.status, csp: page?.headers.get('content-security-policy'), text: await page?.text() };

  const call = electron.ipcMain.handlers.get(ipcChannels.call) as (event: unknown, method: string, arg: unknown) => Promise<{ ok: boolean; value?: never; error?: unknown }>;
  const trusted = { senderFrame: { url: appEntryUrl, parent: null } };
  const status = await call(trusted, 'system.status', {});
  report['status'] = status;
  report['forbidden'] = await call({ senderFrame: { url: 'https://exemple.fr/', parent: null } }, 'system.status', {});

  // « Imprimer »: the PDF goes to the system reader through a private temp file.
  const schoolFile = process.env['SESAME_DB'] as string;
  // The app created it encrypted, its key in the keychain file sealed by the stand-in safeStorage.
  const keys = keychainRing(join(electron.app.userData, 'cles-ecoles.json'), safeStorageCipher(electron.safeStorage as unknown as SafeStorageLike, 'linux'));
  report['encrypted'] = keys.keys().length > 0;
  const reader = connectSchoolFile(schoolFile, keys, { readonly: true });
  const accountIds = reader.prepare("SELECT id FROM account WHERE profile = 'student' ORDER BY id LIMIT 2").pluck().all() as number[];
  reader.close();
  const generated = await call(trusted, 'publipostage.generate', {
    jobId: 'impression',
    target: { kind: 'accounts', accountIds },
    options: { layout: 8, coverPages: false, handOutList: false },
    outPath: null,
    keep: true,
  });
  const documentId = (generated.value as unknown as { documentId: string } | undefined)?.documentId;
  report['printed'] = await call(trusted, 'publipostage.openDocument', { documentId, purpose: 'print' });
  report['opened'] = electron.shell.opened.map(({ path, bytes }) => ({ path, pdf: bytes.subarray(0, 5).toString('latin1') === '%PDF-' }));

  // Imports read each file in a worker thread started from parse-worker.js beside main.js.
  const csv = Buffer.from('Nom;Prénom;Classe\nMARTIN;Emma;CP A\n', 'utf8').toString('base64');
  const analysis = await call(trusted, 'imports.analyse', { files: [{ name: 'eleves.csv', base64: csv }] });
  const files = (analysis.value as unknown as { files: { rows: number; refused: string | null }[] } | undefined)?.files;
  report['imported'] = analysis.ok ? files?.map(({ rows, refused }) => ({ rows, refused })) : analysis.error;

  // The SMTP password, sealed by safeStorage in the school file.
  await call(trusted, 'mail.updateSettings', { password: 'Tr3s-s3cret' });
  const passwordOf = async () => ((await call(trusted, 'mail.settings', {})).value as unknown as { password: string }).password;
  report['password'] = { first: await passwordOf(), encrypted: electron.safeStorage.encrypted };

  // Fichier › Nouvelle école…: another file, its own (empty) secret store.
  const other = join(testDir, 'autre-ecole.db');
  electron.dialog.saveAnswers.push({ canceled: false, filePath: other });
  menuItem(['Fichier', 'Nouvelle école…']).click?.();
  const filePathOf = async () => ((await call(trusted, 'system.status', {})).value as unknown as { filePath: string }).filePath;
  for (let tries = 0; tries < 200 && (await filePathOf()) !== other; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  report['newSchool'] = { filePath: await filePathOf(), password: await passwordOf() };

  // Fichier › Ouvrir un fichier récent › the first school: its password again.
  menuItem(['Fichier', 'Ouvrir un fichier récent', schoolFile]).click?.();
  for (let tries = 0; tries < 200 && (await filePathOf()) !== schoolFile; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  report['backToFirst'] = { filePath: await filePathOf(), password: await passwordOf() };

  // Fichier › Sauvegarder une copie… and › Restaurer une sauvegarde… (the window shows its screen).
  const copy = join(testDir, 'copie.db');
  electron.dialog.saveAnswers.push({ canceled: false, filePath: copy });
  menuItem(['Fichier', 'Sauvegarder une copie…']).click?.();
  await until('the copy', () => existsSync(copy));
  menuItem(['Fichier', 'Restaurer une sauvegarde…']).click?.();
  report['copy'] = existsSync(copy);
  report['screens'] = window.webContents.sent.filter(({ event }) => (event as { type: string }).type === 'show-screen');

  // Quitting removes what was handed to the reader.
  electron.app.emit('will-quit');
  const folder = electron.shell.opened[0] ? dirname(dirname(electron.shell.opened[0].path)) : null;
  report['afterQuit'] = { tempFolderLeft: folder ? existsSync(folder) : null };
  report['errors'] = electron.dialog.errors;
} catch (error) {
  report['failure'] = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
}

process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
