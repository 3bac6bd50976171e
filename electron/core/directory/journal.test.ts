import { beforeEach, describe, expect, it } from 'vitest';
import { givenSchool, value, type TestSchool } from '../../test-support/given-school.ts';
import { csvCell } from './journal-csv.ts';

describe('the journal', () => {
  let school: TestSchool;
  let emma: number;
  let jade: number;

  beforeEach(async () => {
    school = await givenSchool();
    emma = school.addAccount({ lastName: 'DURAND', firstName: 'Emma' });
    jade = school.addAccount({ lastName: 'DURAND', firstName: 'Jade' });
    for (let i = 0; i < 5; i++) {
      value(await school.api.directory.setBlocked({ id: emma, blocked: i % 2 === 0 }));
      school.advance(1);
    }
    value(await school.api.directory.update({ id: jade, email: 'jade@example.fr' }));
  });

  it('pages the whole school’s changes, newest first, with who, when and whose account', async () => {
    const first = value(await school.api.directory.journal({ offset: 0, limit: 2 }));
    expect(first.total).toBe(6);
    expect(first.items.map((item) => [item.accountName, item.summary, item.actor, item.at])).toEqual([
      ['DURAND Jade', 'Courriel ajouté', 'directrice', '2026-09-12T08:00:00.000Z'],
      ['DURAND Emma', 'Compte bloqué dans Sésame — à faire dans l’ENT', 'directrice', '2026-09-11T08:00:00.000Z'],
    ]);
    const last = value(await school.api.directory.journal({ offset: 4, limit: 2 }));
    expect(last.items.map((item) => item.at)).toEqual(['2026-09-08T08:00:00.000Z', '2026-09-07T08:00:00.000Z']);
  });

  it('shows one account’s changes', async () => {
    const page = value(await school.api.directory.journal({ accountId: jade, offset: 0, limit: 10 }));
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ accountId: jade, before: { email: null }, after: { email: 'jade@example.fr' } });
  });

  it('exports as a CSV file Excel opens: BOM, « ; », one line per change, oldest first', async () => {
    const file = value(await school.api.directory.exportJournal({ accountId: emma }));
    expect(file.fileName).toMatch(/^journal-[a-z.0-9]+-2026-09-12\.csv$/);
    const lines = file.content.split('\r\n');
    expect(lines[0]).toBe('\uFEFFDate;Auteur;Action;Compte n°;Compte;Résumé;Avant;Après');
    expect(lines[1]).toBe(`2026-09-07T08:00:00.000Z;directrice;account.block;${emma};DURAND Emma;Compte bloqué dans Sésame — à faire dans l’ENT;"{""blocked"":false}";"{""blocked"":true}"`);
    expect(lines).toHaveLength(7);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+33 6', "'+33 6"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a;b', '"a;b"'],
    ['dit "oui"', '"dit ""oui"""'],
    ['Héloïse', 'Héloïse'],
  ])('neutralises formulas and quotes separators: %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});
