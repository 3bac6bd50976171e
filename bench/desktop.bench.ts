import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createBuilder } from 'vite';
import { openSchoolFile } from '../electron/core/db/open.ts';
import { generateSchool } from '../electron/core/directory/demo-school.ts';
import { appRoot } from '../electron/core/resources.ts';
import { enableCompileCache } from '../electron/core/compile-cache.ts';
import { openInChromium, scrollUsers } from './chromium.ts';
import { median, report, scratchDir } from './measure.ts';

/**
 * The desktop app's first window on a 20,000-account school: the built main process on the
 * electron stand-in (process start → main.js loaded → window made → first IPC answered), then
 * the renderer in Chromium (first paint, the Utilisateurs list's first row, long tasks while scrolling).
 */
// As npm run web does: the host's modules compiled once.
enableCompileCache();
const scratch = scratchDir('desktop');
const file = join(scratch.dir, 'ecole.db');
const db = await openSchoolFile(file);
console.log(`École générée : ${generateSchool(db, new Date(), 40).accounts} comptes ; charge : ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
db.close();

const builder = await createBuilder({ configFile: join(appRoot(), 'vite.electron.config.ts'), logLevel: 'silent' });
await builder.buildApp();

const runs = Array.from({ length: 7 }, (_, run) => {
  const home = join(scratch.dir, `session-${run}`);
  mkdirSync(home);
  const child = spawnSync(process.execPath, [join(appRoot(), 'bench', 'desktop-start.ts'), join(appRoot(), 'dist', 'electron', 'main.js')], {
    env: { ...process.env, SESAME_DB: file, SESAME_TEST_DIR: home, TMPDIR: home, NODE_NO_WARNINGS: '1' },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as { ok: boolean; stubLoaded: number; mainLoaded: number; windowMade: number; firstIpc: number };
});
if (!runs.every((run) => run.ok)) throw new Error('school.info did not answer');
report('processus principal : bouchon electron chargé (coût du banc)', median(runs.map((run) => run.stubLoaded)), 'ms');
report('processus principal : main.js chargé', median(runs.map((run) => run.mainLoaded)), 'ms');
report('processus principal : école ouverte, fenêtre créée', median(runs.map((run) => run.windowMade)), 'ms');
report('processus principal : première réponse IPC (school.info)', median(runs.map((run) => run.firstIpc)), 'ms');

const opened = await openInChromium(file);
report('Chromium : premier affichage (first-contentful-paint)', opened.firstPaintMs, 'ms');
report('Chromium : liste Utilisateurs affichée (premier compte)', opened.listShownMs, 'ms');
const longTasks = await scrollUsers(opened.page);
report(`Chromium : défilement, tâches longues (${longTasks.length}), la plus longue`, Math.max(0, ...longTasks), 'ms', '≤ 100 ms');
await opened.close();
scratch.cleanup();
