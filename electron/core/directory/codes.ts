import { randomBytes } from 'node:crypto';

/** The 28 symbols nobody misreads (no 0/o, 1/l/i, 2/z, q/9, u/v pairs): FORMATS.md. */
export const codeAlphabet = 'abcdefghjkmnprstvwxyz3456789';
export const codeLength = 8;

// 252 = 9 × 28: bytes at or above it are dropped so every symbol is equally likely.
const unbiasedLimit = 256 - (256 % codeAlphabet.length);

/** A one-time code from the OS's cryptographic RNG, without modulo bias. */
export function generateCode(length: number = codeLength): string {
  let code = '';
  while (code.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= unbiasedLimit) continue;
      code += codeAlphabet[byte % codeAlphabet.length];
      if (code.length === length) break;
    }
  }
  return code;
}
