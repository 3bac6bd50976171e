import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSchool, type TestSchool } from '../../test-support/school.ts';

describe('the demo school', () => {
  let school: TestSchool;
  const value = (sql: string) => school.context.db.prepare(sql).pluck().get();

  beforeAll(async () => {
    school = await testSchool({ demo: true });
  });
  afterAll(() => school.cleanup());

  it('is a realistic school of at least 300 accounts of every profile', () => {
    expect(value('SELECT count(*) FROM account')).toBeGreaterThanOrEqual(300);
    const profiles = school.context.db.prepare('SELECT DISTINCT profile FROM account ORDER BY 1').pluck().all();
    expect(profiles).toEqual(['guest', 'personnel', 'relative', 'student', 'teacher']);
  });

  it('has a multi-level class and pupils in every class', () => {
    expect(value("SELECT level FROM class WHERE name = 'CE2-CM1'")).toBe('CE2,CM1');
    expect(value("SELECT count(*) FROM class c WHERE NOT EXISTS (SELECT 1 FROM account_class ac JOIN account a ON a.id = ac.account_id WHERE ac.class_id = c.id AND a.profile = 'student')")).toBe(0);
  });

  it('links every pupil to a guardian and every guardian to a child', () => {
    expect(value("SELECT count(*) FROM account a WHERE profile = 'student' AND NOT EXISTS (SELECT 1 FROM guardian_link g WHERE g.child_id = a.id)")).toBe(0);
    expect(value("SELECT count(*) FROM account a WHERE profile = 'relative' AND NOT EXISTS (SELECT 1 FROM guardian_link g WHERE g.guardian_id = a.id)")).toBe(0);
  });

  it('attaches teachers to classes, one of them to several', () => {
    expect(value("SELECT max(n) FROM (SELECT count(*) AS n FROM account_class ac JOIN account a ON a.id = ac.account_id WHERE a.profile = 'teacher' GROUP BY a.id)")).toBeGreaterThan(1);
  });

  it('mixes activated and not-activated accounts, with and without e-mail', () => {
    expect(value('SELECT count(*) FROM account WHERE activated = 1')).toBeGreaterThan(50);
    expect(value('SELECT count(*) FROM account WHERE activated = 0 AND activation_code IS NOT NULL')).toBeGreaterThan(50);
    expect(value("SELECT count(*) FROM account WHERE email IS NOT NULL")).toBeGreaterThan(50);
    expect(value("SELECT count(*) FROM account WHERE email IS NULL")).toBeGreaterThan(50);
  });

  it('has names with accents, œ, apostrophes and hyphens', () => {
    const names = school.context.db.prepare("SELECT last_name || ' ' || first_name FROM account").pluck().all().join('\n');
    for (const pattern of [/[éèêëï]/, /Œ/, /'/, /-/]) expect(names).toMatch(pattern);
  });
});
