import { fallbackOf, fontFace, latinEnd, type FontFace, type FontRole } from './fonts.ts';

/**
 * Text for the PDF: which face draws each word, glyph ids in each document's font subset,
 * widths and pair kerning — without fontkit's per-call layout (far too slow for 5,000 sheets).
 * A word the role's face cannot draw entirely goes to the fallback face, so a name is never
 * set in two designs; a character no face has is drawn as the fallback's missing-glyph box
 * (never a blank, never a crash).
 */

interface GlyphCode {
  /**
   * The glyph id in this document's subset as the two bytes of a PDF literal string (escaped
   * where the syntax requires); '' for an invisible character. Half the size of hex, and
   * smaller once compressed.
   */
  bytes: string;
  advance: number;
}

/** A byte inside a PDF literal string: parentheses, backslash and line ends escaped (PDF 32000-1, 7.3.4.2). */
function stringByte(byte: number): string {
  if (byte === 0x28 || byte === 0x29 || byte === 0x5c) return `\\${String.fromCharCode(byte)}`;
  if (byte === 0x0d) return '\\r';
  if (byte === 0x0a) return '\\n';
  return String.fromCharCode(byte);
}

/** One face's subset in one document: glyphs are numbered in order of first use. */
export class EmbeddedFont {
  readonly face: FontFace;
  readonly resourceName: string;
  readonly subset;
  /** Unicode text of each subset glyph id (index = id), for the ToUnicode map. */
  readonly unicodes: string[] = ['\uFFFD'];
  readonly advances: number[] = [0];
  #codes = new Map<number, GlyphCode>();
  #latinCodes: (GlyphCode | undefined)[] = new Array(latinEnd);

  constructor(face: FontFace, resourceName: string) {
    this.face = face;
    this.resourceName = resourceName;
    this.subset = face.font.createSubset();
  }

  /** The code of a character this face can draw, or of its missing-glyph box. */
  code(codePoint: number): GlyphCode {
    if (codePoint < latinEnd) return (this.#latinCodes[codePoint] ??= this.#lookUp(codePoint));
    let code = this.#codes.get(codePoint);
    if (!code) {
      code = this.#lookUp(codePoint);
      this.#codes.set(codePoint, code);
    }
    return code;
  }

  #lookUp(codePoint: number): GlyphCode {
    const glyph = this.face.glyph(codePoint);
    if (glyph && glyph.id < 0) return { bytes: '', advance: 0 };
    const id = glyph ? this.subset.includeGlyph(glyph.id) : 0;
    const advance = glyph ? glyph.advance : this.face.font.getGlyph(0).advanceWidth * this.face.scale;
    if (id > 0 && this.unicodes[id] === undefined) {
      // A no-break space copies as a plain space.
      this.unicodes[id] = codePoint === 0xa0 ? ' ' : String.fromCodePoint(codePoint);
      this.advances[id] = advance;
    }
    return { bytes: stringByte(id >> 8) + stringByte(id & 0xff), advance };
  }


  get used(): boolean {
    return this.unicodes.length > 1;
  }

  /** The subset font file (TrueType) of the glyphs used so far. */
  subsetBytes(): Promise<Uint8Array> {
    return new Promise((resolve) => {
      const parts: Uint8Array[] = [];
      this.subset
        .encodeStream()
        .on('data', (bytes) => parts.push(bytes))
        .on('end', () => resolve(Buffer.concat(parts)));
    });
  }
}

export class DocumentFonts {
  #fonts = new Map<FontRole, EmbeddedFont>();

  font(role: FontRole): EmbeddedFont {
    let font = this.#fonts.get(role);
    if (!font) {
      font = new EmbeddedFont(fontFace(role), `F${this.#fonts.size + 1}`);
      this.#fonts.set(role, font);
    }
    return font;
  }

  all(): EmbeddedFont[] {
    return [...this.#fonts.values()];
  }
}

/** A run of glyphs in one font, ready for a TJ operator. */
export interface TextRun {
  font: EmbeddedFont;
  /** The inside of a TJ array: literal strings with kerning numbers between them. */
  tj: string;
}

/** Text shaped at 1 pt... in thousandths: multiply `width` by size / 1000 to get points. */
export interface Shaped {
  text: string;
  width: number;
  runs: TextRun[];
}

export interface Fitted {
  size: number;
  lines: Shaped[];
}

export interface FitBox {
  maxWidth: number;
  maxLines: number;
  size: number;
  minSize: number;
  /** How far a text may shrink to stay on one line before it wraps instead (0.85: to 85 %). */
  shrinkBeforeWrap?: number;
  /** Never cut (a name): past the minimum size, more lines than maxLines rather than « … ». */
  whole?: boolean;
}

const space = 0x20;

/**
 * Where a login, a code or an address may go on to the next line: after one of these, as a
 * reader copying it expects (« prenom. / nom », « ent.example / /auth »), never inside a word
 * when that can be helped. No hyphen is ever added: it would be typed as part of the login.
 */
const safeBreakAfter = new Set(['.', '-', '@', '/', '?', '&', '=', '_']);

/** The largest index in [from, to] right after a safe break character, or -1. */
export function lastSafeBreak(chars: readonly string[], from: number, to: number): number {
  for (let index = to; index >= Math.max(from, 1); index--) if (safeBreakAfter.has(chars[index - 1] as string)) return index;
  return -1;
}

/** French punctuation never starts a line: the space before « : ; ! ? » » and after « « » does not break. */
function frenchSpacing(text: string): string {
  return text.replace(/ (?=[:;!?»])/g, '\u00a0').replace(/« /g, '«\u00a0');
}

/** Bounded memo: the same words and the same filled paragraphs come back on thousands of sheets. */
class Memo<T> {
  #entries = new Map<string, T>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: string, make: () => T): T {
    let value = this.#entries.get(key);
    if (value === undefined) {
      if (this.#entries.size >= this.#limit) this.#entries.clear();
      value = make();
      this.#entries.set(key, value);
    }
    return value;
  }
}

export class Typesetter {
  readonly fonts: DocumentFonts;
  #wordWidths = new Memo<number>(20_000);
  #wrapped = new Memo<Shaped[]>(1_000);

  constructor(fonts: DocumentFonts) {
    this.fonts = fonts;
  }

  shape(text: string, role: FontRole): Shaped {
    const primary = this.fonts.font(role);
    const kerned = role !== 'mono';
    const runs: TextRun[] = [];
    let width = 0;
    let font: EmbeddedFont | null = null;
    let tj = '';
    let glyphs = '';
    let previous = -1;

    const flushRun = () => {
      if (glyphs) tj += `(${glyphs})`;
      if (font && tj) runs.push({ font, tj });
      tj = '';
      glyphs = '';
      previous = -1;
    };

    const length = text.length;
    let start = 0;
    while (start < length) {
      let end = text.indexOf(' ', start);
      if (end === start) end = start + 1;
      else if (end < 0) end = length;
      // A space is set in the font of the word before it; a word all in one face.
      let wordFont: EmbeddedFont = font ?? primary;
      if (text.charCodeAt(start) !== space) {
        wordFont = primary;
        for (let i = start; i < end; i++) {
          const codePoint = text.codePointAt(i) as number;
          if (codePoint > 0xffff) i++;
          if (!primary.face.glyph(codePoint)) {
            wordFont = this.fonts.font(fallbackOf[role]);
            break;
          }
        }
      }
      if (wordFont !== font) {
        flushRun();
        font = wordFont;
      }
      for (let i = start; i < end; i++) {
        const codePoint = text.codePointAt(i) as number;
        if (codePoint > 0xffff) i++;
        const code = wordFont.code(codePoint);
        if (code.bytes === '') continue;
        if (kerned && previous > space && codePoint !== space) {
          const kern = wordFont.face.kerning(previous, codePoint);
          if (kern !== 0) {
            if (glyphs) tj += `(${glyphs})`;
            glyphs = '';
            tj += ` ${-kern} `;
            width += kern;
          }
        }
        glyphs += code.bytes;
        width += code.advance;
        previous = codePoint;
      }
      start = end;
    }
    flushRun();
    return { text, width, runs };
  }

  width(text: string, role: FontRole, size: number): number {
    return (this.shape(text, role).width * size) / 1000;
  }

  /**
   * Greedy line breaking; a word wider than the line is broken between characters. Words are
   * measured once each (no kerning across a space), then each line is shaped once.
   */
  wrap(text: string, role: FontRole, size: number, maxWidth: number): Shaped[] {
    return this.#wrapped.get(`${role}|${size}|${maxWidth}|${text}`, () => this.#wrap(frenchSpacing(text), role, size, maxWidth));
  }

  #wrap(text: string, role: FontRole, size: number, maxWidth: number): Shaped[] {
    const limit = (maxWidth * 1000) / size;
    const spaceWidth = this.fonts.font(role).code(space).advance;
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (let word of text.split(' ')) {
      if (word === '') continue;
      let width = this.#wordWidths.get(`${role}|${word}`, () => this.shape(word, role).width);
      if (line && lineWidth + spaceWidth + width <= limit) {
        line += ` ${word}`;
        lineWidth += spaceWidth + width;
        continue;
      }
      if (line) lines.push(line);
      while (width > limit && [...word].length > 1) {
        const [head, rest] = this.#breakWord(word, role, limit);
        lines.push(head.text);
        word = rest;
        width = this.shape(word, role).width;
      }
      line = word;
      lineWidth = width;
    }
    if (line) lines.push(line);
    return lines.map((text) => this.shape(text, role));
  }

  #breakWord(word: string, role: FontRole, limit: number): [Shaped, string] {
    const chars = [...word];
    let count = chars.length - 1;
    let head = this.shape(chars.slice(0, count).join(''), role);
    while (count > 1 && head.width > limit) {
      count--;
      head = this.shape(chars.slice(0, count).join(''), role);
    }
    // An address, a login or a compound name breaks after a separator when one is not too far back.
    const safe = lastSafeBreak(chars, Math.ceil(count / 3), count);
    if (safe > 0 && safe < count) head = this.shape(chars.slice(0, (count = safe)).join(''), role);
    return [head, chars.slice(count).join('')];
  }

  /**
   * The largest size at which the text fits the box: first on one line shrinking a little,
   * then wrapped on up to maxLines; at the minimum size, the last line ends with « … » (unless
   * `whole`). Logins, codes and addresses are never fitted here but by fitCredential.
   */
  fit(text: string, role: FontRole, box: FitBox): Fitted {
    const shaped = this.shape(text, role);
    const oneLineSize = Math.min(box.size, (box.maxWidth * 1000) / Math.max(shaped.width, 1));
    if (oneLineSize >= box.size * (box.shrinkBeforeWrap ?? 0.85) || (box.maxLines === 1 && oneLineSize >= box.minSize)) {
      return { size: Math.floor(oneLineSize * 10) / 10, lines: [shaped] };
    }
    for (let size = box.size; size >= box.minSize; size -= 0.5) {
      const lines = this.wrap(text, role, size, box.maxWidth);
      if (lines.length <= box.maxLines) return { size, lines };
    }
    const lines = this.wrap(text, role, box.minSize, box.maxWidth);
    if (lines.length <= box.maxLines || box.whole) return { size: box.minSize, lines };
    const kept = lines.slice(0, box.maxLines);
    const last = kept.pop() as Shaped;
    let shortened = [...last.text];
    let ellipsis = this.shape(`${shortened.join('')}…`, role);
    const limit = (box.maxWidth * 1000) / box.minSize;
    while (ellipsis.width > limit && shortened.length > 0) {
      shortened = shortened.slice(0, -1);
      ellipsis = this.shape(`${shortened.join('').trimEnd()}…`, role);
    }
    return { size: box.minSize, lines: [...kept, ellipsis] };
  }
}
