import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { openSchoolFile } from '../electron/core/db/open.ts';
import { generateSchool } from '../electron/core/directory/demo-school.ts';
import { createContext } from '../electron/api/context.ts';
import { inProcessTransport } from '../electron/api/in-process.ts';
import { createClient } from '../shared/api/contract.ts';
import { peakMemoryMb, report, scratchDir, timed } from './measure.ts';

/** Issue 7: the Word mail-merge workbook of a 20,000-account school, and the other exports. */
const scratch = scratchDir('export');
const file = join(scratch.dir, 'ecole.db');
const setup = await openSchoolFile(file);
const { value: summary, ms: generateMs } = await timed(() => generateSchool(setup, new Date(), 40));
setup.close();
console.log(`École générée : ${summary.accounts} comptes, ${summary.classes} classes (${generateMs.toFixed(0)} ms)`);

const db = await openSchoolFile(file);
const api = createClient(inProcessTransport(createContext(db, file)));
const everyone = { filter: {}, sort: ['class', 'profile'] as ['class', 'profile'] };
const baseline = peakMemoryMb();

const xlsxPath = join(scratch.dir, 'publipostage.xlsx');
const { value: xlsx, ms: xlsxMs } = await timed(() =>
  api.exports.create({ kind: 'word', format: 'xlsx', selection: everyone, destination: { to: 'file', path: xlsxPath } }),
);
if (!xlsx.ok) throw new Error(xlsx.error.message);
report(`XLSX publipostage Word (${xlsx.value.files[0]?.rows} lignes, tri classe/profil)`, xlsxMs, 'ms', '< 3 s');
report('taille du fichier XLSX', (xlsx.value.files[0]?.size ?? 0) / 1024 / 1024, 'Mo');
report('mémoire maximale après l’export XLSX', peakMemoryMb(), 'MB', '< 500 Mo');
console.log(`(mémoire avant l’export : ${baseline.toFixed(0)} MB)`);

for (const [label, kind, format] of [
  ['CSV publipostage Word', 'word', 'csv'],
  ['CSV annuaire ENT (16 colonnes)', 'directory', 'csv'],
  ['CSV imports ENT (4 fichiers)', 'ent-import', 'csv'],
] as const) {
  const { value, ms } = await timed(() => api.exports.create({ kind, format, selection: everyone, destination: { to: 'folder', path: scratch.dir } }));
  if (!value.ok) throw new Error(value.error.message);
  report(label, ms, 'ms');
}
const { ms: templatesMs } = await timed(() => api.exports.wordTemplates({ destination: { to: 'folder', path: scratch.dir } }));
report('3 lettres types Word (.docx)', templatesMs, 'ms');

// Read back outside the timing: the workbook must hold every account.
const rows = XLSX.utils.sheet_to_json(XLSX.read(readFileSync(xlsxPath)).Sheets['Comptes'] as XLSX.WorkSheet).length;
if (rows !== summary.accounts) throw new Error(`Le classeur contient ${rows} lignes au lieu de ${summary.accounts}.`);
report('mémoire maximale', peakMemoryMb(), 'MB');
db.close();
scratch.cleanup();
