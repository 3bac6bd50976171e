import { describe, expect, it } from 'vitest';
import { decodeText, decodeXml, sniffSeparator } from './decode.ts';
import { FileRefusal } from './refusal.ts';
import { binaryGarbage, singleByte, utf8, withBom } from '../../test-support/import-files.ts';

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof FileRefusal) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('decodeText', () => {
  it.each([
    ['UTF-8 with BOM', withBom('Nom;Prénom\nCŒUR;Zoé\n'), 'utf-8'],
    ['UTF-8 without BOM', utf8('Nom;Prénom\nCŒUR;Zoé\n'), 'utf-8'],
    ['Windows-1252 (œ and ’ in 0x80–0x9F)', singleByte('Nom;Prénom\nCŒUR;Zoé l’aînée\n', 'windows-1252'), 'windows-1252'],
    ['ISO-8859-15 (Œ at 0xBC)', singleByte('Nom;Prénom\nCŒUR;Zoé\n', 'iso-8859-15'), 'iso-8859-15'],
  ])('given %s, reads the names intact', (_label, bytes, encoding) => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text.replace(/^\ufeff/, '')).toMatch(/^Nom;Prénom\nCŒUR;Zoé/);
  });

  it('reads UTF-16 text with its BOM (Excel « Texte Unicode »)', () => {
    const text = 'Nom\tPrénom\nÉTIENNE\tZoé\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    expect(decodeText(bytes)).toEqual({ text, encoding: 'utf-16le' });
  });

  it('refuses an empty file, and one with only blanks', () => {
    expect(refusal(() => decodeText(new Uint8Array()))).toMatch(/vide/);
    expect(refusal(() => decodeText(withBom('  \r\n')))).toMatch(/vide/);
  });

  it('refuses binary garbage', () => {
    expect(refusal(() => decodeText(binaryGarbage()))).toMatch(/ni un tableau \(CSV\), ni un fichier XML, ni un classeur Excel/);
  });

  it('refuses bytes no Windows-1252 text holds, saying where', () => {
    const bytes = new Uint8Array([...utf8('Nom;Prénom\n'.normalize('NFD').replace(/\p{M}/gu, '')), 0x44, 0x81, 0x55, 0x0a]);
    expect(refusal(() => decodeText(bytes))).toBe(
      'Le fichier contient des caractères illisibles (octet 0x81, ligne 2) : son encodage n’est ni l’UTF-8 ni le Windows-1252. ' +
        'Enregistrez-le de nouveau, par exemple au format « CSV UTF-8 » dans Excel.',
    );
  });
});

describe('decodeXml', () => {
  it('honours the declared ISO-8859-15', () => {
    const bytes = singleByte('<?xml version="1.0" encoding="ISO-8859-15"?><A>CŒUR</A>', 'iso-8859-15');
    expect(decodeXml(bytes)).toEqual({ text: '<?xml version="1.0" encoding="ISO-8859-15"?><A>CŒUR</A>', encoding: 'iso-8859-15' });
  });

  it('refuses an encoding it does not know, and UTF-8 that is not', () => {
    expect(refusal(() => decodeXml(utf8('<?xml version="1.0" encoding="EBCDIC-XYZ"?><A/>')))).toMatch(/« ebcdic-xyz »/);
    expect(refusal(() => decodeXml(new Uint8Array([...utf8('<?xml version="1.0"?><A>'), 0xe9, ...utf8('</A>')])))).toMatch(/abîmé/);
  });
});

describe('sniffSeparator', () => {
  it.each([
    ['Nom;Prénom;Classe\n', ';'],
    ['Nom,Prénom,Classe\n', ','],
    ['Nom\tPrénom\tClasse\n', '\t'],
    ['"Nom, d\'usage";"Prénom"\n', ';'],
    ['\r\n\r\nNom,Prénom\n', ','],
    ['Nom\n', ';'],
  ])('finds the separator of %j', (text, separator) => {
    expect(sniffSeparator(text)).toBe(separator);
  });
});
