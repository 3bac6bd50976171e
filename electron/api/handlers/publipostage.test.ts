import { execFileSync } from 'node:child_process';
import { crc32, deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PdfRequest } from '../../../shared/api/areas/publipostage.ts';
import type { SesameEvent } from '../../../shared/api/events.ts';
import type { PdfOptions, PublipostageTarget } from '../../../shared/domain/publipostage.ts';
import type { AccountFilter, AccountSort } from '../../../shared/domain/selection.ts';
import { loadDemoSchool } from '../../core/directory/demo-school.ts';
import { card } from '../../core/publipostage/pdf/cards.ts';
import { PopplerFile } from '../../test-support/poppler.ts';
import { buildSchool, type BuiltSchool } from '../../test-support/school-builder.ts';
import { testNow } from '../../test-support/school.ts';

/**
 * The publipostage issue's checks, through the API on real SQLite, read back with poppler:
 * given a school, when the director generates the connection sheets, then…
 */
let school: BuiltSchool;
const files: PopplerFile[] = [];

const selection = (filter: AccountFilter, sort: AccountSort = ['class', 'profile']): PublipostageTarget => ({
  kind: 'selection',
  selection: { filter, sort },
});

async function generate(target: PublipostageTarget, options: Partial<PdfOptions> = {}, extra: Partial<PdfRequest> = {}) {
  const result = await school.api.publipostage.generate({
    jobId: 'test-pdf',
    target,
    options: { layout: 8, coverPages: false, handOutList: false, ...options },
    outPath: null,
    keep: true,
    ...extra,
  });
  if (!result.ok) throw new Error(result.error.message);
  const document = await school.api.publipostage.document({ documentId: result.value.documentId as string });
  if (!document.ok) throw new Error(document.error.message);
  const file = new PopplerFile(Buffer.from(document.value.base64, 'base64'));
  files.push(file);
  return { result: result.value, file };
}

const word = (text: string) => new RegExp(`(^|\\s)${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'm');

/** Given classes 6A–6D and 5A, each with pupils and their parents, some accounts already activated. */
function rentrée(): { pupils: Map<string, number[]>; parents: Map<string, number[]> } {
  const pupils = new Map<string, number[]>();
  const parents = new Map<string, number[]>();
  const surnames = ['ALLARD', 'BERNARD', 'CHEVALIER', 'DUBOIS', 'ÉTIENNE', 'FOURNIER'];
  for (const [c, className] of ['6A', '6B', '6C', '6D', '5A'].entries()) {
    for (const [i, surname] of surnames.entries()) {
      const pupil = school.add({ first: ['Emma', 'Léo', 'Zoé'][i % 3] as string, last: surname, classes: [className], activated: i === 0 });
      const parent = school.add({ first: ['Virginie', 'Fred', 'Sandra'][(i + c) % 3] as string, last: surname, profile: 'relative', children: [pupil], activated: i === 1 });
      pupils.set(className, [...(pupils.get(className) ?? []), pupil]);
      parents.set(className, [...(parents.get(className) ?? []), parent]);
    }
  }
  return { pupils, parents };
}

beforeEach(async () => {
  school = await buildSchool();
});

afterEach(() => {
  for (const file of files.splice(0)) file.dispose();
  school.db.close();
});

describe('publipostage PDF, 8 per page', () => {
  it('prints exactly the selected logins and codes, in the sort order, and nothing else', async () => {
    rentrée();
    const target = selection({ profiles: ['relative'], classes: ['6A', '6B', '6C', '6D'], activated: 'no' });
    const expected = await school.api.directory.list({ ...(target.kind === 'selection' ? target.selection : { filter: {}, sort: ['none', 'none'] }), offset: 0, limit: 1000 });
    if (!expected.ok) throw new Error(expected.error.message);
    const { result, file } = await generate(target);

    expect(result.sheets).toBe(20);
    const text = file.text('-layout');
    let previous = -1;
    for (const account of expected.value.items) {
      const login = text.search(word(account.login));
      const code = text.search(word(account.activationCode as string));
      expect(login, account.login).toBeGreaterThan(previous);
      expect(code, `code of ${account.login}`).toBeGreaterThan(login);
      previous = login;
    }
    const printed = new Set(expected.value.items.map((account) => account.id));
    const others = school.db.prepare('SELECT id, login, activation_code AS code FROM account').all() as { id: number; login: string; code: string | null }[];
    for (const other of others.filter((account) => !printed.has(account.id))) {
      expect(text, other.login).not.toMatch(word(other.login));
      if (other.code) expect(text).not.toContain(other.code);
    }
  });

  it('shows no code on the sheets of activated accounts, and says the account is activated', async () => {
    rentrée();
    const { result, file } = await generate(selection({ activated: 'yes' }));
    const text = file.text();
    expect(text).not.toContain('Code d’activation');
    expect(text.match(/Votre compte est déjà activé/g)).toHaveLength(result.sheets);
    const codes = (school.db.prepare('SELECT activation_code FROM account WHERE activation_code IS NOT NULL').pluck().all() as string[]);
    for (const code of codes) expect(text).not.toContain(code);
  });

  it('has one page per 8 sheets and embeds subset fonts only, rendered by poppler without a warning', async () => {
    rentrée();
    const { result, file } = await generate(selection({}));
    expect(result.sheets).toBe(60);
    expect(file.pageCount()).toBe(Math.ceil(60 / 8));
    const fonts = file.fonts();
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toMatchObject({ type: 'CID TrueType', embedded: true, subset: true, unicode: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+/);
    }
    const rendering = file.render();
    expect(rendering.messages).toBe('');
    expect(rendering.pages).toHaveLength(8);
  });

  it('renders Vietnamese, Polish and Turkish names as extractable text', async () => {
    const names = [
      { first: 'Thị Ánh', last: 'NGUYỄN' },
      { first: 'Łucja', last: 'WÓJCIK-ŹDŹBŁO' },
      { first: 'İlkay', last: 'ŞAHİN ÖZTÜRK' },
      { first: 'Chloé', last: 'CŒUR' },
    ];
    for (const name of names) school.add({ ...name, classes: ['CM2'] });
    const { file } = await generate(selection({}));
    const text = file.text().normalize('NFC');
    for (const name of names) expect(text).toContain(`${name.first} ${name.last}`);
    expect(file.render().messages).toBe('');
  });

  it('never lets a 60-character name or a long family cross the cut lines', async () => {
    const long = 'MONTMORENCY-LAVAL DE LA TOUR D’AUVERGNE-SAINT-EXUPÉRY-BRIENN';
    expect([...long]).toHaveLength(60);
    const child = school.add({ first: 'Marie-Geneviève-Éléonore', last: long, classes: ['CM2'] });
    const siblings = Array.from({ length: 6 }, (_, i) => school.add({ first: `Anne-Sophie-${i}`, last: long, classes: [`CM${i}`] }));
    school.add({ first: 'Jean-Baptiste-Emmanuel', last: long, profile: 'relative', children: [child, ...siblings] });
    school.add({ first: 'X', last: 'WOLFESCHLEGELSTEINHAUSENBERGERDORFFVOLTERSCHWARZENBERGERHEIMBAC', classes: ['CM2'] });
    const { file } = await generate(selection({}, ['none', 'none']));
    const words = file.words();
    expect(words.length).toBeGreaterThan(50);
    const inset = 4;
    for (const w of words) {
      const column = Math.floor(w.xMin / card.width);
      const row = Math.floor(w.yMin / card.height);
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(column * card.width + inset);
      expect(w.xMax, w.text).toBeLessThanOrEqual((column + 1) * card.width - inset);
      expect(w.yMax, w.text).toBeLessThanOrEqual((row + 1) * card.height - inset);
    }
    expect(file.text().replace(/\s+/g, ' ')).toContain('Marie-Geneviève-Éléonore');
  });

  it('adds a cover page and a hand-out list per class, sorted by class', async () => {
    rentrée();
    const { result, file } = await generate(selection({ classes: ['6A', '6B'] }, ['profile', 'none']), { coverPages: true, handOutList: true });
    // Per class: a cover page, one list page, then 12 sheets on 2 pages.
    expect(result.pages).toBe(2 * (1 + 1 + 2));
    const text = file.text();
    expect(text).toMatch(/6A[\s\S]*6 élèves, 6 parents[\s\S]*Liste d’émargement · 6A[\s\S]*6B[\s\S]*Liste d’émargement · 6B/);
  });
});

describe('publipostage PDF, letters', () => {
  it.each([
    [1, 3],
    [2, 2],
  ] as const)('lays out %d per page: every sheet, no code for activated accounts, no poppler warning', async (layout, pages) => {
    const pupil = school.add({ first: 'Emma', last: 'ALLARD', classes: ['CP A'] });
    school.add({ first: 'Virginie', last: 'ALLARD', profile: 'relative', children: [pupil], activated: true });
    school.add({ first: 'Hélène', last: 'GARNIER', profile: 'teacher', classes: ['CP A'] });
    const { result, file } = await generate(selection({}), { layout });
    expect(file.pageCount()).toBe(pages);
    expect(result.sheets).toBe(3);
    const text = file.text();
    expect(text).toContain('Nice, le 1er septembre 2026');
    expect(text).toContain('Responsable de : Emma A. (CP A)');
    expect(text).toContain(school.account(pupil).code as string);
    expect(text.match(/Code d’activation/g)).toHaveLength(2);
    expect(text).toContain('Votre compte est déjà activé');
    expect(file.render().messages).toBe('');
  });

  it('prints one person’s sheet from their user sheet, named after their login', async () => {
    const id = school.add({ first: 'Emma', last: 'ALLARD', classes: ['CP A'] });
    school.add({ first: 'Léo', last: 'BERNARD', classes: ['CP A'] });
    const { result, file } = await generate({ kind: 'accounts', accountIds: [id] }, { layout: 1 });
    expect(result).toMatchObject({ sheets: 1, pages: 1, fileName: 'identifiants-ent-emma.allard.pdf' });
    expect(file.text()).not.toContain('leo.bernard');
  });

  it('uses the letter texts of Paramètres, placeholders filled', async () => {
    const pupil = school.add({ first: 'Emma', last: 'ALLARD', classes: ['CP A'] });
    school.add({ first: 'Virginie', last: 'ALLARD', profile: 'relative', children: [pupil] });
    const before = await school.api.publipostage.settings({});
    if (!before.ok) throw new Error(before.error.message);
    const parent = { ...before.value.texts.parent.notActivated, body: 'Bonjour {prenom},\n\nVos enfants : {enfants}. École : {ecole}.' };
    const saved = await school.api.publipostage.updateSettings({ texts: { parent: { notActivated: parent } }, defaultLayout: 1 });
    expect(saved.ok && saved.value.defaultLayout).toBe(1);
    const { file } = await generate(selection({ profiles: ['relative'] }), { layout: 1 });
    expect(file.text().replace(/\s+/g, ' ')).toContain('Vos enfants : Emma A. (CP A). École : École élémentaire Jules Ferry.');
  });

  it('refuses an unknown placeholder, in French, and keeps the previous texts', async () => {
    const before = await school.api.publipostage.settings({});
    if (!before.ok) throw new Error(before.error.message);
    const result = await school.api.publipostage.updateSettings({ texts: { pupil: { activated: { ...before.value.texts.pupil.activated, subject: 'Compte de {prenon}' } } } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ code: 'invalid-argument' });
    expect(!result.ok && result.error.message).toContain('Champ inconnu : {prenon}');
    const after = await school.api.publipostage.settings({});
    expect(after.ok && after.value).toEqual(before.value);
  });

  it('prints the logo of Paramètres once, whatever the number of letters, and does without a broken one', async () => {
    school.add({ first: 'Emma', last: 'ALLARD', classes: ['CP A'] });
    school.add({ first: 'Léo', last: 'BERNARD', classes: ['CP A'] });
    await school.api.school.updateSettings({ logo: `data:image/png;base64,${Buffer.from('pas une image').toString('base64')}` });
    const broken = await generate(selection({}), { layout: 1 });
    expect(broken.result.pages).toBe(2);
    expect(execFileSync('pdfimages', ['-list', broken.file.path], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(2);

    await school.api.school.updateSettings({ logo: `data:image/png;base64,${tinyPng()}` });
    const { file } = await generate(selection({}), { layout: 1 });
    const images = execFileSync('pdfimages', ['-list', file.path], { encoding: 'utf8' }).trim().split('\n').slice(2);
    // One line per page where it shows, both pointing at the same image object.
    expect(images).toHaveLength(2);
    expect(new Set(images.map((line) => line.trim().split(/\s+/)[10])).size).toBe(1);
    expect(file.render().messages).toBe('');
  });
});

describe('publipostage job', () => {
  it('reports progress and stops when cancelled', async () => {
    loadDemoSchool(school.db, testNow);
    const events: SesameEvent[] = [];
    school.context.events.subscribe((event) => events.push(event));
    const [result] = await Promise.all([
      school.api.publipostage.generate({ jobId: 'big', target: selection({}), options: { layout: 1, coverPages: false, handOutList: false }, outPath: null, keep: true }),
      Promise.resolve().then(() => school.api.system.cancel({ jobId: 'big' })),
    ]);
    expect(result).toEqual({ ok: false, error: { code: 'cancelled', message: 'Opération annulée.' } });
    expect(events.at(-1)).toEqual({ type: 'job-end', jobId: 'big', kind: 'pdf', outcome: 'cancelled' });

    const done = await generate(selection({}), { layout: 8 });
    const progress = events.filter((event) => event.type === 'progress' && event.jobId === 'test-pdf');
    expect(progress.at(-1)).toMatchObject({ done: done.result.sheets, total: done.result.sheets, kind: 'pdf' });
  });

  it('refuses, in French, a school without an ENT address or an empty selection', async () => {
    const empty = await school.api.publipostage.generate({ jobId: 'x', target: selection({}), options: { layout: 8, coverPages: false, handOutList: false }, outPath: null, keep: false });
    expect(!empty.ok && empty.error).toEqual({ code: 'not-found', message: 'Aucun compte ne correspond à cette sélection : il n’y a rien à imprimer.' });
    await school.api.school.updateSettings({ entUrl: '' });
    school.add({ first: 'Emma', last: 'ALLARD' });
    const noUrl = await school.api.publipostage.generate({ jobId: 'x', target: selection({}), options: { layout: 8, coverPages: false, handOutList: false }, outPath: null, keep: false });
    expect(!noUrl.ok && noUrl.error.message).toMatch(/^Rien n’a été produit : indiquez d’abord dans Paramètres › École l’adresse de connexion de l’ENT de votre école\./);
  });

  it('journals who generated how many sheets, without personal data', async () => {
    school.add({ first: 'Emma', last: 'ALLARD' });
    await generate(selection({}), { layout: 2 });
    const entry = school.db.prepare("SELECT actor, summary FROM journal WHERE action = 'publipostage.pdf'").get();
    expect(entry).toEqual({ actor: 'directrice', summary: 'Fiches de connexion générées : 1 comptes, 2 par page (A5, A4 paysage coupé en deux)' });
  });
});

describe('hand-out follow-up', () => {
  it('marks a whole class as handed out, then reprints only the sheets not yet handed out', async () => {
    const { pupils } = rentrée();
    const marked = await school.api.publipostage.markHandedOut({ target: selection({ classes: ['6A'] }), handedOut: true });
    expect(marked).toEqual({ ok: true, value: { accounts: 12, changed: 12 } });
    const again = await school.api.publipostage.markHandedOut({ target: selection({ classes: ['6A'] }), handedOut: true });
    expect(again.ok && again.value.changed).toBe(0);

    const remaining = await school.api.directory.list({ filter: { classes: ['6A', '6B'], handedOut: 'no' }, sort: ['class', 'none'], offset: 0, limit: 100 });
    expect(remaining.ok && remaining.value.total).toBe(12);
    const { file } = await generate(selection({ classes: ['6A', '6B'], handedOut: 'no' }));
    const text = file.text();
    for (const id of pupils.get('6A') ?? []) expect(text).not.toMatch(word(school.account(id).login));
    for (const id of pupils.get('6B') ?? []) expect(text).toMatch(word(school.account(id).login));

    const progress = await school.api.publipostage.followUp({});
    expect(progress.ok && progress.value.classes.find((row) => row.className === '6A')).toEqual({
      className: '6A',
      accounts: 12,
      handedOut: 12,
      activated: 2,
      newlyActivated: null,
      history: [],
    });
  });

  it('counts a sheet as not handed out once the ENT gives the account a new code', async () => {
    const id = school.add({ first: 'Emma', last: 'ALLARD', classes: ['CP A'] });
    await school.api.publipostage.markHandedOut({ target: { kind: 'accounts', accountIds: [id] }, handedOut: true });
    const handedOut = () => school.api.directory.list({ filter: { handedOut: 'yes' }, sort: ['none', 'none'], offset: 0, limit: 10 });
    expect((await handedOut()).ok && ((await handedOut()) as { value: { total: number } }).value.total).toBe(1);
    school.db.prepare("UPDATE account SET activation_code = 'nouveau8' WHERE id = ?").run(id);
    const after = await handedOut();
    expect(after.ok && after.value.total).toBe(0);
    const undo = await school.api.publipostage.markHandedOut({ target: { kind: 'accounts', accountIds: [id] }, handedOut: false });
    expect(undo.ok && undo.value).toEqual({ accounts: 1, changed: 0 });
  });
});

/** A valid 2 × 2 RGB PNG, built by hand (no image library in the project). */
function tinyPng(): string {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixels = Buffer.from([0, 30, 80, 130, 200, 200, 200, 0, 200, 200, 200, 30, 80, 130]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]).toString('base64');
}
