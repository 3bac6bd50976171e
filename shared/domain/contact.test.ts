import { describe, expect, it } from 'vitest';
import { checkAlias, checkEmail, checkPhone } from './contact.ts';

describe('what the sheet accepts', () => {
  it.each([
    ['prenom.nom@laposte.fr', 'prenom.nom@laposte.fr'],
    ['  Prenom.Nom@Orange.FR ', 'Prenom.Nom@Orange.FR'],
    ['a+ent@sub.domaine.example', 'a+ent@sub.domaine.example'],
    ['', null],
  ])('e-mail « %s » → %s', (input, value) => {
    expect(checkEmail(input)).toEqual({ ok: true, value });
  });

  it.each(['prenom.nom', 'prenom@nom', 'a b@c.fr', 'a@b..fr', 'a@@b.fr', 'a@b.f', '<a@b.fr>'])('refuses the e-mail « %s »', (input) => {
    expect(checkEmail(input)).toMatchObject({ ok: false, message: expect.stringContaining('n’est pas une adresse de courriel valide') });
  });

  it.each([
    ['06 12 34 56 78', '0612345678'],
    ['06.12.34.56.78', '0612345678'],
    ['+33 6 12 34 56 78', '0612345678'],
    ['0033612345678', '0612345678'],
    ['+33 (0)6 12 34 56 78', '0612345678'],
    ['+32 470 12 34 56', '+32470123456'],
    ['', null],
  ])('phone « %s » → %s', (input, value) => {
    expect(checkPhone(input)).toEqual({ ok: true, value });
  });

  it.each(['06 12 34', '0012', 'six', '+33 0 12 34 56 78', '06123456789'])('refuses the phone « %s »', (input) => {
    expect(checkPhone(input)).toMatchObject({ ok: false });
  });

  it.each([
    ['jean.dupont', 'jean.dupont'],
    ['cm2.2026', 'cm2.2026'],
    ['', null],
  ])('alias « %s » → %s', (input, value) => {
    expect(checkAlias(input)).toEqual({ ok: true, value });
  });

  it.each(['Jean', 'jean-dupont', 'jean_dupont', 'hélène', 'a b', 'a'.repeat(65)])('refuses the alias « %s »', (input) => {
    expect(checkAlias(input)).toMatchObject({ ok: false });
  });
});
