import { describe, expect, it } from 'vitest';
import type { AccountListItem, PersonRef } from '../../../shared/domain/account.ts';
import { fileSheets, filingClassesOf } from './filing.ts';

function person(id: number, profile: AccountListItem['profile'], classes: string[], childClasses: string[][] = []): AccountListItem {
  const children: PersonRef[] = childClasses.map((classes, index) => ({ id: 100 + index, firstName: 'Enfant', lastName: 'X', classes }));
  return {
    id,
    profile,
    lastName: `NOM${id}`,
    firstName: 'Prénom',
    login: `login${id}`,
    alias: null,
    activationCode: 'k3m7p9rt',
    activated: false,
    entStatus: 'known',
    email: null,
    phone: null,
    classes,
    children,
    guardians: [],
    localAdmin: false,
    blocked: false,
    preDeleted: false,
    source: 'ENT',
    externalId: null,
    createdAt: '2026-08-30T10:00:00Z',
  };
}

const teacherOfThree = person(1, 'teacher', ['CE1', 'CP A', 'CP B']);
const parentOfTwo = person(2, 'relative', [], [['CP B'], ['CP A']]);
const teacherAndParent = person(3, 'teacher', ['CM2'], [['CP A']]);
const pupil = person(4, 'student', ['CP B']);
const secretary = person(5, 'personnel', []);
const cm2 = new Set(['CM2']);
const cpAB = new Set(['CP A', 'CP B']);

describe('the classes a sheet is filed under', () => {
  it.each([
    ['a teacher, no class filter: the first class', teacherOfThree, null, ['CE1']],
    ['a teacher, CP A and CP B selected: those two, never CE1', teacherOfThree, cpAB, ['CP A', 'CP B']],
    ['a teacher, only CP B selected', teacherOfThree, new Set(['CP B']), ['CP B']],
    ['a parent, no class filter: the first child’s class', parentOfTwo, null, ['CP A']],
    ['a parent with a child in each selected class: both', parentOfTwo, cpAB, ['CP A', 'CP B']],
    ['a parent, only the second child’s class selected', parentOfTwo, new Set(['CP B']), ['CP B']],
    ['a teacher who is a parent, own class selected: as a teacher', teacherAndParent, new Set(['CM2', 'CP A']), ['CM2']],
    ['a teacher who is a parent, only the child’s class selected: as a parent', teacherAndParent, new Set(['CP A']), ['CP A']],
    ['someone the selection reached otherwise: their first class', pupil, cm2, ['CP B']],
    ['staff without a class: none', secretary, cpAB, []],
  ])('%s', (_case, account, selected, expected) => {
    expect(filingClassesOf(account, selected)).toEqual(expected);
  });
});

describe('the print stack', () => {
  const stack = (accounts: AccountListItem[], selected: ReadonlySet<string> | null, completeStacks: boolean) =>
    fileSheets(accounts, selected, completeStacks).map((sheet) => `${sheet.filingClass ?? '—'}:${sheet.account.id}`);

  it('with cover pages or lists and selected classes, gives each class its complete stack, in the given order within it', () => {
    // The accounts come in their order within a class (profile, then name): pupil, parent, teacher.
    expect(stack([pupil, parentOfTwo, teacherOfThree], cpAB, true)).toEqual(['CP A:2', 'CP A:1', 'CP B:4', 'CP B:2', 'CP B:1']);
  });

  it('without cover pages nor lists, gives everyone one sheet, filed under their first selected class', () => {
    expect(stack([parentOfTwo, teacherOfThree, pupil], cpAB, false)).toEqual(['CP A:2', 'CP A:1', 'CP B:4']);
  });

  it('without a class filter, files everyone once under their first class, as before', () => {
    expect(stack([teacherOfThree, parentOfTwo, pupil, secretary], null, true)).toEqual(['CE1:1', 'CP A:2', 'CP B:4', '—:5']);
  });

  it('puts the sheets with no class last', () => {
    expect(stack([secretary, pupil], cpAB, true)).toEqual(['CP B:4', '—:5']);
  });
});
