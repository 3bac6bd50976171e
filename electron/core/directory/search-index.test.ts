import { describe, expect, it } from 'vitest';
import { openSchoolFile, type SchoolDb } from '../db/open.ts';
import { derivedColumns, insertAccount } from './accounts.ts';
import { quickSearch } from './search.ts';
import { withSearchIndexInBulk } from './search-index.ts';

const account = (lastName: string, firstName: string, login: string) => ({
  profile: 'student' as const,
  lastName,
  firstName,
  login,
  activationCode: null,
  source: 'ENT' as const,
  createdAt: '2025-09-01T00:00:00Z',
});

/** FTS5's own check that the index holds exactly the words of the account table (rank 1). */
function indexMatchesAccounts(db: SchoolDb): boolean {
  try {
    db.prepare("INSERT INTO account_fts (account_fts, rank) VALUES ('integrity-check', 1)").run();
    return true;
  } catch {
    return false;
  }
}

const triggers = (db: SchoolDb) => db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all();

function rename(db: SchoolDb, id: number, lastName: string, firstName: string, login: string): void {
  const derived = derivedColumns({ lastName, firstName, login, alias: null });
  db.prepare('UPDATE account SET last_name = ?, first_name = ?, login = ?, sort_name = ?, search_text = ? WHERE id = ?').run(
    lastName,
    firstName,
    login,
    derived.sortName,
    derived.searchText,
    id,
  );
}

describe('writing accounts with the search index kept in bulk', () => {
  it('finds the accounts created, the changed ones under their new names only, and not the deleted ones', async () => {
    const db = await openSchoolFile(':memory:');
    const kept = insertAccount(db, account('MARTIN', 'Héloïse', 'heloise.martin'));
    const renamed = insertAccount(db, account('DURAND', 'Léa', 'lea.durand'));
    const deleted = insertAccount(db, account('PETIT', 'Noé', 'noe.petit'));
    const before = triggers(db);

    const created = db.transaction(() =>
      withSearchIndexInBulk(db, [renamed, deleted], (added) => {
        const id = insertAccount(db, account('GUÉRIN', 'Côme', 'come.guerin'));
        added(id);
        rename(db, renamed, 'BERNARD', 'Léa', 'lea.bernard');
        db.prepare('DELETE FROM account WHERE id = ?').run(deleted);
        return id;
      }),
    )();

    expect(quickSearch(db, 'heloise', 5)).toEqual([kept]);
    expect(quickSearch(db, 'bernard', 5)).toEqual([renamed]);
    expect(quickSearch(db, 'durand', 5)).toEqual([]);
    expect(quickSearch(db, 'noe', 5)).toEqual([]);
    expect(quickSearch(db, 'guerin', 5)).toEqual([created]);
    expect(indexMatchesAccounts(db)).toBe(true);
    expect(triggers(db)).toEqual(before);

    // The triggers are back: a later single write keeps the index right on its own.
    rename(db, created, 'GUÉRIN', 'Côme', 'come.g');
    expect(quickSearch(db, 'come.g', 5)).toEqual([created]);
    expect(indexMatchesAccounts(db)).toBe(true);
    db.close();
  });

  it('leaves the triggers and the index as they were when the work fails', async () => {
    const db = await openSchoolFile(':memory:');
    const id = insertAccount(db, account('MARTIN', 'Héloïse', 'heloise.martin'));
    const before = triggers(db);

    expect(() =>
      db.transaction(() =>
        withSearchIndexInBulk(db, [id], () => {
          rename(db, id, 'BERNARD', 'Léa', 'lea.bernard');
          throw new Error('échec');
        }),
      )(),
    ).toThrow('échec');

    expect(triggers(db)).toEqual(before);
    expect(quickSearch(db, 'heloise', 5)).toEqual([id]);
    expect(indexMatchesAccounts(db)).toBe(true);
    db.close();
  });

  it('runs only inside a transaction', async () => {
    const db = await openSchoolFile(':memory:');
    expect(() => withSearchIndexInBulk(db, [], () => 0)).toThrow(/transaction/);
    db.close();
  });
});
