import { describe, expect, it } from 'vitest';
import { recoveryKeyCharacters, recoveryKeyProgress } from './recovery-key-input.ts';

const key = '7KQ2-M9XD-0000-1111-2222-3333-4444-5555-6666-7777-8888-9999-AAAA-BBBB';

describe('the recovery key field', () => {
  it.each([
    ['', 0],
    [key, 56],
    [key.replaceAll('-', ' ').toLowerCase(), 56],
    ['7kq2 m9xd\n0000', 12],
  ])('counts %j as %i characters', (typed, count) => {
    expect(recoveryKeyCharacters(typed)).toBe(count);
  });

  it('tells the director how far along the key is', () => {
    expect(recoveryKeyProgress('')).toMatch(/14 groupes de 4/);
    expect(recoveryKeyProgress('7KQ2 M9XD')).toBe('8 caractères sur 56 : il en manque 48.');
    expect(recoveryKeyProgress(key)).toBe('56 caractères : la clé est complète.');
    expect(recoveryKeyProgress(`${key}-Z`)).toBe('57 caractères : 1 de trop (la clé en compte 56).');
  });
});
