import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder } from 'vite';
import { appScheme, ipcChannels } from '../../shared/api/bridge.ts';
import { contentSecurityPolicy } from '../../shared/api/csp.ts';
import { appRoot } from '../core/resources.ts';
import { tempFolderPrefix } from '../api/temp-documents.ts';

/**
 * The bundled main process (npm run build:electron), run in plain Node with a stand-in for the
 * `electron` module (electron/test-support/electron-stub.ts): the Electron binary cannot be
 * downloaded here, but the bundle's own wiring can run — its paths to the preload and the
 * renderer, the context it opens (desktop hooks, safeStorage), the menu switching files, quit.
 */
let dir: string;
let report: Record<string, unknown>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sesame-main-bundle-'));
  const builder = await createBuilder({
    configFile: join(appRoot(), 'vite.electron.config.ts'),
    logLevel: 'silent',
    environments: { main: { build: { outDir: join(dir, 'dist', 'electron'), sourcemap: false } }, preload: { build: { outDir: join(dir, 'dist', 'electron'), sourcemap: false } } },
  });
  await builder.buildApp();
  // Laid out like the installed app: package.json (ESM) and the runtime dependencies beside dist/.
  copyFileSync(join(appRoot(), 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(appRoot(), 'node_modules'), join(dir, 'node_modules'), 'junction');
  // The renderer the protocol serves: main.js finds it at ../renderer.
  mkdirSync(join(dir, 'dist', 'renderer'));
  writeFileSync(join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Sésame</title>');
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  const { stdout } = await promisify(execFile)(process.execPath, [join(appRoot(), 'electron', 'test-support', 'main-bundle-driver.ts'), join(dir, 'dist', 'electron', 'main.js')], {
    cwd: dir,
    env: { ...process.env, SESAME_DB: join(dir, 'ecole.db'), TMPDIR: temp, TMP: temp, TEMP: temp, SESAME_TEST_DIR: dir, NODE_NO_WARNINGS: '1' },
    timeout: 60_000,
  });
  report = JSON.parse(stdout.trim().split('\n').at(-1) as string);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundled main process, on a stand-in for Electron', () => {
  it('starts without an error', () => {
    expect(report['failure']).toBeUndefined();
    expect(report['errors']).toEqual([]);
  });

  it('sandboxes every renderer and registers app:// before the app is ready', () => {
    expect(report['beforeReady']).toEqual(['enableSandbox']);
    expect(report['privileged']).toEqual([expect.objectContaining({ scheme: appScheme, privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) })]);
  });

  it('opens a hardened window on app://, with the preload the build wrote beside main.js', () => {
    expect(report['window']).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
      preloadExists: true,
      loadedUrl: 'app://sesame/index.html',
      windowOpen: { action: 'deny' },
    });
    expect((report['window'] as { navigationGuards: string[] }).navigationGuards).toEqual(expect.arrayContaining(['will-frame-navigate', 'will-redirect', 'will-attach-webview']));
    expect(report['session']).toEqual(['beforeRequest', 'devicePermission', 'displayMedia', 'permissionCheck', 'permissionRequest']);
  });

  it('serves the renderer folder beside its own with the CSP', () => {
    expect(report['page']).toEqual({ status: 200, csp: contentSecurityPolicy, text: '<!doctype html><title>Sésame</title>' });
  });

  it('answers our page on the IPC channel, and no other', () => {
    expect(report['status']).toMatchObject({ ok: true, value: { filePath: join(dir, 'ecole.db'), file: { status: 'ok' } } });
    expect(report['forbidden']).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('reads an imported file in the parse worker the build wrote beside main.js', () => {
    expect(report['imported']).toEqual([{ rows: 1, refused: null }]);
  });

  it('prints by handing the PDF to the system reader, from a private temp folder removed at quit', () => {
    expect(report['printed']).toEqual({ ok: true, value: { openedWith: 'viewer' } });
    const opened = report['opened'] as { path: string; pdf: boolean }[];
    expect(opened).toHaveLength(1);
    expect(opened[0]?.pdf).toBe(true);
    expect(opened[0]?.path.startsWith(join(dir, 'tmp', tempFolderPrefix))).toBe(true);
    expect(report['afterQuit']).toEqual({ tempFolderLeft: false });
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('saves a copy of the school file and sends the window to the backups screen from the menu', () => {
    expect(report['copy']).toBe(true);
    expect(report['screens']).toEqual([{ channel: ipcChannels.event, event: { type: 'show-screen', screen: 'backups' } }]);
  });

  it('seals the SMTP password with safeStorage, per school file, across « Nouvelle école » and the recent list', () => {
    // Two seals: the school file's key (created encrypted, key in the keychain file), then the password.
    expect(report['encrypted']).toBe(true);
    expect(report['password']).toEqual({ first: 'saved', encrypted: 2 });
    expect(report['newSchool']).toEqual({ filePath: join(dir, 'autre-ecole.db'), password: 'none' });
    expect(report['backToFirst']).toEqual({ filePath: join(dir, 'ecole.db'), password: 'saved' });
  });
});
