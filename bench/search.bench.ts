import { openSchoolFile } from '../electron/core/db/open.ts';
import { generateSchool } from '../electron/core/directory/demo-school.ts';
import { countSelection, loadAccounts, selectAccountIds } from '../electron/core/directory/list.ts';
import { quickSearch } from '../electron/core/directory/search.ts';
import { median, peakMemoryMb, percentile, report } from './measure.ts';

/**
 * Search as you type on a 20,000-account school: 1,000 queries such as a director types them,
 * the first one to eight letters of a surname, a first name, « prénom nom » or a login.
 */
const db = await openSchoolFile(':memory:');
const summary = generateSchool(db, new Date(), 40);
console.log(`École générée : ${summary.accounts} comptes`);

// A fixed seed: the same 1,000 queries on every run.
let state = 42;
const random = () => ((state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
const people = db.prepare('SELECT last_name AS lastName, first_name AS firstName, login FROM account').all() as {
  lastName: string;
  firstName: string;
  login: string;
}[];
const typed = (text: string) => text.slice(0, 1 + Math.floor(random() * Math.min(8, text.length)));
const queries = Array.from({ length: 1_000 }, () => {
  const person = people[Math.floor(random() * people.length)] as (typeof people)[number];
  const shape = random();
  if (shape < 0.4) return typed(person.lastName.toLowerCase());
  if (shape < 0.7) return typed(person.firstName.toLowerCase());
  if (shape < 0.9) return `${person.firstName.toLowerCase()} ${typed(person.lastName.toLowerCase())}`;
  return typed(person.login);
});

const measure = (label: string, run: (query: string) => unknown) => {
  for (const query of queries.slice(0, 50)) run(query); // warm the statement cache and the pages
  const times = queries.map((query) => {
    const start = performance.now();
    run(query);
    return performance.now() - start;
  });
  report(`${label} — médiane`, median(times), 'ms');
  report(`${label} — p95`, percentile(times, 95), 'ms', '< 10 ms');
  report(`${label} — max`, Math.max(...times), 'ms');
};

measure('recherche rapide (10 meilleurs, fiches chargées)', (query) => loadAccounts(db, quickSearch(db, query, 10)));
measure('liste filtrée par la recherche (compte + 100 premiers)', (query) => {
  countSelection(db, { search: query });
  return loadAccounts(db, selectAccountIds(db, { search: query }, ['none', 'none'], 0, 100));
});
report('mémoire maximale', peakMemoryMb(), 'MB');
db.close();
