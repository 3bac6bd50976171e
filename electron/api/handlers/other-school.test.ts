import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/seeded-random.ts';
import { csv, sample, singleByte } from '../../test-support/import-files.ts';
import { analyse, importFiles, testSchool, value, type TestSchool } from '../../test-support/import-school.ts';

/** An ONDE pupils' file of a generated primary school: its own surnames, first names and classes. */
function ondePupils(seed: number, classes: string[], pupils: number): Uint8Array {
  const random = seededRandom(seed);
  const syllables = ['ba', 'lo', 'mi', 'ran', 'tel', 'vor', 'quin', 'sa', 'du', 'fer', 'go', 'pel'];
  const word = () => Array.from({ length: 3 }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  const rows = Array.from({ length: pupils }, (_, n) => {
    const className = classes[n % classes.length] as string;
    return [word().toUpperCase(), '', word().replace(/^./, (c) => c.toUpperCase()), `0${1 + (n % 9)}/0${1 + (n % 9)}/2018`, 'CP', className, String(100 + classes.indexOf(className))];
  });
  return singleByte(csv([['Nom élève', "Nom d'usage élève", 'Prénom élève', 'Date naissance', 'Niveau', 'Libellé classe', 'Identifiant classe'], ...rows]), 'windows-1252');
}

let school: TestSchool;
beforeEach(async () => {
  school = await testSchool();
  await importFiles(school, { 'CSVExtraction-eleves.csv': sample('onde/CSVExtraction-eleves.csv'), 'CSVExtraction-responsables.csv': sample('onde/CSVExtraction-responsables.csv') });
});
afterEach(() => school.close());

describe('a file that says nothing of its school (ONDE, ENT export), read into a school file that holds one already', () => {
  it('is warned about when it clearly comes from another school: none of its pupils nor of its classes is known', async () => {
    const analysis = await analyse(school, { 'eleves-autre-ecole.csv': ondePupils(7, ['CP Lune', 'CE1 Soleil', 'CM2 Étoile'], 60) });
    expect(analysis.warnings).toEqual([
      {
        code: 'other-school',
        file: 'eleves-autre-ecole.csv',
        message: expect.stringMatching(/^« eleves-autre-ecole\.csv » ne ressemble pas à un fichier de votre école : aucune des 60 personnes .* aucune de ses 3 classes\. .*vérifiez/),
      },
    ]);
    const refused = await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: false });
    expect(refused.ok).toBe(false);
    // Confirmed by the director, it is imported.
    expect(value(await school.api.imports.apply({ analysisId: analysis.analysisId, acceptOtherSchool: true })).counts.created).toBe(60);
  });

  it('warns about another school’s ENT export too', async () => {
    const analysis = await analyse(school, { 'export.csv': sample('ent/export.csv') });
    expect(analysis.warnings.map((warning) => warning.file)).toEqual(['export.csv']);
  });

  it('takes the same school’s newer file without a word, even with new pupils and a new class', async () => {
    const text = new TextDecoder('windows-1252').decode(sample('onde/CSVExtraction-eleves.csv'));
    const lines = text.split(/\r?\n/);
    // A third of the pupils left, a new class came: most of the school is still there.
    const newer = [...lines.slice(0, Math.ceil(lines.length * 0.66)), ...new TextDecoder('windows-1252').decode(ondePupils(9, ['CP Nouvelle'], 20)).split(/\r?\n/).slice(1)].join('\r\n');
    const analysis = await analyse(school, { 'CSVExtraction-eleves.csv': singleByte(newer, 'windows-1252') });
    expect(analysis.warnings).toEqual([]);
  });

  it('is not judged against an empty school file', async () => {
    const empty = await testSchool();
    try {
      const analysis = await analyse(empty, { 'eleves.csv': ondePupils(7, ['CP Lune'], 30) });
      expect(analysis.warnings).toEqual([]);
    } finally {
      empty.close();
    }
  });
});
