import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublipostageChoices } from '../../../shared/domain/publipostage.ts';
import { openSchoolFile } from '../../core/db/open.ts';
import { readKeptChoices } from '../../core/publipostage/kept-choices.ts';
import { testSchool, value, type TestSchool } from '../../test-support/import-school.ts';

/** Issue #20: the Publipostage page's selection stays with its school file, across restarts. */
const parentsOfCpA: PublipostageChoices = {
  selection: { filter: { profiles: ['relative'], classes: ['CP A'], activated: 'no', search: 'mar' }, sort: ['class', 'none'] },
  options: { layout: 2, coverPages: true, handOutList: false },
};

let school: TestSchool;
beforeEach(async () => {
  school = await testSchool();
});
afterEach(() => school.close());

describe('publipostage.keptChoices and keepChoices', () => {
  it('opens on the defaults (null) before the director chose anything', async () => {
    expect(value(await school.api.publipostage.keptChoices({}))).toEqual({ choices: null });
  });

  it('gives back the kept choices, also once the school file is closed and opened again', async () => {
    expect(value(await school.api.publipostage.keepChoices({ choices: parentsOfCpA }))).toEqual({ kept: true });
    expect(value(await school.api.publipostage.keptChoices({}))).toEqual({ choices: parentsOfCpA });
    school.db.close();
    const reopened = await openSchoolFile(school.path);
    try {
      expect(readKeptChoices(reopened)).toEqual(parentsOfCpA);
    } finally {
      reopened.close();
    }
  });

  it('forgets them on « Réinitialiser » (null)', async () => {
    await school.api.publipostage.keepChoices({ choices: parentsOfCpA });
    expect(value(await school.api.publipostage.keepChoices({ choices: null }))).toEqual({ kept: false });
    expect(value(await school.api.publipostage.keptChoices({}))).toEqual({ choices: null });
  });

  it('refuses what is no selection, and writes nothing', async () => {
    const bad = { ...parentsOfCpA, options: { ...parentsOfCpA.options, layout: 3 } };
    const result = await school.api.publipostage.keepChoices({ choices: bad as unknown as PublipostageChoices });
    expect(result.ok).toBe(false);
    expect(value(await school.api.publipostage.keptChoices({}))).toEqual({ choices: null });
  });

  it('treats a value an older version kept, which no longer fits, as no choice', async () => {
    school.db.prepare(`INSERT INTO setting (key, value) VALUES ('publipostage.keptChoices', ?)`).run(JSON.stringify({ selection: { filter: { colour: 'red' } } }));
    expect(value(await school.api.publipostage.keptChoices({}))).toEqual({ choices: null });
  });
});
