import { describe, expect, it } from 'vitest';
import { codeAlphabet, generateCode } from './codes.ts';

describe('activation codes', () => {
  it('are 8 symbols of the 28-symbol unambiguous alphabet', () => {
    expect(codeAlphabet).toHaveLength(28);
    for (let i = 0; i < 1000; i++) expect(generateCode()).toMatch(/^[abcdefghjkmnprstvwxyz3456789]{8}$/);
  });

  it('never contain the look-alikes 0 o 1 l i 2 q u', () => {
    const all = Array.from({ length: 2000 }, () => generateCode()).join('');
    expect(all).not.toMatch(/[0o1li2qu]/);
  });

  it('use every symbol about equally (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const draws = 28 * 4000;
    const text = Array.from({ length: draws / 8 }, () => generateCode()).join('');
    for (const symbol of text) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    expect(counts.size).toBe(28);
    // Expected 4000 each; a biased generator (bytes % 28) would overweight the first 4 symbols by ~10 %.
    for (const count of counts.values()) expect(Math.abs(count - 4000)).toBeLessThan(400);
  });

  it('differ from one another', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => generateCode()));
    expect(codes.size).toBe(5000);
  });
});
