import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createBuilder } from 'vite';
import { openSchool } from '../electron/api/open-school.ts';
import { backupSchoolFile, listBackups } from '../electron/core/db/backup.ts';
import { assertSound } from '../electron/core/db/integrity.ts';
import { openSchoolFile } from '../electron/core/db/open.ts';
import { generateSchool } from '../electron/core/directory/demo-school.ts';
import { appRoot } from '../electron/core/resources.ts';
import { summariseSchoolFile } from '../electron/core/school-file/summary.ts';
import { median, report, scratchDir, timed } from './measure.ts';
import { hasWkhtmltopdf, writeCardsHtml } from './wkhtmltopdf.ts';

/**
 * What starting costs, as the director pays it: whole `sesame` processes (the built bundle, as
 * `npm install` leaves it), against `node -e 0`; then the desktop start's own steps on a
 * 20,000-account school (integrity check, daily backup, restore preview).
 */
const runs = 7;
const scratch = scratchDir('startup');
const sesame = join(appRoot(), 'bin', 'sesame.js');
// Writes the process's peak memory (kB) where the bench reads it (one extra run per command). On
// Linux from VmHWM: maxRSS survives exec, so a child would report this bench's own peak.
const peakProbe = `data:text/javascript,import{readFileSync,writeFileSync}from'node:fs';process.on('exit',()=>{let kb=process.resourceUsage().maxRSS;try{kb=Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status','utf8'))[1])}catch{}writeFileSync(process.env.SESAME_BENCH_PEAK,String(kb))})`;

const build = await timed(async () => {
  const builder = await createBuilder({ configFile: join(appRoot(), 'vite.electron.config.ts'), logLevel: 'silent' });
  await builder.buildApp();
});
console.log(`Paquet Node construit (npm run build:electron) en ${(build.ms / 1000).toFixed(1)} s ; charge : ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);

async function school(name: string, copies: number): Promise<string> {
  const file = join(scratch.dir, name);
  const db = await openSchoolFile(file);
  const summary = generateSchool(db, new Date(), copies);
  db.close();
  console.log(`${name} : ${summary.accounts} comptes`);
  return file;
}
const big = await school('ecole-20000.db', 40);
const cards = await school('ecole-5000.db', 10);

/**
 * Median wall time of a whole process, after one warm-up run (compile cache, the day's start-up
 * work), and the peak memory of a Node one.
 */
function processFigures(label: string, args: string[], target?: (nodeMs: number) => string, command = process.execPath): number {
  const run = (extra: string[] = [], env: NodeJS.ProcessEnv = {}) => {
    const started = performance.now();
    const child = spawnSync(command, [...extra, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`${label} : code ${child.status}\n${child.stderr}`);
    return performance.now() - started;
  };
  run();
  const times = Array.from({ length: runs }, () => run());
  const ms = median(times);
  report(`${label} (médiane de ${runs})`, ms, 'ms', target?.(nodeMs));
  if (command === process.execPath) {
    const peakFile = join(scratch.dir, 'peak');
    run(['--import', peakProbe], { SESAME_BENCH_PEAK: peakFile });
    report(`${label} : mémoire maximale`, Number(readFileSync(peakFile, 'utf8')) / 1024, 'MB');
  }
  return ms;
}

let nodeMs = 0;
nodeMs = processFigures('node -e 0', ['-e', '0']);
const help = processFigures('sesame --help', [sesame, '--help'], (node) => `≤ 3 × node -e 0 = ${(3 * node).toFixed(0)} ms`);
const list = processFigures('sesame list (20 000 comptes)', [sesame, '--db', big, 'list'], (node) => `≤ 6 × node -e 0 = ${(6 * node).toFixed(0)} ms`);
processFigures('sesame list --search (20 000 comptes)', [sesame, '--db', big, 'list', '--search', 'martin']);
const pdfOut = join(scratch.dir, 'fiches.pdf');
let wkhtmltopdfMs: number | null = null;
if (hasWkhtmltopdf()) {
  const html = join(scratch.dir, 'fiches.html');
  const count = writeCardsHtml(cards, html);
  wkhtmltopdfMs = processFigures(`wkhtmltopdf, les mêmes ${count} cartes (HTML)`, ['--quiet', html, join(scratch.dir, 'wk.pdf')], undefined, 'wkhtmltopdf');
} else console.log('wkhtmltopdf absent (apt-get install wkhtmltopdf pour comparer) : objectif pris sur les mesures de l’issue, 2,0–2,6 s');
const pdf = processFigures('sesame pdf --layout 8 (5 000 comptes)', [sesame, '--db', cards, 'pdf', '--layout', '8', '--out', pdfOut], () =>
  wkhtmltopdfMs === null ? '≤ 0,5 × wkhtmltopdf (2,0–2,6 s) ≈ 1 000 ms' : `≤ 0,5 × wkhtmltopdf = ${(wkhtmltopdfMs / 2).toFixed(0)} ms`,
);
console.log(
  `Rapports : --help ${(help / nodeMs).toFixed(1)} × node -e 0, list ${(list / nodeMs).toFixed(1)} ×, pdf ${(pdf / 1000).toFixed(2)} s` +
    (wkhtmltopdfMs === null ? '' : ` = ${(pdf / wkhtmltopdfMs).toFixed(2)} × wkhtmltopdf`),
);

// The desktop start's own steps, in this process.
const checks: number[] = [];
for (let i = 0; i < 5; i++) {
  const db = new Database(big, { readonly: true });
  checks.push((await timed(() => assertSound(db))).ms);
  db.close();
}
report('PRAGMA quick_check (20 000 comptes)', median(checks), 'ms');

const day = (n: number) => new Date(Date.UTC(2025, 8, n, 10));
const { ms: firstStartMs } = await timed(async () => (await openSchool(big, { recoverable: true, dailyBackup: true, now: () => day(1) })).db.close());
report('démarrage : ouverture + contrôle + sauvegarde du jour', firstStartMs, 'ms');
const { ms: laterStartMs } = await timed(async () => (await openSchool(big, { recoverable: true, dailyBackup: true, now: () => day(1) })).db.close());
report('démarrage suivant le même jour (sans sauvegarde)', laterStartMs, 'ms');

const db = await openSchoolFile(big);
const backups: number[] = [];
for (let n = 2; n <= 6; n++) backups.push((await timed(() => backupSchoolFile(db, big, 'daily', day(n)))).ms);
db.close();
report('sauvegarde (API de sauvegarde SQLite + rotation)', median(backups), 'ms');
const newest = listBackups(big)[0];
if (newest) report('aperçu d’une sauvegarde avant restauration', (await timed(() => summariseSchoolFile(newest.path))).ms, 'ms');
console.log(`Charge à la fin : ${loadavg().map((load) => load.toFixed(2)).join(' ')} (machine partagée : chiffres bruités)`);
scratch.cleanup();
