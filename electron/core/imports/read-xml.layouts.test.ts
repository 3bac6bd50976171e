import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeXml } from './decode.ts';
import type { ParsedFile } from './records.ts';
import { readImportFile } from './read-file.ts';
import { samplesDir } from '../../test-support/import-files.ts';
import { importFiles, testSchool, type TestSchool } from '../../test-support/import-school.ts';
import { referenceTree } from '../../test-support/xml-differential.ts';
import { layouts, serialise } from '../../test-support/xml-layouts.ts';

/**
 * Every SIECLE/STS reader gives the same people for a file however it is laid out: the
 * registry's pretty export, the same on one line (what a re-save often gives, and what put
 * pupils in the wrong classes), CRLF, tabs, single quotes, CDATA, references, a BOM…
 */
const files = readdirSync(join(samplesDir, 'siecle')).filter((file) => file.endsWith('.xml'));
const original = (file: string) => new Uint8Array(readFileSync(join(samplesDir, 'siecle', file)));
/** The same bytes with no line break between tags, in the file's own encoding (ISO-8859-15). */
const oneLine = (bytes: Uint8Array) => new Uint8Array(Buffer.from(Buffer.from(bytes).toString('latin1').replace(/>\s+</g, '><'), 'latin1'));

/** What a reading says about people, less where they are (lines, or numbers on a one-line file). */
function people(file: ParsedFile) {
  if (file.kind !== 'people') throw new Error(file.kind === 'refused' ? file.message : 'not read as people');
  const unplaced = (message: string) => message.replace(/^(?:Élève|Responsable|Personne) n° \d+ : /, '');
  return {
    format: file.format,
    uai: file.uai,
    mefLevels: file.mefLevels,
    records: file.records.map(({ line: _line, ...record }) => record),
    errors: file.errors.map((issue) => unplaced(issue.message)),
    ignored: file.ignored.map((row) => ({ name: row.name, reason: unplaced(row.reason) })),
  };
}

describe('a registry export read in every layout', () => {
  describe.each(files)('given the sample %s', (file) => {
    it('reads the same people from its one-line version, in its own encoding', async () => {
      expect(people(await readImportFile(file, oneLine(original(file))))).toEqual(people(await readImportFile(file, original(file))));
    });

    it.each(Object.keys(layouts))('reads the same people written as %s', async (name) => {
      const reference = referenceTree(decodeXml(original(file)).text);
      if (!reference.ok) throw new Error(reference.reason);
      const text = serialise(reference.tree, layouts[name] as (typeof layouts)[string]);
      expect(people(await readImportFile(file, new TextEncoder().encode(text)))).toEqual(people(await readImportFile(file, original(file))));
    });
  });
});

describe('the samples imported on one line', () => {
  let schools: TestSchool[] = [];
  afterEach(() => {
    for (const school of schools) school.close();
    schools = [];
  });

  /** The directory as the director sees it: accounts, their classes and their children. */
  const directory = (school: TestSchool) =>
    school.db
      .prepare(
        `SELECT a.profile, a.last_name, a.first_name, a.login, a.external_id, a.ine, a.birth_date, a.email, a.phone, a.blocked,
           (SELECT group_concat(c.name || ':' || ac.head_teacher, ',') FROM (SELECT * FROM account_class ORDER BY class_id) ac JOIN class c ON c.id = ac.class_id WHERE ac.account_id = a.id) AS classes,
           (SELECT group_concat(child.external_id, ',') FROM (SELECT * FROM guardian_link ORDER BY child_id) l JOIN account child ON child.id = l.child_id WHERE l.guardian_id = a.id) AS children
         FROM account a ORDER BY a.profile, a.external_id`,
      )
      .all();

  it('given the SIECLE and STS-Web samples, when imported pretty or on one line, then the directories are identical', async () => {
    const pretty = await testSchool();
    const flat = await testSchool();
    schools = [pretty, flat];
    await importFiles(pretty, Object.fromEntries(files.map((file) => [file, original(file)])));
    await importFiles(flat, Object.fromEntries(files.map((file) => [file, oneLine(original(file))])));
    const expected = directory(pretty);
    expect(expected.length).toBeGreaterThan(800);
    expect(directory(flat)).toEqual(expected);
  });
});
