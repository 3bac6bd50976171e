import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '../shared/api/client.ts';
import type { SheetsPerPage } from '../shared/domain/publipostage.ts';
import { createContext } from '../electron/api/context.ts';
import { inProcessTransport } from '../electron/api/in-process.ts';
import { openSchoolFile } from '../electron/core/db/open.ts';
import { generateSchool } from '../electron/core/directory/demo-school.ts';
import { selectAccountIds } from '../electron/core/directory/list.ts';
import { median, peakMemoryMb, report, scratchDir, timed } from './measure.ts';

/**
 * The publipostage issue's figures: 5,000 accounts of a generated school, sorted by class then
 * profile, through the API exactly as the « Générer en PDF » button calls it (selection → sheet
 * models → layout → file on disk). The school is built first, then measured in a fresh process
 * so that the peak memory is the PDF's, not the generator's.
 */
const accounts = 5000;
const targets: Record<SheetsPerPage, number> = { 8: 1000, 1: 2000, 2: 1500 };

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** One layout in its own process: the first PDF (fonts loaded then), three more, the peak memory. */
async function measure(schoolFile: string, dir: string, layout: SheetsPerPage): Promise<void> {
  const db = await openSchoolFile(schoolFile);
  const context = createContext(db, schoolFile);
  const api = createClient(inProcessTransport(context));
  const accountIds = selectAccountIds(db, {}, ['class', 'profile']).slice(0, accounts);
  const out = join(dir, `fiches-${layout}.pdf`);
  const runs: { ms: number; cpu: number }[] = [];
  const baseline = peakMemoryMb();
  let afterFirst = 0;
  for (let run = 0; run < 4; run++) {
    if (run === 1) afterFirst = peakMemoryMb();
    gc();
    const cpuBefore = process.cpuUsage();
    const { ms, value } = await timed(() =>
      api.publipostage.generate({
        jobId: `bench-${layout}-${run}`,
        target: { kind: 'accounts', accountIds },
        options: { layout, coverPages: false, handOutList: false },
        outPath: out,
        keep: false,
      }),
    );
    if (!value.ok) throw new Error(value.error.message);
    const cpu = process.cpuUsage(cpuBefore);
    runs.push({ ms, cpu: (cpu.user + cpu.system) / 1000 });
  }
  const [first, ...rest] = runs as [{ ms: number; cpu: number }, ...{ ms: number; cpu: number }[]];
  const label = `${accountIds.length} comptes, ${layout} par page`;
  report(`${label} : premier PDF (polices chargées)`, first.ms, 'ms', `≤ ${targets[layout]} ms`);
  report(`${label} : médiane des 3 suivants`, median(rest.map((r) => r.ms)), 'ms', `≤ ${targets[layout]} ms`);
  report(`${label} : temps processeur, médiane`, median(rest.map((r) => r.cpu)), 'ms');
  report(`${label} : fichier`, statSync(out).size / 1024, 'KB', layout === 8 ? '≤ 1536 KB' : undefined);
  report(`${label} : mémoire avant le premier PDF (modules, école)`, baseline, 'MB');
  report(`${label} : mémoire maximale, premier PDF`, afterFirst, 'MB', '≤ 300 MB');
  report(`${label} : mémoire maximale, après les 4 PDF`, peakMemoryMb(), 'MB', '≤ 300 MB');
  db.close();
}

if (process.argv[2] === '--school') {
  await measure(process.argv[3] as string, process.argv[4] as string, Number(process.argv[5]) as SheetsPerPage);
} else {
  const scratch = scratchDir('pdf');
  const file = join(scratch.dir, 'ecole.db');
  const setup = await openSchoolFile(file);
  const summary = generateSchool(setup, new Date(), 11);
  setup.close();
  console.log(`École générée : ${summary.accounts} comptes, ${summary.classes} classes ; tri classe puis profil, fichier écrit sur disque`);
  let status = 0;
  for (const layout of [8, 1, 2] as const) {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--school', file, scratch.dir, String(layout)], { stdio: 'inherit' });
    status ||= child.status ?? 1;
  }
  scratch.cleanup();
  process.exit(status);
}
