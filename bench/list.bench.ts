import { join } from 'node:path';
import { openSchoolFile } from '../electron/core/db/open.ts';
import { generateSchool } from '../electron/core/directory/demo-school.ts';
import { countSelection, loadAccounts, selectAccountIds } from '../electron/core/directory/list.ts';
import { peakMemoryMb, report, scratchDir, timed } from './measure.ts';

/** Foundation figure: open a 20,000-account school file and return a filtered, sorted page. */
const scratch = scratchDir('list');
const file = join(scratch.dir, 'ecole.db');
const setup = await openSchoolFile(file);
const { value: summary, ms: generateMs } = await timed(() => generateSchool(setup, new Date(), 40));
setup.close();
console.log(`École générée : ${summary.accounts} comptes, ${summary.classes} classes (${generateMs.toFixed(0)} ms)`);

const runs: { label: string; filter: Parameters<typeof countSelection>[1]; sort: ['none' | 'class' | 'profile', 'none' | 'class' | 'profile'] }[] = [
  { label: 'tous, tri nom', filter: {}, sort: ['none', 'none'] },
  { label: 'parents non activés, tri classe puis profil', filter: { profiles: ['relative'], activated: 'no' }, sort: ['class', 'profile'] },
  { label: 'classes CP A à CE1, tri classe', filter: { classes: ['CP A', 'CP B', 'CE1'] }, sort: ['class', 'none'] },
  { label: 'recherche « mart »', filter: { search: 'mart' }, sort: ['none', 'none'] },
];

for (const run of runs) {
  const { ms } = await timed(async () => {
    const db = await openSchoolFile(file);
    countSelection(db, run.filter);
    const ids = selectAccountIds(db, run.filter, run.sort, 0, 200);
    loadAccounts(db, ids);
    db.close();
  });
  report(`ouvrir + liste 200 premiers (${run.label})`, ms, 'ms');
}
const db = await openSchoolFile(file);
const { ms: allMs } = await timed(() => loadAccounts(db, selectAccountIds(db, {}, ['class', 'profile'])));
report('sélection complète triée classe/profil (20 000 comptes)', allMs, 'ms');
db.close();
report('mémoire maximale', peakMemoryMb(), 'MB');
scratch.cleanup();
