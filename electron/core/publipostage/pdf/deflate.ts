/**
 * A small zlib (RFC 1950/1951) compressor for page content streams: LZ77 with hash chains and
 * the fixed Huffman code, every table allocated once and reused. Node's zlib costs a native
 * handle, a few allocations and tens of microseconds per call — for 5,000 one-kilobyte pages
 * that overhead outweighs the compression itself. Large streams (fonts) still go to zlib.
 */
const windowSize = 32_768;
const hashBits = 13;
const hashSize = 1 << hashBits;
const maxMatch = 258;
const minMatch = 3;
const maxChain = 8;
/** Positions inside a longer match are not indexed (zlib's « max_insert_length » at fast levels). */
const maxInsert = 6;

/** Bit-reversed fixed Huffman codes (RFC 1951, 3.2.6) and their lengths, for symbols 0–287. */
const literalCodes = new Uint16Array(288);
const literalLengths = new Uint8Array(288);
const distanceCodes = new Uint16Array(30);

function reverse(code: number, length: number): number {
  let reversed = 0;
  for (let i = 0; i < length; i++) reversed |= ((code >> i) & 1) << (length - 1 - i);
  return reversed;
}

for (let symbol = 0; symbol < 288; symbol++) {
  const [base, start, length] =
    symbol < 144 ? [0x30, 0, 8] : symbol < 256 ? [0x190, 144, 9] : symbol < 280 ? [0, 256, 7] : [0xc0, 280, 8];
  literalCodes[symbol] = reverse(base + symbol - start, length);
  literalLengths[symbol] = length;
}
for (let code = 0; code < 30; code++) distanceCodes[code] = reverse(code, 5);

/** Length 3–258 → (symbol, extra bits, base); distance 1–32768 → (code, extra bits, base). */
const lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const lengthIndex = new Uint8Array(maxMatch + 1);
for (let i = 0; i < lengthBase.length; i++) {
  const end = i + 1 < lengthBase.length ? (lengthBase[i + 1] as number) : maxMatch + 1;
  for (let length = lengthBase[i] as number; length < end; length++) lengthIndex[length] = i;
}
lengthIndex[maxMatch] = 28;

/** Distance → its code, for every distance of the window (32 KB of table, built once). */
const distanceIndex = new Uint8Array(windowSize + 1);
for (let code = 0; code < distanceBase.length; code++) {
  const end = code + 1 < distanceBase.length ? (distanceBase[code + 1] as number) : windowSize + 1;
  for (let distance = distanceBase[code] as number; distance < end; distance++) distanceIndex[distance] = code;
}

// Reused by every call: positions are stored shifted by `epoch`, so stale entries from the
// previous input read as out of range and the tables never need clearing.
const head = new Int32Array(hashSize);
const previous = new Int32Array(windowSize);
let epoch = 0;
let output = new Uint8Array(1 << 16);

export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 3800, bytes.length);
    for (; i < end; i++) {
      a += bytes[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib-wrapped deflate of `input` (at most 32 KB: callers send larger data to node:zlib). */
export function deflateSmall(input: Uint8Array): Uint8Array {
  const length = input.length;
  if (length > windowSize) throw new RangeError('deflateSmall: input larger than the window');
  if (epoch > 0x3fffffff) {
    head.fill(0);
    epoch = 0;
  }
  const base = epoch + windowSize + 1;
  epoch = base + length;
  // Worst case: 9 bits per literal, plus header and trailer.
  const bound = Math.ceil((length * 9) / 8) + 16;
  if (output.length < bound) output = new Uint8Array(bound * 2);
  const out = output;
  out[0] = 0x78;
  out[1] = 0x01;
  let position = 2;
  let bitBuffer = 0;
  let bitCount = 0;
  const put = (bits: number, count: number) => {
    bitBuffer |= bits << bitCount;
    bitCount += count;
    while (bitCount >= 8) {
      out[position++] = bitBuffer & 0xff;
      bitBuffer >>>= 8;
      bitCount -= 8;
    }
  };
  put(1, 1); // BFINAL
  put(1, 2); // BTYPE = fixed Huffman

  const hashAt = (i: number) => (((input[i] as number) << 10) ^ ((input[i + 1] as number) << 5) ^ (input[i + 2] as number)) & (hashSize - 1);
  const insert = (i: number) => {
    const h = hashAt(i);
    previous[i & (windowSize - 1)] = head[h] as number;
    head[h] = base + i;
  };

  let i = 0;
  while (i < length) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + minMatch <= length) {
      let candidate = (head[hashAt(i)] as number) - base;
      const limit = Math.min(maxMatch, length - i);
      for (let chain = 0; chain < maxChain && candidate >= 0 && i - candidate <= windowSize; chain++) {
        if (input[candidate + bestLength] === input[i + bestLength]) {
          let matched = 0;
          while (matched < limit && input[candidate + matched] === input[i + matched]) matched++;
          if (matched > bestLength) {
            bestLength = matched;
            bestDistance = i - candidate;
            if (matched === limit) break;
          }
        }
        candidate = (previous[candidate & (windowSize - 1)] as number) - base;
      }
      insert(i);
    }
    if (bestLength >= minMatch) {
      const li = lengthIndex[bestLength] as number;
      const symbol = 257 + li;
      put(literalCodes[symbol] as number, literalLengths[symbol] as number);
      put(bestLength - (lengthBase[li] as number), lengthExtra[li] as number);
      const di = distanceIndex[bestDistance] as number;
      put(distanceCodes[di] as number, 5);
      put(bestDistance - (distanceBase[di] as number), distanceExtra[di] as number);
      if (bestLength <= maxInsert) for (let k = 1; k < bestLength; k++) if (i + k + minMatch <= length) insert(i + k);
      i += bestLength;
    } else {
      const literal = input[i] as number;
      put(literalCodes[literal] as number, literalLengths[literal] as number);
      i++;
    }
  }
  put(literalCodes[256] as number, literalLengths[256] as number);
  if (bitCount > 0) out[position++] = bitBuffer & 0xff;
  const checksum = adler32(input);
  out[position++] = checksum >>> 24;
  out[position++] = (checksum >>> 16) & 0xff;
  out[position++] = (checksum >>> 8) & 0xff;
  out[position++] = checksum & 0xff;
  return out.slice(0, position);
}
