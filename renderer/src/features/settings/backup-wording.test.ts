import { describe, expect, it } from 'vitest';
import { describeContents, formatSize } from './backup-wording.ts';

describe('backup wording', () => {
  it('says sizes the French way', () => {
    expect(formatSize(300)).toBe('1 Ko');
    expect(formatSize(524_288)).toBe('512 Ko');
    expect(formatSize(2.5 * 1024 * 1024)).toBe('2,5 Mo');
  });

  it('describes what a backup holds, profile by profile', () => {
    const contents = {
      schoolName: 'École Jules-Ferry',
      schemaVersion: 1,
      accounts: 392,
      byProfile: { student: 152, relative: 225, teacher: 14, personnel: 0, guest: 1 },
      classes: 7,
      lastChangeAt: null,
    };
    expect(describeContents(contents)).toBe('152 élèves, 225 parents, 14 enseignants, 1 invité');
    expect(describeContents({ ...contents, byProfile: { student: 0, relative: 0, teacher: 0, personnel: 0, guest: 0 } })).toBe('aucun compte');
  });
});
