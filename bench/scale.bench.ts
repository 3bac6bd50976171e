import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '../shared/api/contract.ts';
import { createContext } from '../electron/api/context.ts';
import { inProcessTransport } from '../electron/api/in-process.ts';
import { enableCompileCache } from '../electron/core/compile-cache.ts';
import { openSchoolFile } from '../electron/core/db/open.ts';
import { countSelection, loadAccounts, selectAccountIds } from '../electron/core/directory/list.ts';
import { quickSearch } from '../electron/core/directory/search.ts';
import { openInChromium, scrollUsers } from './chromium.ts';
import { entExport } from './import-data.ts';
import { median, peakMemoryMb, percentile, report, scratchDir, timed } from './measure.ts';

/**
 * A 100,000-account school (issue #17): the ENT export of 100,000 accounts generated, imported
 * into an empty school file, then on that file quick search, the filtered list's first page, the
 * PDF of every card (8 per page), the Word workbook of every row, and the Utilisateurs list
 * scrolled in Chromium (the built renderer). Each step runs in its own
 * process, so that its peak memory is its own.
 */
enableCompileCache();
const accounts = 100_000;
const self = fileURLToPath(import.meta.url);
const [, , step, dir = ''] = process.argv;
const schoolFile = () => join(dir, 'ecole.db');

async function api() {
  const db = await openSchoolFile(schoolFile());
  return { db, api: createClient(inProcessTransport(createContext(db, schoolFile()))) };
}

const steps: Record<string, () => Promise<void>> = {
  async generate() {
    const [name, bytes] = Object.entries(entExport(accounts))[0] as [string, Uint8Array];
    writeFileSync(join(dir, name), bytes);
  },

  async import() {
    const bytes = readFileSync(join(dir, 'export.csv'));
    console.log(`Export ENT : ${accounts} lignes, ${(bytes.length / 1024 / 1024).toFixed(1)} Mo`);
    const { db, api: client } = await api();
    const payload = [{ name: 'export.csv', base64: bytes.toString('base64') }];
    const total = await timed(async () => {
      const analysis = await timed(() => client.imports.analyse({ files: payload }));
      if (!analysis.value.ok) throw new Error(analysis.value.error.message);
      report('  analyse (bac à sable + aperçu)', analysis.ms, 'ms');
      const applied = await timed(() => client.imports.apply({ analysisId: (analysis.value as { ok: true; value: { analysisId: string } }).value.analysisId, acceptOtherSchool: true }));
      if (!applied.value.ok) throw new Error(applied.value.error.message);
      report('  application (sauvegarde + transaction)', applied.ms, 'ms');
      return applied.value.value.counts;
    });
    console.log(`  ${total.value.created} comptes créés`);
    // What the director fills in before any sheet is made.
    const named = await client.school.updateSettings({ schoolName: 'Collège du Banc', entUrl: 'https://ent.exemple.fr' });
    if (!named.ok) throw new Error(named.error.message);
    report('import de l’export ENT (100 000 comptes)', total.ms, 'ms', '≤ 8 000 ms');
    report('import : mémoire maximale', peakMemoryMb(), 'MB', '≤ 800 MB');
    db.close();
  },

  async search() {
    const { db } = await api();
    let state = 42;
    const random = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296;
    const people = db.prepare('SELECT last_name AS lastName, first_name AS firstName, login FROM account').all() as { lastName: string; firstName: string; login: string }[];
    const typed = (text: string) => text.slice(0, 1 + Math.floor(random() * Math.min(8, text.length)));
    const queries = Array.from({ length: 1_000 }, () => {
      const person = people[Math.floor(random() * people.length)] as (typeof people)[number];
      const shape = random();
      if (shape < 0.4) return typed(person.lastName.toLowerCase());
      if (shape < 0.7) return typed(person.firstName.toLowerCase());
      if (shape < 0.9) return `${person.firstName.toLowerCase()} ${typed(person.lastName.toLowerCase())}`;
      return typed(person.login);
    });
    const measure = (label: string, target: string, run: (query: string) => unknown) => {
      for (const query of queries.slice(0, 50)) run(query);
      const times = queries.map((query) => {
        const start = performance.now();
        run(query);
        return performance.now() - start;
      });
      report(`${label} — médiane`, median(times), 'ms');
      report(`${label} — p95`, percentile(times, 95), 'ms', target);
    };
    measure('recherche rapide (10 meilleurs, fiches chargées)', '≤ 10 ms', (query) => loadAccounts(db, quickSearch(db, query, 10)));
    measure('liste filtrée par la recherche, première page (compte + 100)', '≤ 30 ms', (query) => {
      countSelection(db, { search: query });
      return loadAccounts(db, selectAccountIds(db, { search: query }, ['none', 'none'], 0, 100));
    });
    const filters = [
      { label: 'tous, tri nom', filter: {}, sort: ['none', 'none'] as const },
      { label: 'parents non activés, tri classe puis profil', filter: { profiles: ['relative' as const], activated: 'no' as const }, sort: ['class', 'profile'] as const },
      { label: 'élèves d’une classe, tri nom', filter: { classes: ['6A'] }, sort: ['none', 'none'] as const },
    ];
    for (const { label, filter, sort } of filters) {
      const times = Array.from({ length: 11 }, () => {
        const start = performance.now();
        countSelection(db, filter);
        loadAccounts(db, selectAccountIds(db, filter, [...sort], 0, 100));
        return performance.now() - start;
      });
      report(`liste filtrée, première page (${label}) — médiane`, median(times), 'ms', '≤ 30 ms');
    }
    report('recherche et listes : mémoire maximale', peakMemoryMb(), 'MB');
    db.close();
  },

  async pdf() {
    const { db, api: client } = await api();
    const out = join(dir, 'fiches.pdf');
    const { ms, value } = await timed(() =>
      client.publipostage.generate({
        jobId: 'scale-pdf',
        target: { kind: 'selection', selection: { filter: {}, sort: ['class', 'profile'] } },
        options: { layout: 8, coverPages: false, handOutList: false },
        outPath: out,
        keep: false,
      }),
    );
    if (!value.ok) throw new Error(value.error.message);
    report(`PDF de toutes les cartes, 8 par page (${value.value.sheets} fiches, ${value.value.pages} pages)`, ms, 'ms', '≤ 10 000 ms');
    report('PDF : taille du fichier', statSync(out).size / 1024 / 1024, 'Mo');
    report('PDF : mémoire maximale', peakMemoryMb(), 'MB', '≤ 500 MB');
    db.close();
  },

  async scroll() {
    const opened = await openInChromium(schoolFile());
    report('Chromium : liste Utilisateurs affichée (premier compte)', opened.listShownMs, 'ms');
    const longTasks = await scrollUsers(opened.page);
    report(`Chromium : défilement de la liste, tâches longues (${longTasks.length}), la plus longue`, Math.max(0, ...longTasks), 'ms', '≤ 100 ms');
    await opened.close();
  },

  async word() {
    const { db, api: client } = await api();
    const { ms, value } = await timed(() =>
      client.exports.create({
        kind: 'word',
        format: 'xlsx',
        selection: { filter: {}, sort: ['class', 'profile'] },
        destination: { to: 'file', path: join(dir, 'publipostage.xlsx') },
      }),
    );
    if (!value.ok) throw new Error(value.error.message);
    report(`classeur Word de toutes les lignes (${value.value.files[0]?.rows} lignes)`, ms, 'ms', '≤ 10 000 ms');
    report('classeur Word : mémoire maximale', peakMemoryMb(), 'MB');
    db.close();
  },
};

if (step && steps[step]) {
  await (steps[step] as () => Promise<void>)();
} else {
  const scratch = scratchDir('scale');
  console.log(`Charge de la machine : ${loadavg().map((load) => load.toFixed(2)).join(' ')} (${availableParallelism()} cœurs, machine partagée : chiffres bruités)`);
  mkdirSync(scratch.dir, { recursive: true });
  let failed = false;
  for (const name of ['generate', 'import', 'search', 'pdf', 'word', 'scroll']) {
    failed ||= spawnSync(process.execPath, ['--expose-gc', self, name, scratch.dir], { stdio: 'inherit' }).status !== 0;
    if (failed) break;
  }
  console.log(`Charge à la fin : ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  scratch.cleanup();
  process.exitCode = failed ? 1 : 0;
}
