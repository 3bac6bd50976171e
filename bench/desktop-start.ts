import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appEntryUrl, ipcChannels } from '../shared/api/bridge.ts';

/*
 * The desktop start, timed from this process's start: the built main process (argv[2]) on the
 * electron stand-in the tests use, the school file of SESAME_DB. Prints one JSON line: when
 * main.js was loaded, when the window was made, when the first IPC call was answered.
 */
const stubUrl = new URL('../electron/test-support/electron-stub.ts', import.meta.url).href;
registerHooks({
  resolve: (specifier, context, next) => (specifier === 'electron' ? { url: stubUrl, shortCircuit: true, format: 'module' } : next(specifier, context)),
});
const electron = (await import(stubUrl)) as typeof import('../electron/test-support/electron-stub.ts');
const testDir = process.env['SESAME_TEST_DIR'] as string;
electron.app.userData = join(testDir, 'userData');
electron.app.documents = testDir;

const stubLoaded = performance.now();
await import(pathToFileURL(process.argv[2] as string).href);
const mainLoaded = performance.now();
electron.app.becomeReady();
let call: ((event: unknown, method: string, arg: unknown) => Promise<{ ok: boolean }>) | undefined;
while (!(call = electron.ipcMain.handlers.get(ipcChannels.call) as typeof call) || !electron.BrowserWindow.all[0]) await new Promise((resolve) => setImmediate(resolve));
const windowMade = performance.now();
const answer = await call({ senderFrame: { url: appEntryUrl, parent: null } }, 'school.info', {});
const firstIpc = performance.now();
process.stdout.write(`${JSON.stringify({ ok: answer.ok, stubLoaded, mainLoaded, windowMade, firstIpc })}\n`);
process.exit(0);
