/**
 * fontkit's TrueType subsetter copies each glyph's bytes as they are and, when the subset is
 * small, writes a short `loca` table (offsets divided by two). Fonts whose glyphs have odd
 * lengths — Noto Sans is one — then come out with shifted offsets and most glyphs blank in
 * every viewer. Padding each glyph to four bytes (and writing a long `loca`) once, when the font
 * is loaded, makes every subset sound. Reference: OpenType spec, « loca » and « glyf ».
 */
interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

function tablesOf(view: DataView): TableRecord[] {
  const count = view.getUint16(4);
  return Array.from({ length: count }, (_, i) => {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(...[0, 1, 2, 3].map((k) => view.getUint8(record + k)));
    return { tag, offset: view.getUint32(record + 8), length: view.getUint32(record + 12) };
  });
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

export function withPaddedGlyphs(font: Uint8Array): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = tablesOf(view);
  const find = (tag: string) => tables.find((table) => table.tag === tag);
  const head = find('head');
  const maxp = find('maxp');
  const loca = find('loca');
  const glyf = find('glyf');
  if (!head || !maxp || !loca || !glyf) return font;

  const longOffsets = view.getInt16(head.offset + 50) === 1;
  const glyphs = view.getUint16(maxp.offset + 4);
  const offsetAt = (i: number) => (longOffsets ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2);
  const offsets = Array.from({ length: glyphs + 1 }, (_, i) => offsetAt(i));
  if (offsets.every((offset) => offset % 2 === 0)) return font;

  const glyphBytes: Uint8Array[] = [];
  const newOffsets: number[] = [0];
  for (let i = 0; i < glyphs; i++) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    const bytes = new Uint8Array(Math.ceil((end - start) / 4) * 4);
    bytes.set(font.subarray(glyf.offset + start, glyf.offset + end));
    glyphBytes.push(bytes);
    newOffsets.push((newOffsets[i] as number) + bytes.length);
  }
  const newGlyf = new Uint8Array(newOffsets[glyphs] as number);
  glyphBytes.forEach((bytes, i) => newGlyf.set(bytes, newOffsets[i] as number));
  const newLoca = new Uint8Array((glyphs + 1) * 4);
  const locaView = new DataView(newLoca.buffer);
  newOffsets.forEach((offset, i) => locaView.setUint32(i * 4, offset));
  const newHead = font.slice(head.offset, head.offset + head.length);
  const headView = new DataView(newHead.buffer);
  headView.setInt16(50, 1);
  headView.setUint32(8, 0); // checkSumAdjustment: not verified by renderers, recomputing it is moot here

  const contents = tables.map((table) => {
    if (table.tag === 'glyf') return newGlyf;
    if (table.tag === 'loca') return newLoca;
    if (table.tag === 'head') return newHead;
    return font.subarray(table.offset, table.offset + table.length);
  });
  const directorySize = 12 + tables.length * 16;
  const total = contents.reduce((sum, bytes) => sum + Math.ceil(bytes.length / 4) * 4, directorySize);
  const output = new Uint8Array(total);
  const out = new DataView(output.buffer);
  output.set(font.subarray(0, 12));
  let offset = directorySize;
  tables.forEach((table, i) => {
    const bytes = contents[i] as Uint8Array;
    const record = 12 + i * 16;
    for (let k = 0; k < 4; k++) out.setUint8(record + k, table.tag.charCodeAt(k));
    out.setUint32(record + 4, checksum(bytes));
    out.setUint32(record + 8, offset);
    out.setUint32(record + 12, bytes.length);
    output.set(bytes, offset);
    offset += Math.ceil(bytes.length / 4) * 4;
  });
  return output;
}
