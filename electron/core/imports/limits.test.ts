import { describe, expect, it } from 'vitest';
import { importLimits } from '../../../shared/domain/imports.ts';
import { siecleGuardians, siecleStudents, xlsx, zip, type SieclePupil } from '../../test-support/import-files.ts';
import { tooManyRowsMessage } from './csv.ts';
import { defaultSandboxLimits, readFilesInSandbox } from './sandbox.ts';

// The row limit cannot be shrunk through the API: it is tested here, in the sandbox that reads
// every imported file, with a limit of ten rows.
const maxRows = 10;
const limits = { ...defaultSandboxLimits, maxRows };

async function read(name: string, bytes: Uint8Array) {
  const [file] = await readFilesInSandbox([{ name, bytes }], { limits });
  return file;
}

const pupils = (n: number): SieclePupil[] => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), last: `NOM${i}`, first: 'Zoé', division: '6A' }));
const sheet = (n: number) => xlsx([['Nom', 'Prénom', 'Classe'], ...Array.from({ length: n }, (_, i) => [`NOM${i}`, 'Zoé', '6A'])]);

describe('the row limit of an imported file', () => {
  it('is the one the handbook announces, in French', () => {
    expect(importLimits.maxRows).toBe(200_000);
    expect(defaultSandboxLimits.maxRows).toBe(200_000);
    expect(tooManyRowsMessage(maxRows)).toBe('Le fichier compte plus de 10 lignes : c’est plus que ce qu’accepte Sésame pour une école.');
    expect(tooManyRowsMessage(importLimits.maxRows)).toBe('Le fichier compte plus de 200\u202f000 lignes : c’est plus que ce qu’accepte Sésame pour une école.');
  });

  it('given a SIECLE pupils export, when it holds one pupil more than the limit, then it is refused in French; at the limit it is read', async () => {
    expect(await read('ElevesSansAdresses.xml', siecleStudents(pupils(maxRows + 1)))).toMatchObject({
      kind: 'refused',
      format: 'siecle-students',
      message: tooManyRowsMessage(maxRows),
    });
    const atLimit = await read('ElevesSansAdresses.xml', siecleStudents(pupils(maxRows)));
    expect(atLimit).toMatchObject({ kind: 'people', format: 'siecle-students' });
    expect(atLimit?.kind === 'people' ? atLimit.records.length : -1).toBe(maxRows);
  });

  it('given a SIECLE guardians export, zipped, when it holds more legal guardians than the limit, then it is refused in French', async () => {
    const guardians = pupils(maxRows + 1).map((pupil) => ({ id: `P${pupil.id}`, last: pupil.last, first: 'Parent', children: { [pupil.id]: '1' } }));
    expect(await read('ResponsablesAvecAdresses.zip', zip({ 'ResponsablesAvecAdresses.xml': siecleGuardians(guardians) }))).toMatchObject({
      kind: 'refused',
      format: 'siecle-guardians',
      message: tooManyRowsMessage(maxRows),
    });
  });

  it('given an XLSX workbook, when it holds one data row more than the limit, then it is refused in French; at the limit it is read', async () => {
    expect(await read('liste.xlsx', sheet(maxRows + 1))).toMatchObject({ kind: 'refused', message: tooManyRowsMessage(maxRows) });
    const atLimit = await read('liste.xlsx', sheet(maxRows));
    expect(atLimit).toMatchObject({ kind: 'table', format: 'table', headers: ['Nom', 'Prénom', 'Classe'] });
    expect(atLimit?.kind === 'table' ? atLimit.rows.length : -1).toBe(maxRows);
  });
});
