/**
 * Pair kerning read straight from a TrueType font's GPOS table: the lookups of the `kern`
 * feature, pair adjustment (type 2, formats 1 and 2, possibly behind an extension, type 9).
 * fontkit's layout does the same with full shaping at ~50 µs a call; a pair here costs a few
 * binary searches. Reference: OpenType spec, « GPOS — Glyph Positioning Table ».
 */
export type KerningLookup = (left: number, right: number) => number;

interface PairSubtable {
  coverage: number;
  format: number;
  /** Offset of the XAdvance of the first glyph's value record, or -1 if the record has none. */
  xAdvance: number;
  record1Size: number;
  record2Size: number;
  base: number;
}

const noKerning: KerningLookup = () => 0;

function popcount(value: number): number {
  let count = 0;
  for (let bits = value; bits; bits &= bits - 1) count++;
  return count;
}

export function readKerning(bytes: Uint8Array): KerningLookup {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (offset: number) => view.getUint16(offset);
  const i16 = (offset: number) => view.getInt16(offset);

  let gpos = -1;
  const tables = u16(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    if (String.fromCharCode(bytes[record]!, bytes[record + 1]!, bytes[record + 2]!, bytes[record + 3]!) === 'GPOS') {
      gpos = view.getUint32(record + 8);
    }
  }
  if (gpos < 0) return noKerning;

  const featureList = gpos + u16(gpos + 6);
  const lookupList = gpos + u16(gpos + 8);
  const lookupIndices = new Set<number>();
  for (let i = 0, count = u16(featureList); i < count; i++) {
    const record = featureList + 2 + i * 6;
    const tag = String.fromCharCode(bytes[record]!, bytes[record + 1]!, bytes[record + 2]!, bytes[record + 3]!);
    if (tag !== 'kern') continue;
    const feature = featureList + u16(record + 4);
    for (let j = 0, n = u16(feature + 2); j < n; j++) lookupIndices.add(u16(feature + 4 + j * 2));
  }

  const lookups: PairSubtable[][] = [];
  for (const index of [...lookupIndices].sort((a, b) => a - b)) {
    const lookup = lookupList + u16(lookupList + 2 + index * 2);
    const type = u16(lookup);
    const subtables: PairSubtable[] = [];
    for (let s = 0, n = u16(lookup + 4); s < n; s++) {
      let subtable = lookup + u16(lookup + 6 + s * 2);
      let subtableType = type;
      if (type === 9) {
        subtableType = u16(subtable + 2);
        subtable += view.getUint32(subtable + 4);
      }
      if (subtableType !== 2) continue;
      const valueFormat1 = u16(subtable + 4);
      const valueFormat2 = u16(subtable + 6);
      subtables.push({
        base: subtable,
        format: u16(subtable),
        coverage: subtable + u16(subtable + 2),
        xAdvance: valueFormat1 & 0x4 ? 2 * popcount(valueFormat1 & 0x3) : -1,
        record1Size: 2 * popcount(valueFormat1 & 0xff),
        record2Size: 2 * popcount(valueFormat2 & 0xff),
      });
    }
    if (subtables.length) lookups.push(subtables);
  }
  if (lookups.length === 0) return noKerning;

  const coverageIndex = (coverage: number, glyph: number): number => {
    const format = u16(coverage);
    const count = u16(coverage + 2);
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (format === 1) {
        const value = u16(coverage + 4 + middle * 2);
        if (value === glyph) return middle;
        if (value < glyph) low = middle + 1;
        else high = middle - 1;
      } else {
        const range = coverage + 4 + middle * 6;
        if (glyph < u16(range)) high = middle - 1;
        else if (glyph > u16(range + 2)) low = middle + 1;
        else return u16(range + 4) + glyph - u16(range);
      }
    }
    return -1;
  };

  const classOf = (classDef: number, glyph: number): number => {
    if (u16(classDef) === 1) {
      const start = u16(classDef + 2);
      return glyph >= start && glyph < start + u16(classDef + 4) ? u16(classDef + 6 + (glyph - start) * 2) : 0;
    }
    let low = 0;
    let high = u16(classDef + 2) - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const range = classDef + 4 + middle * 6;
      if (glyph < u16(range)) high = middle - 1;
      else if (glyph > u16(range + 2)) low = middle + 1;
      else return u16(range + 4);
    }
    return 0;
  };

  /** The first glyph's XAdvance for this pair in one subtable, or null when the subtable does not apply. */
  const adjust = (table: PairSubtable, left: number, right: number): number | null => {
    const covered = coverageIndex(table.coverage, left);
    if (covered < 0) return null;
    if (table.format === 1) {
      const pairSet = table.base + u16(table.base + 10 + covered * 2);
      const recordSize = 2 + table.record1Size + table.record2Size;
      let low = 0;
      let high = u16(pairSet) - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const record = pairSet + 2 + middle * recordSize;
        const second = u16(record);
        if (second === right) return table.xAdvance < 0 ? 0 : i16(record + 2 + table.xAdvance);
        if (second < right) low = middle + 1;
        else high = middle - 1;
      }
      return null;
    }
    if (table.format === 2) {
      const class1 = classOf(table.base + u16(table.base + 8), left);
      const class2 = classOf(table.base + u16(table.base + 10), right);
      const class2Count = u16(table.base + 14);
      const recordSize = table.record1Size + table.record2Size;
      const record = table.base + 16 + (class1 * class2Count + class2) * recordSize;
      return table.xAdvance < 0 ? 0 : i16(record + table.xAdvance);
    }
    return null;
  };

  return (left, right) => {
    let total = 0;
    for (const subtables of lookups) {
      for (const table of subtables) {
        const value = adjust(table, left, right);
        if (value !== null) {
          total += value;
          break;
        }
      }
    }
    return total;
  };
}
