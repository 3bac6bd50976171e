import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sample } from '../../../test-support/import-files.ts';
import { openSchoolFile, type SchoolDb } from '../../db/open.ts';
import { readImportFile } from '../read-file.ts';
import type { ParsedFile } from '../records.ts';
import { readAndPlan } from '../session.ts';
import { planImport, Planning, type Plan } from './plan.ts';
import { plannedChanges } from './summary.ts';

let db: SchoolDb;
beforeEach(async () => {
  db = await openSchoolFile(':memory:');
});
afterEach(() => db.close());

const siecleSet = ['siecle/ResponsablesAvecAdresses.xml', 'siecle/ElevesSansAdresses.xml', 'siecle/sts_emp_0610999X_2025.xml', 'siecle/Nomenclature.xml'];
const read = (paths: string[]): Promise<ParsedFile[]> => Promise.all(paths.map((path) => readImportFile(path, sample(path))));

/** Everything the preview shows of a plan. */
const shown = (plan: Plan) => ({
  changes: plannedChanges(plan),
  errors: plan.errors,
  ignored: plan.ignored,
  ambiguities: plan.ambiguities,
  conflicts: plan.conflicts,
  warnings: plan.warnings,
  blockers: plan.blockers,
  files: plan.files.map((file) => [file.index, file.name, file.format]),
});

describe('planning in two steps', () => {
  it('gives the same plan when pupils and staff are planned before the guardians’ file is in', async () => {
    const files = await read(siecleSet);
    const whole = shown(planImport(db, files));
    expect(whole.changes.length).toBeGreaterThan(100);
    expect(whole.ignored.length).toBeGreaterThan(0);

    const planning = new Planning(db);
    // As the sandbox hands them over: small files first, the guardians' file last.
    for (const index of [3, 2, 1]) planning.addFile(index, files[index] as ParsedFile);
    planning.planPupilsAndStaff();
    planning.addFile(0, files[0] as ParsedFile);
    expect(shown(planning.finish())).toEqual(whole);
  });

  it('refuses a file with pupils once pupils and staff are planned (a bug, never a wrong plan)', async () => {
    const [guardians, pupils] = await read(siecleSet.slice(0, 2));
    const planning = new Planning(db);
    planning.addFile(0, guardians as ParsedFile);
    planning.planPupilsAndStaff();
    expect(() => planning.addFile(1, pupils as ParsedFile)).toThrow(/holds some/);
  });

  it('reads and plans in the sandbox, the same as reading everything first', async () => {
    const inputs = siecleSet.map((path) => ({ name: path, bytes: sample(path) }));
    const formats: string[] = [];
    const { files, planned } = await readAndPlan(db, inputs, { onFormat: (_index, format) => formats.push(format) });
    expect(formats).toContain('siecle-guardians');
    expect(shown(planned.plan)).toEqual(shown(planImport(db, files)));
  });
});
