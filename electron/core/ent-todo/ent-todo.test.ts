import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntTodo } from '../../../shared/domain/ent-todo.ts';
import { givenSchool, value, type TestSchool } from '../../test-support/given-school.ts';
import { PopplerFile } from '../../test-support/poppler.ts';
import { purgeExpired } from '../directory/status.ts';
import { writeSettings } from '../directory/settings.ts';

const summary = (item: EntTodo) => [item.kind, `${item.account.firstName} ${item.account.lastName}`, item.closure];

describe('« à faire dans l’ENT »: actions recorded in Sésame, done in the ENT console', () => {
  let school: TestSchool;
  let heloise: number;
  let lucas: number;

  beforeEach(async () => {
    school = await givenSchool();
    heloise = school.addAccount({ lastName: 'MARTIN', firstName: 'Héloïse', entStatus: 'known' });
    lucas = school.addAccount({ lastName: 'PETIT', firstName: 'Lucas', source: 'ONDE', activationCode: null, entStatus: 'pending' });
  });

  const open = async () => value(await school.api.entTodo.list({ state: 'open', offset: 0, limit: 100 }));
  const all = async () => value(await school.api.entTodo.list({ state: 'all', offset: 0, limit: 100 }));

  it('blocks locally at once and lists « Bloquer le compte » with its date and author until ticked « Fait dans l’ENT »', async () => {
    expect(value(await school.api.directory.setBlocked({ id: heloise, blocked: true }))).toEqual({ changed: true, entTodo: 'recorded' });

    expect(value(await school.api.directory.get({ id: heloise })).blocked).toBe(true);
    const page = await open();
    expect(page.open).toBe(1);
    expect(page.items).toMatchObject([
      { kind: 'block', account: { id: heloise, lastName: 'MARTIN', firstName: 'Héloïse' }, createdAt: '2026-09-07T08:00:00.000Z', createdBy: 'directrice', closedAt: null },
    ]);
    const journal = value(await school.api.directory.journal({ accountId: heloise, offset: 0, limit: 1 }));
    expect(journal.items[0]?.summary).toBe('Compte bloqué dans Sésame — à faire dans l’ENT');

    school.advance(1);
    const id = page.items[0]?.id as number;
    expect(value(await school.api.entTodo.markDone({ ids: [id] }))).toEqual({ closed: 1 });
    expect(value(await school.api.entTodo.markDone({ ids: [id] }))).toEqual({ closed: 0 });
    expect((await open()).items).toEqual([]);
    expect((await all()).items[0]).toMatchObject({ closure: 'done', closedAt: '2026-09-08T08:00:00.000Z', closedBy: 'directrice' });
    // Still blocked in Sésame: the flag is what keeps the sheets from being handed out.
    expect(value(await school.api.directory.get({ id: heloise })).blocked).toBe(true);

    expect(value(await school.api.entTodo.reopen({ id }))).toEqual({ changed: true });
    expect((await open()).items.map(summary)).toEqual([['block', 'Héloïse MARTIN', null]]);
  });

  it('cancels a block not yet done in the ENT when the director unblocks, rather than asking for both', async () => {
    value(await school.api.directory.setBlocked({ id: heloise, blocked: true }));
    expect(value(await school.api.directory.setBlocked({ id: heloise, blocked: false }))).toEqual({ changed: true, entTodo: 'cancelled' });
    expect((await all()).items.map(summary)).toEqual([['block', 'Héloïse MARTIN', 'cancelled']]);

    // Once the block was done in the ENT, unblocking is a new thing to do there.
    value(await school.api.directory.setBlocked({ id: heloise, blocked: true }));
    const block = (await open()).items[0] as EntTodo;
    value(await school.api.entTodo.markDone({ ids: [block.id] }));
    expect(value(await school.api.directory.setBlocked({ id: heloise, blocked: false }))).toEqual({ changed: true, entTodo: 'recorded' });
    expect((await open()).items.map(summary)).toEqual([['unblock', 'Héloïse MARTIN', null]]);
  });

  it('has nothing to do in the ENT for an account the ENT does not have yet', async () => {
    expect(value(await school.api.directory.setBlocked({ id: lucas, blocked: true }))).toEqual({ changed: true, entTodo: 'none' });
    expect(value(await school.api.directory.preDelete({ id: lucas }))).toEqual({ changed: true, entTodo: 'none' });
    expect((await all()).total).toBe(0);
  });

  it('keeps an open pre-deletion through the local purge (the ENT still holds the account) and forgets the closed ones', async () => {
    value(await school.api.directory.setBlocked({ id: heloise, blocked: true }));
    value(await school.api.entTodo.markDone({ ids: (await open()).items.map((item) => item.id) }));
    value(await school.api.directory.preDelete({ id: heloise }));
    school.advance(90);
    expect(purgeExpired(school.db, school.clock.now)).toBe(1);

    const items = (await all()).items;
    expect(items.map(summary)).toEqual([['preDelete', 'Héloïse MARTIN', null]]);
    expect(items[0]?.accountExists).toBe(false);
  });

  it('lists one account’s items, and filters by state and kind', async () => {
    value(await school.api.directory.setBlocked({ id: heloise, blocked: true }));
    value(await school.api.directory.createGuest({ lastName: 'Stagiaire', firstName: 'Pierre' }));
    const mine = value(await school.api.entTodo.list({ state: 'open', accountId: heloise, offset: 0, limit: 10 }));
    expect(mine.items.map(summary)).toEqual([['block', 'Héloïse MARTIN', null]]);
    expect(mine.open).toBe(2);
    const guests = value(await school.api.entTodo.list({ state: 'open', kinds: ['createGuest'], offset: 0, limit: 10 }));
    expect(guests.items.map(summary)).toEqual([['createGuest', 'Pierre STAGIAIRE', null]]);
    expect(value(await school.api.entTodo.list({ state: 'closed', offset: 0, limit: 10 })).total).toBe(0);
  });

  it('records a merge for the ENT when the duplicate is in it, and cancels the creation of a guest the ENT never had', async () => {
    const teacher = school.addAccount({ lastName: 'DURAND', firstName: 'Paul', profile: 'teacher', entStatus: 'known' });
    const knownGuest = school.addAccount({ lastName: 'DURAND', firstName: 'Paul', profile: 'guest', login: 'paul.durand2', entStatus: 'known' });
    const merged = value(await school.api.directory.merge({ keepId: teacher, removeId: knownGuest }));
    expect(merged.entTodo).toBe('recorded');
    expect((await open()).items).toMatchObject([
      { kind: 'merge', account: { id: teacher, login: expect.stringContaining('paul') }, merged: { id: knownGuest, profile: 'guest', login: 'paul.durand2' } },
    ]);

    const pendingGuest = value(await school.api.directory.createGuest({ lastName: 'Durand', firstName: 'Paule' })).id;
    expect(value(await school.api.directory.merge({ keepId: teacher, removeId: pendingGuest })).entTodo).toBe('none');
    expect((await all()).items.map(summary)).toEqual([
      ['merge', 'Paul DURAND', null],
      ['createGuest', 'Paule DURAND', 'cancelled'],
    ]);
  });

  it('prints the open items as a checklist with the console’s steps, and refuses an empty one in French', async () => {
    expect(await school.api.entTodo.checklist({})).toEqual({ ok: false, error: { code: 'not-found', message: 'Rien n’est à faire dans l’ENT : la liste imprimable serait vide.' } });
    writeSettings(school.db, { schoolName: 'École Jules Ferry', entName: 'ONE', city: 'Nice' });
    value(await school.api.directory.setBlocked({ id: heloise, blocked: true }));
    value(await school.api.directory.createGuest({ lastName: 'Stagiaire', firstName: 'Pierre' }));

    const checklist = value(await school.api.entTodo.checklist({}));
    expect(checklist).toMatchObject({ items: 2, pages: 1, fileName: 'a-faire-dans-l-ent-2026-09-07.pdf' });
    const document = value(await school.api.publipostage.document({ documentId: checklist.documentId }));
    const pdf = new PopplerFile(Buffer.from(document.base64, 'base64'));
    try {
      const text = pdf.text().replace(/\s+/g, ' ');
      expect(text).toContain('À faire dans l’ENT');
      expect(text).toContain('Enregistré dans Sésame — à faire dans l’ENT');
      expect(text).toContain('Bloquer le compte (1)');
      expect(text).toContain('Cliquez sur « Bloquer le compte »');
      expect(text).toContain('MARTIN Héloïse · Élève');
      expect(text).toContain('Créer le compte invité (1)');
      expect(text).toContain('STAGIAIRE Pierre · Invité');
      expect(text).toContain('Enregistré dans Sésame le 07/09/2026 par directrice');
      expect(pdf.fonts().every((font) => font.embedded)).toBe(true);
      expect(pdf.render().messages).toBe('');
    } finally {
      pdf.dispose();
    }
  });

  it('hands the guests to create to the ENT as an ENT Core import file (profile « Invité »)', async () => {
    expect(await school.api.entTodo.guestImportFile({})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    value(await school.api.directory.createGuest({ lastName: 'Stagiaire', firstName: 'Pierre', email: 'p.stagiaire@ac-nice.example', phone: '+33 6 12 34 56 78' }));
    const file = value(await school.api.entTodo.guestImportFile({}));
    expect(file).toMatchObject({ fileName: 'invites-a-creer-2026-09-07.csv', rows: 1 });
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toBe('\ufeffNom;Prénom;Courriel;Téléphone\r\nSTAGIAIRE;Pierre;p.stagiaire@ac-nice.example;0612345678\r\n');
  });
});

describe('the ENT export closes what it shows', () => {
  let school: Awaited<ReturnType<typeof import('../../test-support/import-school.ts').testSchool>>;

  afterEach(() => school.close());

  it('closes « Créer le compte invité » when an ENT export brings the guest, and reopens it when that import is undone', async () => {
    const { testSchool, importFiles, value: ok } = await import('../../test-support/import-school.ts');
    const { entExport } = await import('../../test-support/import-files.ts');
    school = await testSchool();
    const guest = ok(await school.api.directory.createGuest({ lastName: 'Stagiaire', firstName: 'Pierre' }));
    const list = async () => ok(await school.api.entTodo.list({ state: 'all', offset: 0, limit: 10 })).items;
    expect((await list()).map(summary)).toEqual([['createGuest', 'Pierre STAGIAIRE', null]]);

    const result = await importFiles(school, {
      'export.csv': entExport([{ id: 'ent-guest-1', type: 'Invité', last: 'STAGIAIRE', first: 'Pierre', login: 'pierre.stagiaire', code: 'k7mpw4ra' }]),
    });

    const account = ok(await school.api.directory.get({ id: guest.id }));
    expect(account.activationCode).toBe('k7mpw4ra');
    const closed = (await list())[0];
    expect(closed).toMatchObject({ kind: 'createGuest', closure: 'seenInExport', closedBy: 'directrice' });
    const journal = ok(await school.api.directory.journal({ accountId: guest.id, offset: 0, limit: 20 }));
    expect(journal.items.map((item) => item.summary)).toContain(`Vu dans l’export de l’ENT (import n° ${result.runId}) : créer le compte invité (Pierre STAGIAIRE)`);

    ok(await school.api.imports.undoLast({}));
    expect((await list()).map(summary)).toEqual([['createGuest', 'Pierre STAGIAIRE', null]]);
  });
});
