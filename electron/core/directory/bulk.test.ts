import { beforeEach, describe, expect, it } from 'vitest';
import { givenSchool, value, type TestSchool } from '../../test-support/given-school.ts';

describe('actions on the ticked accounts', () => {
  let school: TestSchool;
  let cm2: number;
  let pupils: number[];
  let parent: number;

  beforeEach(async () => {
    school = await givenSchool();
    cm2 = school.addClass('CM2');
    pupils = ['Emma', 'Jade', 'Léo'].map((firstName) => school.addAccount({ lastName: 'DURAND', firstName }));
    parent = school.addAccount({ lastName: 'DURAND', firstName: 'Céline', profile: 'relative' });
  });

  const flags = (column: string) =>
    school.db.prepare(`SELECT ${column} FROM account WHERE id IN (${[...pupils, parent].join(',')}) ORDER BY id`).pluck().all();

  it('blocks every ticked account, counting those already blocked', async () => {
    value(await school.api.directory.setBlocked({ id: pupils[0] as number, blocked: true }));
    const outcome = value(await school.api.directory.bulk({ ids: [...pupils, parent], action: 'block' }));
    expect(outcome).toEqual({ changed: 3, unchanged: 1, skipped: 0 });
    expect(flags('blocked')).toEqual([1, 1, 1, 1]);
    expect(value(await school.api.directory.journal({ offset: 0, limit: 50 })).total).toBe(4);
  });

  it('pre-deletes then restores a selection', async () => {
    expect(value(await school.api.directory.bulk({ ids: pupils, action: 'preDelete' }))).toEqual({ changed: 3, unchanged: 0, skipped: 0 });
    expect(flags('pre_deleted_at IS NOT NULL')).toEqual([1, 1, 1, 0]);
    expect(value(await school.api.directory.bulk({ ids: pupils, action: 'restore' }))).toEqual({ changed: 3, unchanged: 0, skipped: 0 });
    expect(flags('pre_deleted_at IS NOT NULL')).toEqual([0, 0, 0, 0]);
  });

  it('attaches the pupils to a class and skips the parent', async () => {
    const outcome = value(await school.api.directory.bulk({ ids: [...pupils, parent], action: 'attachClass', classId: cm2 }));
    expect(outcome).toEqual({ changed: 3, unchanged: 0, skipped: 1 });
    const inClass = school.db.prepare('SELECT account_id FROM account_class WHERE class_id = ? ORDER BY account_id').pluck().all(cm2);
    expect(inClass).toEqual(pupils);
  });

  it('refuses the whole action, changing nothing, when one account is gone', async () => {
    const result = await school.api.directory.bulk({ ids: [...pupils, 9999], action: 'block' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'not-found', message: '1 compte(s) de la sélection n’existent plus (supprimés ou fusionnés) : rechargez la liste. Rien n’a été modifié.' },
    });
    expect(flags('blocked')).toEqual([0, 0, 0, 0]);
  });

  it('asks for the class when attaching', async () => {
    const result = await school.api.directory.bulk({ ids: pupils, action: 'attachClass' });
    expect(result).toMatchObject({ ok: false, error: { message: 'Choisissez la classe à laquelle rattacher les comptes.' } });
  });
});

describe('ticking every account of the list', () => {
  it('answers the ids the filter selects, in list order', async () => {
    const school = await givenSchool();
    const zoe = school.addAccount({ lastName: 'ZOLA', firstName: 'Zoé' });
    const emma = school.addAccount({ lastName: 'ADAM', firstName: 'Emma' });
    school.addAccount({ lastName: 'ADAM', firstName: 'Marc', profile: 'relative' });
    expect(value(await school.api.directory.selectIds({ filter: { profiles: ['student'] }, sort: ['none', 'none'] }))).toEqual([emma, zoe]);
  });
});
