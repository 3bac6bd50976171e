import { describe, expect, it } from 'vitest';
import { activationWording, formatSigned } from './wording.ts';

describe('activation progress wording', () => {
  it.each([
    [{ accounts: 540, activated: 312, newlyActivated: 48 }, '48 comptes activés depuis l’import précédent (312 sur 540, 58 %)'],
    [{ accounts: 7, activated: 1, newlyActivated: 1 }, '1 compte activé depuis l’import précédent (1 sur 7, 14 %)'],
    [{ accounts: 7, activated: 1, newlyActivated: 0 }, 'Aucun nouveau compte activé depuis l’import précédent (1 sur 7, 14 %)'],
    [{ accounts: 7, activated: 0, newlyActivated: -2 }, '2 comptes activés de moins qu’avant l’import : l’ENT leur a donné un nouveau code (0 sur 7, 0 %)'],
    [{ accounts: 0, activated: 0, newlyActivated: 0 }, 'Aucun nouveau compte activé depuis l’import précédent (0 sur 0, 0 %)'],
  ])('%o → %s', (progress, expected) => {
    expect(activationWording(progress)).toBe(expected);
  });
});

describe('a change of a count', () => {
  it.each([
    [48, '+48'],
    [1200, '+1\u202f200'],
    [0, '0'],
    [-3, '-3'],
  ])('%d → %s', (n, expected) => {
    expect(formatSigned(n)).toBe(expected);
  });
});
