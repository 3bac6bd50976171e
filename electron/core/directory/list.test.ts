import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountFilter } from '../../../shared/domain/selection.ts';
import { testSchool, type TestSchool } from '../../test-support/school.ts';
import { openSchoolFile } from '../db/open.ts';
import { generateSchool } from './demo-school.ts';
import { countSelection, loadAccounts, selectAccountIds } from './list.ts';

describe('selecting accounts with the shared filter model', () => {
  let school: TestSchool;
  const count = (sql: string) => school.context.db.prepare(sql).pluck().get() as number;

  beforeAll(async () => {
    school = await testSchool({ demo: true });
  });
  afterAll(() => school.cleanup());

  it('selects everyone when there is no filter', () => {
    expect(countSelection(school.context.db, {}).total).toBe(count('SELECT count(*) FROM account'));
  });

  it.each<[string, AccountFilter, string]>([
    ['parents', { profiles: ['relative'] }, "profile = 'relative'"],
    ['not activated', { activated: 'no' }, 'activated = 0'],
    ['activated', { activated: 'yes' }, 'activated = 1'],
    ['with an e-mail', { email: 'yes' }, "coalesce(email, '') <> ''"],
    ['without an e-mail', { email: 'no' }, "coalesce(email, '') = ''"],
    ['local admins', { localAdmin: 'yes' }, 'local_admin = 1'],
    ['created since', { createdSince: '2026-08-01' }, "created_at >= '2026-08-01'"],
    ['created before', { createdBefore: '2026-08-01' }, "created_at < '2026-08-01'"],
    ['teachers and staff, not activated', { profiles: ['teacher', 'personnel'], activated: 'no' }, "profile IN ('teacher', 'personnel') AND activated = 0"],
  ])('%s', (_label, filter, where) => {
    const expected = count(`SELECT count(*) FROM account WHERE ${where}`);
    expect(expected).toBeGreaterThan(0);
    expect(countSelection(school.context.db, filter).total).toBe(expected);
  });

  it('puts guardians under their children’s class', () => {
    const ids = selectAccountIds(school.context.db, { classes: ['CE2-CM1'], profiles: ['relative'] }, ['none', 'none']);
    expect(ids.length).toBeGreaterThan(10);
    for (const account of loadAccounts(school.context.db, ids)) {
      expect(account.children.some((child) => child.classes.includes('CE2-CM1'))).toBe(true);
    }
  });

  it('finds a multi-level class by either of its levels', () => {
    const byCe2 = selectAccountIds(school.context.db, { levels: ['CE2'], profiles: ['student'] }, ['none', 'none']);
    const byCm1 = selectAccountIds(school.context.db, { levels: ['CM1'], profiles: ['student'] }, ['none', 'none']);
    const ce2cm1 = selectAccountIds(school.context.db, { classes: ['CE2-CM1'], profiles: ['student'] }, ['none', 'none']);
    expect(byCe2.sort()).toEqual(ce2cm1.sort());
    expect(byCm1.length).toBeGreaterThan(ce2cm1.length);
  });

  it('searches accent-, case- and hyphen-insensitively, by prefix', () => {
    const found = loadAccounts(school.context.db, selectAccountIds(school.context.db, { search: 'HELOI' }, ['none', 'none']));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((a) => a.firstName === 'Héloïse' || a.lastName.startsWith('HÉLO'))).toBe(true);
    const hyphen = loadAccounts(school.context.db, selectAccountIds(school.context.db, { search: 'jean-bapt' }, ['none', 'none']));
    expect(hyphen.every((a) => a.firstName === 'Jean-Baptiste')).toBe(true);
  });

  it('sorts by class then profile, then surname and first name', () => {
    const accounts = loadAccounts(school.context.db, selectAccountIds(school.context.db, { profiles: ['student', 'relative'] }, ['class', 'profile']));
    const classOf = (a: (typeof accounts)[number]) => a.classes[0] ?? a.children.flatMap((c) => c.classes).sort()[0] ?? '';
    const seen: string[] = [];
    for (const account of accounts) if (seen.at(-1) !== classOf(account)) seen.push(classOf(account));
    expect(seen).toEqual(['CE1', 'CE2-CM1', 'CM1', 'CM2', 'CP A', 'CP B', 'GS', 'PS-MS']);
    const ce1 = accounts.filter((a) => classOf(a) === 'CE1');
    const firstRelative = ce1.findIndex((a) => a.profile === 'relative');
    expect(ce1.slice(firstRelative).every((a) => a.profile === 'relative')).toBe(true);
    const pupils = ce1.slice(0, firstRelative).map((a) => `${a.lastName} ${a.firstName}`);
    expect(pupils).toEqual([...pupils].sort((x, y) => x.localeCompare(y, 'fr', { sensitivity: 'base', ignorePunctuation: true })));
  });

  it('pages through the selection in a stable order', () => {
    const all = selectAccountIds(school.context.db, {}, ['profile', 'none']);
    const pages = [0, 100, 200, 300, 400].flatMap((offset) => selectAccountIds(school.context.db, {}, ['profile', 'none'], offset, 100));
    expect(pages).toEqual(all);
  });

  it('uses the sort index rather than sorting the whole table for the default order', () => {
    const plan = school.context.db
      .prepare('EXPLAIN QUERY PLAN SELECT a.id FROM account a WHERE 1 ORDER BY a.sort_name, a.id LIMIT 100')
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).not.toContain('TEMP B-TREE');
  });

  it('describes guardians with their children and classes, and hides the code of activated accounts', () => {
    const [guardian] = loadAccounts(school.context.db, selectAccountIds(school.context.db, { profiles: ['relative'] }, ['none', 'none'], 0, 1));
    expect(guardian?.children.length).toBeGreaterThan(0);
    expect(guardian?.children[0]?.classes.length).toBeGreaterThan(0);
    const activated = loadAccounts(school.context.db, selectAccountIds(school.context.db, { activated: 'yes' }, ['none', 'none']));
    expect(activated.every((a) => a.activationCode === null)).toBe(true);
  });

  it('lists a whole school (read table by table) exactly as it lists it a few accounts at a time', async () => {
    const db = await openSchoolFile(':memory:');
    generateSchool(db, new Date('2026-09-01T10:00:00Z'), 3);
    const ids = selectAccountIds(db, {}, ['class', 'profile']);
    expect(ids.length).toBeGreaterThanOrEqual(1000);
    const inPieces = Array.from({ length: Math.ceil(ids.length / 300) }, (_, i) => loadAccounts(db, ids.slice(i * 300, i * 300 + 300))).flat();
    expect(loadAccounts(db, ids)).toEqual(inPieces);
    db.close();
  });
});
