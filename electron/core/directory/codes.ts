import { randomFillSync } from 'node:crypto';
import { entCodeAlphabet, entCodeLength } from '../../../shared/domain/ent-code.ts';

/** The 28 symbols nobody misreads (no 0/o, 1/l/i, 2/z, q/9, u/v pairs): FORMATS.md. */
export const codeAlphabet = entCodeAlphabet;
export const codeLength = entCodeLength;

// 252 = 9 × 28: bytes at or above it are dropped so every symbol is equally likely.
const unbiasedLimit = 256 - (256 % codeAlphabet.length);

// Bytes from the OS's RNG, drawn a few kilobytes at a time and each used once: one RNG call
// per code cost more than the code itself when an import creates 27,000 accounts.
const pool = Buffer.alloc(4096);
let poolNext = pool.length;

function randomByte(): number {
  if (poolNext === pool.length) {
    randomFillSync(pool);
    poolNext = 0;
  }
  return pool[poolNext++] as number;
}

/** A one-time code from the OS's cryptographic RNG, without modulo bias. */
export function generateCode(length: number = codeLength): string {
  let code = '';
  while (code.length < length) {
    const byte = randomByte();
    if (byte < unbiasedLimit) code += codeAlphabet[byte % codeAlphabet.length];
  }
  return code;
}
