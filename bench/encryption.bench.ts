import { join } from 'node:path';
import { createClient } from '../shared/api/contract.ts';
import { createContext } from '../electron/api/context.ts';
import { inProcessTransport } from '../electron/api/in-process.ts';
import { sessionRing } from '../electron/core/db/cipher.ts';
import { enableCompileCache } from '../electron/core/compile-cache.ts';
import { openSchoolFile } from '../electron/core/db/open.ts';
import { newSchoolKey } from '../electron/core/db/school-key.ts';
import { countSelection, loadAccounts, selectAccountIds } from '../electron/core/directory/list.ts';
import { quickSearch } from '../electron/core/directory/search.ts';
import { writeSettings } from '../electron/core/directory/settings.ts';
import { entExport } from './import-data.ts';
import { median, report, scratchDir, timed } from './measure.ts';

/**
 * Encryption at rest, what it costs: the same work on a plain and on an encrypted school file,
 * in one process, the two modes alternated three times so that the machine's load falls on both:
 * import of a 20,000-row ENT export, open + list, search, PDF of 5,000 cards (8 per page).
 * Target: the encrypted file at most 15 % slower on each.
 */
enableCompileCache();
const scratch = scratchDir('encryption');
const files = entExport(20_000);
const payload = Object.entries(files).map(([name, bytes]) => ({ name, base64: Buffer.from(bytes).toString('base64') }));
const queries = ['mar', 'martin', 'dup', 'le', 'ber', 'tho', 'ca', 'ni'];
const modes = { plain: null, encrypted: newSchoolKey() } as const;
type Mode = keyof typeof modes;
const figures: Record<Mode, Record<string, number[]>> = { plain: {}, encrypted: {} };
const keep = (mode: Mode, step: string, ms: number) => (figures[mode][step] ??= []).push(ms);

async function round(mode: Mode, index: number): Promise<void> {
  const keys = sessionRing(modes[mode]);
  const path = join(scratch.dir, `ecole-${mode}-${index}.db`);
  const db = await openSchoolFile(path, { keys });
  const context = createContext(db, path, { keys });
  const api = createClient(inProcessTransport(context));
  keep(mode, 'import de 20 000 lignes (ENT)', (await timed(async () => {
    const analysis = await api.imports.analyse({ files: payload });
    if (!analysis.ok) throw new Error(analysis.error.message);
    const applied = await api.imports.apply({ analysisId: analysis.value.analysisId, acceptOtherSchool: true });
    if (!applied.ok) throw new Error(applied.error.message);
  })).ms);
  db.close();

  keep(mode, 'ouvrir + liste des 200 premiers (tri classe/profil)', (await timed(async () => {
    const again = await openSchoolFile(path, { keys });
    countSelection(again, {});
    loadAccounts(again, selectAccountIds(again, {}, ['class', 'profile'], 0, 200));
    again.close();
  })).ms);

  const reader = await openSchoolFile(path, { keys });
  // A real school's identity: no sheet is printed without one.
  writeSettings(reader, { schoolName: 'École élémentaire Jules Ferry', entUrl: 'https://ent.ecole.example' });
  keep(mode, `recherche (${queries.length} saisies, 10 meilleurs)`, (await timed(() => {
    for (const query of queries) loadAccounts(reader, quickSearch(reader, query, 10));
  })).ms);
  const readerContext = createContext(reader, path, { keys });
  const pdfApi = createClient(inProcessTransport(readerContext));
  const accountIds = selectAccountIds(reader, {}, ['class', 'profile']).slice(0, 5000);
  keep(mode, `PDF de ${accountIds.length} cartes (8 par page)`, (await timed(async () => {
    const result = await pdfApi.publipostage.generate({
      jobId: `bench-${mode}-${index}`,
      target: { kind: 'accounts', accountIds },
      options: { layout: 8, coverPages: false, handOutList: false },
      outPath: join(scratch.dir, `fiches-${mode}-${index}.pdf`),
      keep: false,
    });
    if (!result.ok) throw new Error(result.error.message);
  })).ms);
  reader.close();
}

// A first round of each, not counted: fonts, statement caches and the sandbox warm up.
await round('plain', 0);
await round('encrypted', 0);
figures.plain = {};
figures.encrypted = {};
for (let index = 1; index <= 3; index++) {
  await round(index % 2 ? 'plain' : 'encrypted', index);
  await round(index % 2 ? 'encrypted' : 'plain', index + 10);
}
let over = 0;
for (const step of Object.keys(figures.plain)) {
  const plain = median(figures.plain[step] as number[]);
  const encrypted = median(figures.encrypted[step] as number[]);
  const extra = (encrypted / plain - 1) * 100;
  if (extra > 15) over++;
  report(`${step} — en clair`, plain, 'ms');
  report(`${step} — chiffré`, encrypted, 'ms');
  report(`${step} — surcoût du chiffrement`, extra, '%', '≤ 15 %');
}
scratch.cleanup();
if (over > 0) console.log(`${over} mesure(s) au-delà de 15 % (machine partagée : relancer avant de conclure).`);
