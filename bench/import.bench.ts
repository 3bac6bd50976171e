import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '../shared/api/contract.ts';
import { createContext } from '../electron/api/context.ts';
import { inProcessTransport } from '../electron/api/in-process.ts';
import { openSchoolFile } from '../electron/core/db/open.ts';
import { entExport, siecleSet } from './import-data.ts';
import { peakMemoryMb, report, scratchDir, timed } from './measure.ts';

/**
 * Import figures, each scenario in its own process so that its peak memory is its own:
 * a generated 10,000-pupil SIECLE set (pupils, guardians with addresses, nomenclature) and a
 * 20,000-row ENT Core export, each into an empty school file, through the API (sandbox,
 * planner, backup, one transaction). Target: under 2 s each.
 */
const scenario = process.argv[2];

async function run(name: string, label: string, files: Record<string, Uint8Array>): Promise<void> {
  const megabytes = Object.values(files).reduce((sum, bytes) => sum + bytes.length, 0) / 1024 / 1024;
  console.log(`${label} : ${Object.keys(files).length} fichier(s), ${megabytes.toFixed(1)} Mo`);
  const scratch = scratchDir(`import-${name}`);
  const path = join(scratch.dir, 'ecole.db');
  const db = await openSchoolFile(path);
  const api = createClient(inProcessTransport(createContext(db, path)));
  const payload = Object.entries(files).map(([fileName, bytes]) => ({ name: fileName, base64: Buffer.from(bytes).toString('base64') }));

  const cpuStart = process.cpuUsage();
  const total = await timed(async () => {
    const analysis = await timed(() => api.imports.analyse({ files: payload }));
    if (!analysis.value.ok) throw new Error(analysis.value.error.message);
    report('  analyse (lecture en bac à sable + aperçu)', analysis.ms, 'ms');
    const applied = await timed(() => api.imports.apply({ analysisId: (analysis.value as { ok: true; value: { analysisId: string } }).value.analysisId, acceptOtherSchool: true }));
    if (!applied.value.ok) throw new Error(applied.value.error.message);
    report('  application (sauvegarde + transaction)', applied.ms, 'ms');
    return applied.value.value.counts;
  });
  console.log(`  ${total.value.created} comptes créés, ${total.value.ignored} lignes ignorées, ${total.value.ambiguities} ambiguïtés`);
  report(`${label} : durée totale`, total.ms, 'ms', '< 2000 ms');
  const cpu = process.cpuUsage(cpuStart);
  // On a shared machine wall time swells with the load; CPU time (all threads) does not.
  report(`${label} : temps CPU (tous fils, dont bac à sable)`, (cpu.user + cpu.system) / 1000, 'ms');
  report(`${label} : mémoire maximale du processus`, peakMemoryMb(), 'MB');
  db.close();
  scratch.cleanup();
}

if (scenario) console.log(`Charge de la machine : ${loadavg().map((load) => load.toFixed(1)).join(' ')} (${availableParallelism()} cœurs)`);
if (scenario === 'siecle') await run('siecle', 'SIECLE 10 000 élèves + responsables', siecleSet(10_000));
else if (scenario === 'ent') await run('ent', 'Export ENT 20 000 lignes', entExport(20_000));
else {
  const self = fileURLToPath(import.meta.url);
  let failed = false;
  for (const name of ['siecle', 'ent']) failed ||= spawnSync(process.execPath, [self, name], { stdio: 'inherit' }).status !== 0;
  process.exitCode = failed ? 1 : 0;
}
