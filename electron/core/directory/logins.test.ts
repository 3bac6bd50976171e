import { describe, expect, it } from 'vitest';
import { loginBase, uniqueLogin } from './logins.ts';

describe('logins built by the ENT rules', () => {
  it.each([
    ['Jean-Marc', "N'Diaye", 'jeanmarc.ndiaye'],
    ['Łukasz', 'Wójcik', 'lukasz.wojcik'],
    ['Maëlle', 'DE LA FONTAINE', 'maelle.delafontaine'],
    ['Jean-Baptiste', 'CŒUR', 'jeanbaptiste.coeur'],
    ['Thị Lan', 'NGUYỄN', 'thilan.nguyen'],
  ])('%s %s → %s', (first, last, expected) => {
    expect(loginBase(first, last)).toBe(expected);
  });

  it('cuts the login to 30 characters', () => {
    expect(loginBase('Marie-Chantal-Éléonore', 'de Saint-Exupéry-Villeneuve')).toHaveLength(30);
  });

  it('appends 2, 3… on a collision with a login or an alias', () => {
    const taken = new Set(['emma.martin', 'emma.martin2']);
    expect(uniqueLogin('Emma', 'Martin', (login) => taken.has(login))).toBe('emma.martin3');
    expect(uniqueLogin('Léo', 'Petit', (login) => taken.has(login))).toBe('leo.petit');
  });
});
