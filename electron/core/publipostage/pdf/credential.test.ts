import { describe, expect, it } from 'vitest';
import { credentialMinSize, fitCredential, type CredentialBox } from './credential.ts';
import type { FontRole } from './fonts.ts';
import { DocumentFonts, Typesetter } from './text.ts';
import { longCredentials } from '../../../test-support/long-credentials.ts';

const longValues = longCredentials;

/** The boxes the layouts give a login, a code or the address (cards.ts, letter.ts, class-pages.ts). */
const boxes: [string, FontRole, CredentialBox][] = [
  ['card login', 'mono', { maxWidth: 196.64, sizes: [12.5, 10, 8] }],
  ['card address', 'sansBold', { maxWidth: 265.64, sizes: [8.2, 8.2], label: 480 }],
  ['A4 letter login', 'mono', { maxWidth: 331.48, sizes: [17.6, 13.2, 11] }],
  ['A5 letter login', 'mono', { maxWidth: 240.96, sizes: [13.44, 10.08, 8.4] }],
  ['A5 letter address', 'sansBold', { maxWidth: 240.96, sizes: [10.08, 8.4, 7.14] }],
  ['hand-out list login', 'mono', { maxWidth: 103.37, sizes: [8.5, 8, 7.5] }],
];

const type = new Typesetter(new DocumentFonts());

describe('a credential in its box', () => {
  it('is the 30 + 1 + 30 + 1 characters of the longest prenom.nom, and 64 for aliases', () => {
    expect(longValues.login).toHaveLength(62);
    expect(longValues.dottedAlias).toMatch(/^[0-9a-z.]{64}$/);
    expect(longValues.plainAlias).toMatch(/^[0-9a-z]{64}$/);
    expect(longValues.url.length).toBeGreaterThanOrEqual(95);
  });

  const cases = boxes.flatMap(([box, role, spec]) =>
    Object.entries(longValues)
      .filter(([name]) => (role === 'mono') === (name !== 'url'))
      .map(([name, value]) => [box, name, role, spec, value] as const),
  );
  it.each(cases)('%s: the %s is printed whole, within the width, on the lines the box has room for, at 7 pt or more', (_box, _name, role, spec, value) => {
    const fitted = fitCredential(type, value, role, spec);
    expect(fitted.lines.map((line) => line.text).join('')).toBe(value);
    expect(fitted.lines.length).toBeLessThanOrEqual(spec.sizes.length);
    expect(fitted.size).toBeGreaterThanOrEqual(credentialMinSize);
    expect(fitted.size).toBeLessThanOrEqual(spec.sizes[fitted.lines.length - 1] as number);
    fitted.lines.forEach((line, index) => {
      const label = index === 0 ? (spec.label ?? 0) : 0;
      expect(((line.width + label) * fitted.size) / 1000).toBeLessThanOrEqual(spec.maxWidth + 0.001);
    });
    expect(fitted.shrunk).toBe(true);
  });

  it.each([
    ['mariecharlottealexandrineberen.superlongnomdefamillequidepass2', ['mariecharlottealexandrineberen.', 'superlongnomdefamillequidepass2']],
    ['jean.baptiste.emmanuel.de.la.rochefoucauld.montmorency.x2024.ab', ['jean.baptiste.emmanuel.de.la.', 'rochefoucauld.montmorency.x2024.ab']],
  ])('breaks %s after a dot, never inside a word that a dot could end', (value, lines) => {
    const fitted = fitCredential(type, value, 'mono', { maxWidth: 196.64, sizes: [12.5, 10, 8] });
    expect(fitted.lines.map((line) => line.text)).toEqual(lines);
  });

  it.each([
    ['emma.martin', 12.5],
    ['leo.dupont2', 12.5],
  ])('leaves %s on one line at full size, not reported', (value, size) => {
    const fitted = fitCredential(type, value, 'mono', { maxWidth: 196.64, sizes: [12.5, 10, 8] });
    expect(fitted).toMatchObject({ size, shrunk: false });
    expect(fitted.lines).toHaveLength(1);
  });

  it('keeps a 30-character login on one line, a little smaller, on a card', () => {
    const fitted = fitCredential(type, 'jeanbaptiste.delarochefoucauld', 'mono', { maxWidth: 196.64, sizes: [12.5, 10, 8] });
    expect(fitted.lines).toHaveLength(1);
    expect(fitted.size).toBeGreaterThan(10.5);
  });

  it('prints a code of 8 characters at its size', () => {
    expect(fitCredential(type, 'k3m7p9rt', 'mono', { maxWidth: 196.64, sizes: [14] })).toMatchObject({ size: 14, shrunk: false });
  });
});
