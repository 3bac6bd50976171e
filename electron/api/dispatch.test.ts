import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allApiMethods } from '../../shared/api/contract.ts';
import { testSchool, type TestSchool } from '../test-support/school.ts';
import { dispatch } from './dispatch.ts';
import { allHandlers } from './handlers/index.ts';

describe('dispatch, the one entry point of every transport', () => {
  let school: TestSchool;
  beforeEach(async () => {
    school = await testSchool({ demo: true });
  });
  afterEach(() => school.cleanup());

  it('has a handler for every method of the contract, and nothing else', async () => {
    expect(Object.keys(await allHandlers()).sort()).toEqual((await allApiMethods()).sort());
  });

  it('refuses an unknown method', async () => {
    const result = await dispatch(school.context, 'directory.dropEverything', {});
    expect(result).toEqual({ ok: false, error: { code: 'unknown-method', message: 'Action inconnue : directory.dropEverything.' } });
  });

  it('refuses an argument that does not match the schema, in French, naming the field', async () => {
    const result = await dispatch(school.context, 'directory.list', { filter: { activated: 'peut-être' }, sort: ['none', 'none'], offset: 0, limit: 10 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-argument');
    expect(result.error.message).toContain('filter.activated');
    expect(result.error.message).toMatch(/invalide/i);
  });

  it('refuses unexpected extra fields', async () => {
    const result = await dispatch(school.context, 'school.loadDemo', { replace: false, sql: 'DROP TABLE account' });
    expect(result.ok).toBe(false);
  });

  it('turns a user error into a French message and changes nothing', async () => {
    const before = school.context.db.prepare('SELECT count(*) FROM account').pluck().get();
    const result = await school.api.school.loadDemo({ replace: false });
    expect(result).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Ce fichier d’école contient déjà des comptes : l’école de démonstration n’a pas été chargée.' },
    });
    expect(school.context.db.prepare('SELECT count(*) FROM account').pluck().get()).toBe(before);
  });

  it('answers the school identity through the typed client', async () => {
    const result = await school.api.school.info({});
    expect(result.ok && result.value.settings.schoolName).toBe('École de démonstration');
    expect(result.ok && result.value.accounts).toBeGreaterThanOrEqual(300);
  });

  it('validates and journals a settings change', async () => {
    const refused = await school.api.school.updateSettings({ uai: '123' });
    expect(!refused.ok && refused.error.message).toContain('UAI');
    const saved = await school.api.school.updateSettings({ city: 'Menton' });
    expect(saved.ok && saved.value.city).toBe('Menton');
    const entry = school.context.db.prepare("SELECT actor, action FROM journal WHERE action = 'settings.update'").get();
    expect(entry).toEqual({ actor: 'directrice', action: 'settings.update' });
  });

  it('reports cancelling an unknown job as nothing cancelled', async () => {
    expect(await school.api.system.cancel({ jobId: 'rien' })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
