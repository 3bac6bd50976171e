import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SheetsPerPage } from '../../../shared/domain/publipostage.ts';
import { card } from '../../core/publipostage/pdf/cards.ts';
import { longCredentials } from '../../test-support/long-credentials.ts';
import { PopplerFile } from '../../test-support/poppler.ts';
import { buildSchool, type BuiltSchool } from '../../test-support/school-builder.ts';

/**
 * No credential is ever cut (issue #20): given the longest logins, aliases, compound names and
 * ENT address the ENT allows, when the director prints them on any layout, with cover pages and
 * hand-out lists, then every login, code and the address read back whole from the PDF, nothing
 * ends in « … », no card's text crosses a cut line, and the result names the sheets that shrank.
 */
let school: BuiltSchool;
let file: PopplerFile | null = null;
const long = 'SUPERLONGNOMDEFAMILLEQUIDEPASSE-LES-TRENTE-CARACTERES';

beforeEach(async () => {
  school = await buildSchool({ entUrl: `https://${longCredentials.url}/` });
  const marie = school.add({ first: 'Marie-Charlotte-Alexandrine-Bérénice', last: long, classes: ['6A'], login: longCredentials.login });
  const emma = school.add({ first: 'Emma', last: 'MARTIN', classes: ['6A'] });
  school.add({ first: 'Anne-Sophie', last: 'DE LA TOUR D’AUVERGNE-SAINT-EXUPÉRY', classes: ['6A'], login: longCredentials.dottedAlias });
  school.add({ first: 'Jean', last: 'LONGALIAS', profile: 'teacher', classes: ['6A'], login: longCredentials.plainAlias });
  school.add({ first: 'Paul', last: long, profile: 'relative', children: [marie, emma], login: 'paul.superlongnomdefamillequidepass' });
  school.add({ first: 'Zoé', last: 'MARTIN', profile: 'relative', children: [emma], activated: true });
});

afterEach(() => {
  file?.dispose();
  file = null;
  school.db.close();
});

async function print(layout: SheetsPerPage) {
  const result = await school.api.publipostage.generate({
    jobId: 'long-values',
    target: { kind: 'selection', selection: { filter: {}, sort: ['class', 'none'] } },
    options: { layout, coverPages: true, handOutList: true },
    outPath: null,
    keep: true,
  });
  if (!result.ok) throw new Error(result.error.message);
  const document = await school.api.publipostage.document({ documentId: result.value.documentId as string });
  if (!document.ok) throw new Error(document.error.message);
  file = new PopplerFile(Buffer.from(document.value.base64, 'base64'));
  return { result: result.value, file };
}

const credentials = () =>
  (school.db.prepare('SELECT login, activation_code AS code FROM account').all() as { login: string; code: string | null }[]).flatMap((account) =>
    account.code ? [account.login, account.code] : [account.login],
  );

describe.each([1, 2, 8] as const)('%d per page, with the longest values', (layout) => {
  it('prints every login, code and the address whole, and nothing cut with « … »', async () => {
    const { file } = await print(layout);
    // Content-stream order keeps a value's lines together; joined without the line breaks.
    const joined = file.text('-raw').replace(/\s+/g, '');
    for (const value of [...credentials(), longCredentials.url]) expect(joined, value).toContain(value);
    expect(file.text()).not.toContain('…');
    expect(file.render().messages).toBe('');
  });

  it('has each login twice, on its sheet and on its class’s hand-out list', async () => {
    const { file } = await print(layout);
    const joined = file.text('-raw').replace(/\s+/g, '');
    for (const login of [longCredentials.login, longCredentials.dottedAlias, longCredentials.plainAlias]) {
      expect(joined.split(login).length - 1, login).toBe(2);
    }
  });

  it('names the sheets that had to shrink, and only those', async () => {
    const { result } = await print(layout);
    expect(result.shrunk.names).toEqual(expect.arrayContaining([`${long} Marie-Charlotte-Alexandrine-Bérénice`, 'LONGALIAS Jean']));
    expect(result.shrunk.names).not.toContain('MARTIN Emma');
    expect(result.shrunk.count).toBe(result.shrunk.names.length);
    expect(result.shrunk.url).toBe(true);
  });

  it('names each parent’s children and their classes on the hand-out list', async () => {
    const { file } = await print(layout);
    const list = (file.text('-raw').split('\f').find((page) => page.includes('Liste d’émargement')) ?? '').replace(/\s+/g, '');
    const written = (text: string) => text.replace(/\s+/g, '');
    expect(list).toContain(written(`Responsable de : Emma MARTIN (6A), Marie-Charlotte-Alexandrine-Bérénice ${long} (6A)`));
    expect(list).toContain(written('Responsable de : Emma MARTIN (6A)'));
  });
});

describe('8 per page, with the longest values', () => {
  it('keeps every word of every card inside its cut lines', async () => {
    const { file } = await print(8);
    const cardPages = new Set(
      file
        .text()
        .split('\f')
        .flatMap((page, index) => (page.includes('Identifiant') && !page.includes('Liste d’émargement') ? [index + 1] : [])),
    );
    const words = file.words().filter((word) => cardPages.has(word.page));
    expect(words.length).toBeGreaterThan(100);
    const inset = 4;
    for (const w of words) {
      const column = Math.floor(w.xMin / card.width);
      const row = Math.floor(w.yMin / card.height);
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(column * card.width + inset);
      expect(w.xMax, w.text).toBeLessThanOrEqual((column + 1) * card.width - inset);
      expect(w.yMax, w.text).toBeLessThanOrEqual((row + 1) * card.height - inset);
    }
  });
});
