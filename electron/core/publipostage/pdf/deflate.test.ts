import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adler32, deflateSmall } from './deflate.ts';

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('deflateSmall', () => {
  const random = seeded(7);
  const samples: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['one byte', Buffer.from('a')],
    ['a long run', Buffer.alloc(5000, 'x')],
    ['a page content', Buffer.from('q 1 0 0 1 56 699.29 cm /X2 Do Q\n0.1 0.11 0.13 rg\nBT 312.14 678.06 Td /F2 15.4 Tf [(\0\u0014\0\u000e) 28 (\0\u0010)] TJ ET\n'.repeat(20), 'latin1')],
    ['random bytes', Uint8Array.from({ length: 32_768 }, () => Math.floor(random() * 256))],
    ['text with long and far matches', Buffer.from(Array.from({ length: 400 }, (_, i) => `ligne ${i % 37} du texte ${i % 11}`).join('\n'))],
  ];

  it.each(samples)('is read back identically by zlib: %s', (_label, input) => {
    expect(Buffer.from(inflateSync(deflateSmall(input))).equals(Buffer.from(input))).toBe(true);
  });

  it('gives independent results call after call (its tables are reused)', () => {
    const first = deflateSmall(samples[3]?.[1] as Uint8Array);
    deflateSmall(samples[4]?.[1] as Uint8Array);
    expect(deflateSmall(samples[3]?.[1] as Uint8Array)).toEqual(first);
  });

  it('computes the zlib checksum', () => {
    const input = Buffer.from('Wikipedia');
    expect(adler32(input)).toBe(0x11e60398);
    expect(deflateSync(input).readUInt32BE(deflateSync(input).length - 4)).toBe(adler32(input));
  });

  it('refuses an input larger than its window', () => {
    expect(() => deflateSmall(new Uint8Array(40_000))).toThrow(RangeError);
  });
});
