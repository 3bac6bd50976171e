import { beforeEach, describe, expect, it } from 'vitest';
import { givenSchool, value, type TestSchool } from '../../test-support/given-school.ts';
import { purgeExpired } from './status.ts';

describe('blocking, pre-deleting and purging', () => {
  let school: TestSchool;
  let cpA: number;
  let heloise: number;
  let sandrine: number;

  beforeEach(async () => {
    school = await givenSchool();
    cpA = school.addClass('CP A');
    heloise = school.addAccount({ lastName: 'MARTIN', firstName: 'Héloïse' });
    sandrine = school.addAccount({ lastName: 'MARTIN', firstName: 'Sandrine', profile: 'relative', email: 'sandrine@laposte.example' });
    school.attach(heloise, cpA);
    school.link(sandrine, heloise);
  });

  const sheet = async (id: number) => value(await school.api.directory.get({ id }));

  it('blocks then unblocks, once each', async () => {
    expect(value(await school.api.directory.setBlocked({ id: heloise, blocked: true }))).toEqual({ changed: true, entTodo: 'recorded' });
    expect(value(await school.api.directory.setBlocked({ id: heloise, blocked: true }))).toEqual({ changed: false, entTodo: 'none' });
    expect((await sheet(heloise)).blocked).toBe(true);
    expect(value(await school.api.directory.setBlocked({ id: heloise, blocked: false }))).toEqual({ changed: true, entTodo: 'cancelled' });
    expect((await sheet(heloise)).blocked).toBe(false);
    const journal = value(await school.api.directory.journal({ accountId: heloise, offset: 0, limit: 10 }));
    expect(journal.items.map((item) => [item.action, item.summary])).toEqual([
      ['account.unblock', 'Compte débloqué dans Sésame — l’action inverse n’avait pas encore été faite dans l’ENT : plus rien à y faire'],
      ['account.block', 'Compte bloqué dans Sésame — à faire dans l’ENT'],
    ]);
  });

  it('pre-deletes and restores, keeping classes and links', async () => {
    expect(value(await school.api.directory.preDelete({ id: heloise }))).toEqual({ changed: true, entTodo: 'recorded' });
    expect((await sheet(heloise)).preDeletedAt).toBe('2026-09-07T08:00:00.000Z');
    expect(value(await school.api.directory.restore({ id: heloise }))).toEqual({ changed: true, entTodo: 'cancelled' });
    const restored = await sheet(heloise);
    expect(restored.preDeletedAt).toBeNull();
    expect(restored.classes.map((c) => c.name)).toEqual(['CP A']);
    expect(restored.guardians.map((g) => g.firstName)).toEqual(['Sandrine']);
  });

  it('purges an account 90 days after its pre-deletion, not a day before, and journals it', async () => {
    value(await school.api.directory.preDelete({ id: sandrine }));
    value(await school.api.directory.update({ id: heloise, email: 'heloise@example.fr' }));
    school.advance(89);
    expect(purgeExpired(school.db, school.clock.now, 'directrice')).toBe(0);
    school.advance(1);
    expect(purgeExpired(school.db, school.clock.now, 'directrice')).toBe(1);

    const gone = await school.api.directory.get({ id: sandrine });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await sheet(heloise)).guardians).toEqual([]);
    const journal = value(await school.api.directory.journal({ accountId: sandrine, offset: 0, limit: 10 }));
    expect(journal.items[0]).toMatchObject({
      action: 'account.purge',
      accountName: null,
      summary: 'Compte Parent supprimé définitivement, 90 jours après sa pré-suppression du 07/09/2026',
    });
    // The personal values the journal held for that account are gone with it.
    expect(journal.items.every((item) => item.before === null && item.after === null)).toBe(true);
  });

  it.each([
    ['block', (s: TestSchool, id: number) => s.api.directory.setBlocked({ id, blocked: true })],
    ['pre-delete', (s: TestSchool, id: number) => s.api.directory.preDelete({ id })],
    ['restore', (s: TestSchool, id: number) => s.api.directory.restore({ id })],
    ['edit', (s: TestSchool, id: number) => s.api.directory.update({ id, phone: '0612345678' })],
    ['attach to a class', (s: TestSchool, id: number) => s.api.directory.attachClass({ id, classId: cpA })],
    ['print a renewal sheet', (s: TestSchool, id: number) => s.api.directory.renewalSheet({ id, code: '3d3nbrm8' })],
    ['link a guardian', (s: TestSchool, id: number) => s.api.directory.linkGuardian({ guardianId: id, childId: heloise })],
  ])('refuses to %s on a purged account, in French', async (_action, act) => {
    value(await school.api.directory.preDelete({ id: sandrine }));
    school.advance(90);
    purgeExpired(school.db, school.clock.now);
    const journalSize = school.db.prepare('SELECT count(*) FROM journal').pluck().get();
    const result = await act(school, sandrine);
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: `Ce compte n’existe plus (n° ${sandrine}) : il a été supprimé définitivement ou fusionné. Rien n’a été modifié.` } });
    expect(school.db.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(journalSize);
  });
});
