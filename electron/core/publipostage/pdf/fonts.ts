import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readKerning, type KerningLookup } from './kerning.ts';
import { withPaddedGlyphs } from './ttf.ts';

/**
 * The typefaces of every sheet, read and parsed once per process. Atkinson Hyperlegible
 * (Braille Institute) for text: made for low vision, it tells I/l/1 and O/0 apart; JetBrains
 * Mono for logins and codes; Noto Sans for the names the first cannot draw (Vietnamese, İ…).
 * All three are under the SIL Open Font License 1.1 (build/licences/).
 */
export type FontRole = 'sans' | 'sansBold' | 'mono' | 'fallback' | 'fallbackBold';

const files: Record<FontRole, string> = {
  sans: '@expo-google-fonts/atkinson-hyperlegible/400Regular/AtkinsonHyperlegible_400Regular.ttf',
  sansBold: '@expo-google-fonts/atkinson-hyperlegible/700Bold/AtkinsonHyperlegible_700Bold.ttf',
  mono: '@expo-google-fonts/jetbrains-mono/700Bold/JetBrainsMono_700Bold.ttf',
  fallback: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  fallbackBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
};

/** Which face draws a word the role's own face cannot. */
export const fallbackOf: Record<FontRole, FontRole> = {
  sans: 'fallback',
  sansBold: 'fallbackBold',
  mono: 'fallbackBold',
  fallback: 'fallback',
  fallbackBold: 'fallbackBold',
};

export interface GlyphInfo {
  id: number;
  /** Advance in thousandths of an em. */
  advance: number;
}

/** Basic Latin to Latin Extended-B: the characters of nearly every name, cached in flat tables. */
export const latinEnd = 0x250;
const unknownKerning = -32768;

/** Characters drawn as nothing rather than as a missing-glyph box (joiners, soft hyphen…). */
const invisible = /[\p{Cf}]/u;

/** One parsed TTF with per-character and per-pair caches. */
export class FontFace {
  readonly role: FontRole;
  readonly font: fontkit.Font;
  readonly postscriptName: string;
  readonly scale: number;
  #glyphs = new Map<number, GlyphInfo | null>();
  #kerning = new Map<number, number>();
  /** Latin pairs (most of every page) in a flat table: no hashing, no boxed keys. */
  #latinKerning: Int16Array | null = null;
  #pairAdjustment: KerningLookup;

  constructor(role: FontRole, bytes: Uint8Array) {
    this.role = role;
    this.font = fontkit.create(withPaddedGlyphs(bytes));
    this.#pairAdjustment = readKerning(bytes);
    this.postscriptName = (this.font.postscriptName ?? role).replace(/[^A-Za-z0-9-]/g, '');
    this.scale = 1000 / this.font.unitsPerEm;
  }

  /** The glyph for a code point, or null when this face has none. */
  glyph(codePoint: number): GlyphInfo | null {
    let info = this.#glyphs.get(codePoint);
    if (info === undefined) {
      const glyph = this.font.hasGlyphForCodePoint(codePoint) ? this.font.glyphForCodePoint(codePoint) : null;
      info = glyph && glyph.id !== 0 ? { id: glyph.id, advance: glyph.advanceWidth * this.scale } : null;
      if (info === null && invisible.test(String.fromCodePoint(codePoint))) info = { id: -1, advance: 0 };
      this.#glyphs.set(codePoint, info);
    }
    return info;
  }

  /** Pair kerning of two drawable characters, in thousandths of an em (negative brings them closer). */
  kerning(left: number, right: number): number {
    if (left < latinEnd && right < latinEnd) {
      this.#latinKerning ??= new Int16Array(latinEnd * latinEnd).fill(unknownKerning);
      const index = left * latinEnd + right;
      let cached = this.#latinKerning[index] as number;
      if (cached === unknownKerning) {
        cached = Math.round(this.#computeKerning(left, right));
        this.#latinKerning[index] = cached;
      }
      return cached;
    }
    const key = left * 0x110000 + right;
    let value = this.#kerning.get(key);
    if (value === undefined) {
      value = this.#computeKerning(left, right);
      this.#kerning.set(key, value);
    }
    return value;
  }

  #computeKerning(left: number, right: number): number {
    const a = this.glyph(left);
    const b = this.glyph(right);
    return a && b && a.id > 0 && b.id > 0 ? this.#pairAdjustment(a.id, b.id) * this.scale : 0;
  }

  get ascent(): number {
    return this.font.ascent * this.scale;
  }

  get descent(): number {
    return this.font.descent * this.scale;
  }

  get capHeight(): number {
    return (this.font.capHeight || this.font.ascent) * this.scale;
  }
}

const require = createRequire(import.meta.url);
const faces = new Map<FontRole, FontFace>();

export function fontFile(role: FontRole): string {
  return require.resolve(files[role]);
}

/** The face of a role, loaded on first use and kept for the life of the process. */
export function fontFace(role: FontRole): FontFace {
  let face = faces.get(role);
  if (!face) {
    face = new FontFace(role, readFileSync(fontFile(role)));
    faces.set(role, face);
  }
  return face;
}
