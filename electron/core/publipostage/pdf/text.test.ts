import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { fontFace } from './fonts.ts';
import { DocumentFonts, Typesetter } from './text.ts';

const setter = () => new Typesetter(new DocumentFonts());

describe('typesetting', () => {
  it('sets a word the main face cannot draw entirely in the fallback face, never half and half', () => {
    const shaped = setter().shape('Thị Lan NGUYỄN', 'sansBold');
    const faces = shaped.runs.map((run) => run.font.face.postscriptName);
    expect(faces).toEqual(['NotoSans-Bold', 'AtkinsonHyperlegible-Bold', 'NotoSans-Bold']);
  });

  it('embeds subsets whose glyphs keep their outlines, in every face (Noto Sans has odd-length glyphs)', async () => {
    const type = setter();
    for (const role of ['sans', 'sansBold', 'mono', 'fallback', 'fallbackBold'] as const) {
      type.shape('Thị Ánh NGUYỄN İlkay ŞAHİN Łucja WÓJCIK Œdipe 0O1lI emma.martin', role);
    }
    for (const font of type.fonts.all()) {
      const subset = fontkit.create(await font.subsetBytes());
      font.unicodes.forEach((text, id) => {
        if (id === 0 || text.trim() === '') return;
        const original = font.face.font.glyphForCodePoint(text.codePointAt(0) as number);
        expect(subset.getGlyph(id).path.toSVG(), `${font.face.postscriptName} ${text}`).toBe(original.path.toSVG());
      });
    }
  });

  it('draws a character no face has as a visible box rather than nothing', () => {
    const shaped = setter().shape('李', 'sans');
    expect(shaped.width).toBeGreaterThan(0);
    expect(shaped.runs[0]?.tj).toBe('(\0\0)');
  });

  it('escapes the string bytes the PDF syntax reserves', () => {
    const type = setter();
    // Glyph ids 40, 41, 92 and 13 are (, ), \ and CR as bytes: take enough distinct characters to reach them.
    const ascii = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('');
    const shaped = type.shape(`${ascii}àâçéèêëîïôöùûüÿœæ`, 'mono');
    expect(shaped.runs).toHaveLength(1);
    const literal = (shaped.runs[0]?.tj ?? '').slice(1, -1);
    expect(literal).toContain('\\(');
    expect(literal).toContain('\\)');
    expect(literal).toContain('\\\\');
    expect(literal).toContain('\\r');
    expect(literal.replace(/\\[()\\rn]/g, '')).not.toMatch(/[()\\\r]/);
  });

  it('kerns pairs from the font (AV closer than A then V)', () => {
    const type = setter();
    expect(type.shape('AV', 'sansBold').width).toBeLessThan(type.shape('A', 'sansBold').width + type.shape('V', 'sansBold').width);
    expect(type.shape('AV', 'sansBold').runs[0]?.tj).toMatch(/^\(..\) \d+ \(..\)$/s);
  });

  it('agrees with fontkit’s full layout on pair kerning', () => {
    for (const role of ['sans', 'sansBold', 'fallbackBold'] as const) {
      const face = fontFace(role);
      for (const pair of ['AV', 'To', 'Ty', 'LT', 'P.', 'Yo', 'r,', 'F.', 'Wa', 'ké']) {
        const run = face.font.layout(pair, { liga: false, calt: false });
        const expected = ((run.positions[0]?.xAdvance ?? 0) - (run.glyphs[0]?.advanceWidth ?? 0)) * face.scale;
        expect(face.kerning(pair.codePointAt(0) as number, pair.codePointAt(1) as number), `${role} ${pair}`).toBeCloseTo(expected, 5);
      }
    }
  });

  it('wraps within the width and keeps French punctuation with its word', () => {
    const type = setter();
    const text = 'Choisissez votre mot de passe personnel (à saisir deux fois) et acceptez la charte : c’est fait !';
    for (const width of [60, 120, 200]) {
      const lines = type.wrap(text, 'sans', 10, width);
      for (const line of lines) {
        expect(line.width * 0.01).toBeLessThanOrEqual(width + 0.001);
        expect(line.text).not.toMatch(/^[:;!?»]/);
      }
    }
  });

  it.each([
    ['Marie-Geneviève-Éléonore-Anne-Sophie DE LA ROCHEFOUCAULD-MONTBRUN', 2],
    ['WOLFESCHLEGELSTEINHAUSENBERGERDORFFVOLTERSCHWARZENBERGERHEIMBA', 2],
    ['Emma MARTIN', 1],
  ])('fits « %s » (%d lines) in a card line without ever exceeding it', (name, maxLines) => {
    const fitted = setter().fit(name, 'sansBold', { maxWidth: 265, maxLines: 2, size: 13.5, minSize: 7 });
    expect(fitted.lines.length).toBeLessThanOrEqual(maxLines);
    for (const line of fitted.lines) expect((line.width * fitted.size) / 1000).toBeLessThanOrEqual(265.001);
    expect(fitted.lines.map((line) => line.text).join('').replaceAll(' ', '')).toBe(name.replaceAll(' ', ''));
  });

  it('ends with « … » only when even the smallest size cannot hold the text', () => {
    const fitted = setter().fit('Responsable de : '.concat('Emma A. (CP A), '.repeat(30)), 'sans', { maxWidth: 200, maxLines: 2, size: 8, minSize: 6 });
    expect(fitted.size).toBe(6);
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines[1]?.text.endsWith('…')).toBe(true);
  });
});
