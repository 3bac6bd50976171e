import { describe, expect, it } from 'vitest';
import { jsonCopy } from './json-copy.ts';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value) as string);

describe('jsonCopy', () => {
  it('gives what a JSON round trip gives', () => {
    class Point {
      x = 1;
      hidden?: number;
      get y() {
        return 2;
      }
    }
    const samples: unknown[] = [
      'texte', '', 0, -0, 1.5, Number.NaN, Infinity, true, null,
      [1, undefined, () => 1, Symbol('s'), Number.NaN, [2, [3]]],
      // A sparse array: the hole becomes null.
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      { a: 1, b: undefined, c: () => 1, d: { e: [new Date(Date.UTC(2026, 8, 1))] }, f: new Map([[1, 2]]), g: new Set([1]) },
      { toJSON: (key: string) => `clé « ${key} »` },
      { nested: { toJSON: (key: string) => ({ key }) }, list: [{ toJSON: (key: string) => key }] },
      [new Number(3), new String('s'), new Boolean(false)],
      new Point(),
      Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 }),
      JSON.parse('{"__proto__": {"polluted": true}, "x": 1}'),
      { accents: 'Élève œ Ł ş \u{1F600} \ud800' },
    ];
    for (const sample of samples) expect(jsonCopy(sample)).toStrictEqual(roundTrip(sample));
    expect(Object.is(jsonCopy(-0), 0)).toBe(true);
  });

  it('keeps __proto__ as a plain key, never as a prototype', () => {
    const copied = jsonCopy(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(Object.keys(copied)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses what JSON refuses', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => jsonCopy(cycle)).toThrow(TypeError);
    expect(() => jsonCopy({ big: 10n })).toThrow(TypeError);
    // The same object twice, side by side, is not a cycle.
    const shared = { a: 1 };
    expect(jsonCopy([shared, shared])).toEqual([{ a: 1 }, { a: 1 }]);
  });

  it('returns fresh objects and arrays', () => {
    const original = { list: [{ a: 1 }] };
    const copied = jsonCopy(original) as typeof original;
    expect(copied).not.toBe(original);
    expect(copied.list).not.toBe(original.list);
    expect(copied.list[0]).not.toBe(original.list[0]);
  });
});
