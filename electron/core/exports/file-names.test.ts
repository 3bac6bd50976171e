import { describe, expect, it } from 'vitest';
import { defaultSchoolSettings } from '../../../shared/domain/settings.ts';
import { exportFileName } from './file-names.ts';

const school = (schoolName: string) => ({ ...defaultSchoolSettings, schoolName });
const date = new Date(2026, 8, 1, 23, 30);

describe('export file names', () => {
  it.each([
    ['École Jules-Ferry', 'Publipostage - École Jules-Ferry - 2026-09-01.xlsx'],
    ['Collège A/B: "Les Tilleuls"?', 'Publipostage - Collège A B Les Tilleuls - 2026-09-01.xlsx'],
    ['Lycée\u0000\tdu Parc.', 'Publipostage - Lycée du Parc - 2026-09-01.xlsx'],
    ['', 'Publipostage - 2026-09-01.xlsx'],
  ])('names the file of %j after the school and the local date', (name, expected) => {
    expect(exportFileName('Publipostage', school(name), date, 'xlsx')).toBe(expected);
  });

  it('leaves the date out of a template', () => {
    expect(exportFileName('Lettre aux parents', school('École Jules-Ferry'), null, 'docx')).toBe('Lettre aux parents - École Jules-Ferry.docx');
  });
});
