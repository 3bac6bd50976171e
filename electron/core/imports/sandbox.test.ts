import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { defaultSandboxLimits, memoryMessage, readFilesInSandbox, timeoutMessage, type SandboxInput, type SandboxLimits } from './sandbox.ts';
import { sample, utf8, xlsx } from '../../test-support/import-files.ts';

/** A workbook whose directory claims 1 kB for a sheet that inflates to 3 MB. */
function lyingZipBomb(): Uint8Array {
  const entries = unzipSync(xlsx([['Nom', 'Prénom'], ['MARTIN', 'Zoé']]));
  entries['xl/worksheets/sheet1.xml'] = new Uint8Array(3 * 1024 * 1024).fill(0x20);
  const bytes = zipSync(entries, { level: 1 });
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < bytes.length - 4; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && view.getUint32(i + 22, true) > 1e6) view.setUint32(i + 22, 1000, true);
    if (signature === 0x02014b50 && view.getUint32(i + 24, true) > 1e6) view.setUint32(i + 24, 1000, true);
  }
  return bytes;
}

/** 150,000 pupils: a valid export whose tree outgrows a small heap. */
function hugeSiecleExport(): Uint8Array {
  const pupils = Array.from({ length: 150_000 }, (_, i) => `<ELEVE ELEVE_ID="${i}"><NOM_DE_FAMILLE>MARTIN</NOM_DE_FAMILLE><PRENOM>Zoé</PRENOM></ELEVE>\n`);
  return utf8(`<?xml version="1.0" encoding="UTF-8"?><BEE_ELEVES><DONNEES><ELEVES>${pupils.join('')}</ELEVES></DONNEES></BEE_ELEVES>`);
}

/** One file, read on its own. */
async function readInSandbox(input: SandboxInput, limits: SandboxLimits) {
  return (await readFilesInSandbox([input], { limits }))[0];
}

describe('the parse sandbox', () => {
  it('reads files in worker threads and returns plain rows, in the order given', async () => {
    const files = await readFilesInSandbox([
      { name: 'export.csv', bytes: sample('ent/export.csv') },
      { name: 'vide.csv', bytes: new Uint8Array() },
      { name: 'Nomenclature.xml', bytes: sample('siecle/Nomenclature.xml') },
    ]);
    expect(files.map((file) => [file.name, file.kind, file.format])).toEqual([
      ['export.csv', 'people', 'ent-export'],
      ['vide.csv', 'refused', null],
      ['Nomenclature.xml', 'people', 'siecle-nomenclature'],
    ]);
  });

  it('stops a parser that outgrows its memory cap', async () => {
    const file = await readInSandbox({ name: 'ElevesSansAdresses.xml', bytes: hugeSiecleExport() }, { ...defaultSandboxLimits, memoryMb: 24 });
    expect(file).toMatchObject({ kind: 'refused', message: memoryMessage });
  });

  it('gives the files after a failed one a fresh worker', async () => {
    const files = await readFilesInSandbox(
      [
        { name: 'Nomenclature.xml', bytes: sample('siecle/Nomenclature.xml') },
        { name: 'ElevesSansAdresses.xml', bytes: hugeSiecleExport() },
        { name: 'export.csv', bytes: sample('ent/export.csv') },
      ],
      { workers: 1, limits: { memoryMb: 24 } },
    );
    expect(files.map((file) => [file.name, file.kind, file.kind === 'refused' ? file.message : file.format])).toEqual([
      ['Nomenclature.xml', 'people', 'siecle-nomenclature'],
      ['ElevesSansAdresses.xml', 'refused', memoryMessage],
      ['export.csv', 'people', 'ent-export'],
    ]);
  });

  it('stops a reading that takes too long', async () => {
    const file = await readInSandbox({ name: 'export.csv', bytes: sample('ent/export.csv') }, { ...defaultSandboxLimits, timeoutMs: 5 });
    expect(file).toMatchObject({ kind: 'refused', message: timeoutMessage(5) });
    expect(timeoutMessage(5)).toBe('La lecture de ce fichier a duré plus de 1 seconde et a été arrêtée : le fichier est anormal ou trop gros pour Sésame.');
  });

  it('refuses a file over the size limit without handing it to a worker', async () => {
    const file = await readInSandbox({ name: 'gros.csv', bytes: new Uint8Array(2048) }, { ...defaultSandboxLimits, maxFileBytes: 1024 });
    expect(file).toMatchObject({ kind: 'refused', message: expect.stringMatching(/^« gros\.csv » pèse/) });
  });

  it('never lets an archive lying about its sizes inflate beyond what it declares', async () => {
    const file = await readInSandbox({ name: 'liste.xlsx', bytes: lyingZipBomb() }, { ...defaultSandboxLimits, memoryMb: 64 });
    expect(file).toMatchObject({ kind: 'refused', message: 'Ce classeur Excel ne contient aucune feuille remplie : il n’y a rien à importer.' });
  });

  it('gives up reading when the job is cancelled', async () => {
    const controller = new AbortController();
    const reading = readFilesInSandbox([{ name: 'export.csv', bytes: sample('ent/export.csv') }], { signal: controller.signal });
    controller.abort();
    expect(await reading).toEqual([expect.objectContaining({ kind: 'refused', message: 'Lecture annulée.' })]);
  });
});
