import { describe, expect, it } from 'vitest';
import { FileRefusal } from './refusal.ts';
import { entityBomb } from '../../test-support/import-files.ts';
import { at, attrOf, childrenNamed, doctypeMessage, parseXml, scanXml, textOf } from './xml.ts';

const limits = { maxElements: 1000 };

function refusal(text: string): string {
  try {
    parseXml(text, limits);
  } catch (error) {
    if (error instanceof FileRefusal) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseXml', () => {
  it('reads elements, attributes, text, the predefined entities, character references, CDATA and comments', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<!-- export -->\n<R A="1 &amp; 2">\n<E ID=\'7\'><NOM>D&apos;ANGELO &#x152;&#233;</NOM><X><![CDATA[<b>]]></X></E>\n<E ID="8"/>\n</R>\n',
      limits,
    );
    expect(attrOf(root, 'A')).toBe('1 & 2');
    const [first, second] = childrenNamed(root, 'E');
    expect(textOf(first, 'NOM')).toBe("D'ANGELO Œé");
    expect(textOf(first, 'X')).toBe('<b>');
    expect(first?.line).toBe(4);
    expect(attrOf(second, 'ID')).toBe('8');
  });

  it('checks but drops skipped subtrees', () => {
    const root = parseXml('<R><ADRESSES><ADRESSE><L>x</L></ADRESSE></ADRESSES><P>y</P></R>', { ...limits, skip: new Set(['ADRESSES']) });
    expect(root.children.map((child) => child.name)).toEqual(['P']);
    expect(() => parseXml('<R><ADRESSES><ADRESSE></ADRESSES></R>', { ...limits, skip: new Set(['ADRESSES']) })).toThrow(FileRefusal);
  });

  it('refuses an entity bomb and an external DTD without reading them', () => {
    expect(refusal(new TextDecoder().decode(entityBomb()))).toBe(doctypeMessage);
    expect(refusal('<?xml version="1.0"?><!DOCTYPE BEE_ELEVES SYSTEM "http://example.invalid/x.dtd"><BEE_ELEVES/>')).toBe(doctypeMessage);
  });

  it('refuses an entity it does not define', () => {
    expect(refusal('<R><N>&lol9;</N></R>')).toMatch(/entité inconnue « &lol9; » \(ligne 1\)/);
  });

  it.each([
    ['<R><A></B></R>', /ligne 1\) : la balise fermante <\/B>/],
    ['<R>\n<A>\n', /ligne 3\) : l’élément <A> n’est jamais refermé/],
    ['<R/><S/>', /second élément principal/],
    ['<R>a & b</R>', /« & » isolé/],
    ['<R A=1/>', /attributs de <R> sont illisibles/],
    ['texte', /du texte se trouve hors de l’élément principal/],
    ['<?xml version="1.0"?>\n', /aucun élément/],
  ])('refuses malformed %j', (text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it('caps the number of elements and the depth', () => {
    expect(refusal(`<R>${'<E/>'.repeat(1000)}</R>`)).toMatch(/plus de 1\s000 éléments/);
    expect(refusal(`${'<E>'.repeat(70)}${'</E>'.repeat(70)}`)).toMatch(/imbriqués trop profondément/);
  });

  it('hands over only the elements visited, each whole, from the first container of each name on their path', () => {
    const seen: string[] = [];
    scanXml(
      '<R><P><U>0610999X</U></P><D><L><E ID="1"><N>A</N><S><C>6A</C></S></E><X/><E ID="2"><N>B</N></E></L><L><E ID="3"/></L></D><D><L><E ID="4"/></L></D></R>',
      limits,
      {
        P: (element) => seen.push(`P ${textOf(element, 'U')}`),
        'D/L/E': (element) => seen.push(`E ${attrOf(element, 'ID')} ${textOf(element, 'N')} ${textOf(at(element, 'S'), 'C')}`),
      },
    );
    expect(seen).toEqual(['P 0610999X', 'E 1 A 6A', 'E 2 B ']);
  });

  it('checks what it does not keep as it checks the rest', () => {
    const scan = (text: string) => () => scanXml(text, limits, { 'D/E': () => undefined });
    expect(scan('<R><D><E/></D><Z><N>&lol9;</N></Z></R>')).toThrow(/entité inconnue « &lol9; »/);
    expect(scan('<R><Z><N A=1/></Z><D/></R>')).toThrow(/attributs de <N> sont illisibles/);
    expect(scan('<R><Z><N></Z></R>')).toThrow(/balise fermante <\/Z>/);
    expect(scan('<R><Z><!DOCTYPE x></Z></R>')).toThrow(doctypeMessage);
    expect(scan('<R><D><E/></D><Z>&amp; &#233;</Z></R>')).not.toThrow();
  });

  // Each found by the differential suite (xml.differential.test.ts) in the scanner before it.
  it.each([
    ['a « > » inside an attribute value', '<R A="x > y"/>', [['A', 'x > y']], ''],
    ['a literal TAB, LF or CRLF in an attribute value, read as one space each', '<R A="a\tb\r\nc"/>', [['A', 'a b c']], ''],
    ['an attribute named __proto__', '<R __proto__="x"/>', [['__proto__', 'x']], ''],
    ['CDATA taken literally, even « &amp; »', '<R><![CDATA[a &amp; b & c]]></R>', [], 'a &amp; b & c'],
    ['CRLF inside text read as LF', '<R>a\r\nb</R>', [], 'a\nb'],
    ['a character reference with leading zeros', '<R>&#0000000065;</R>', [], 'A'],
  ])('reads %s', (_case, text, attrs, content) => {
    const root = parseXml(text, limits);
    expect(Object.entries(root.attrs ?? {})).toEqual(attrs);
    expect(root.text).toBe(content);
  });

  it.each([
    ['an entity named after an object property', '<R>&constructor;</R>', /entité inconnue « &constructor; »/],
    ['a character reference run into another', '<R A="&#10#10;"/>', /« & » isolé/],
    ['a reference to a character XML forbids', '<R>&#1;</R>', /référence de caractère « &#1; » est invalide/],
    ['a control character', '<R>a\u0001</R>', /caractère U\+0001 n’est pas permis/],
    ['a name XML does not allow', '<1R/>', /nom de balise « 1R »/],
    ['a space after « </ »', '<R></ R>', /balise fermante/],
    ['an attribute written twice', '<R A="1" A="2"/>', /attribut A de <R> est écrit deux fois/],
    ['attributes not separated by whitespace', '<R A="1"B="2"/>', /attributs de <R> sont illisibles/],
    ['« -- » inside a comment', '<R><!-- a -- b --></R>', /commentaire contient « -- »/],
    ['« ]]> » in text', '<R>a ]]> b</R>', /« \]\]> » se trouve hors d’une section CDATA/],
    ['a declaration not at the start', ' <?xml version="1.0"?><R/>', /déclaration « <\?xml … \?> »/],
    ['a declaration without a version', '<?xml encoding="UTF-8"?><R/>', /déclaration « <\?xml … \?> »/],
    ['a non-breaking space outside the root', '<R/>\u00a0', /texte se trouve hors de l’élément principal/],
  ])('refuses %s', (_case, text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it('finds nested elements by path', () => {
    const root = parseXml('<R><D><E>1</E></D></R>', limits);
    expect(at(root, 'D', 'E')?.text).toBe('1');
    expect(at(root, 'D', 'Z')).toBeUndefined();
  });
});
