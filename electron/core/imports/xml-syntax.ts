import { refuse } from './refusal.ts';

/**
 * The character-level rules of XML 1.0 (fifth edition) that the scanner (xml.ts) applies:
 * which characters and names are allowed, how character data and attribute values are
 * normalised, which references are decoded. Kept apart so that each rule cites its section
 * and the scanner stays a loop over markup. xml.differential.test.ts holds both to an
 * independent parser.
 */

export function malformed(line: number, detail: string): never {
  return refuse(`Le fichier XML est mal formé (ligne ${line}) : ${detail}. Il est peut-être incomplet ; téléchargez-le de nouveau.`);
}

// § 2.3: what may start a name, and what may follow.
const nameStart = ':A-Z_a-z\\xC0-\\xD6\\xD8-\\xF6\\xF8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const nameRest = `${nameStart}\\-.0-9\\xB7\\u0300-\\u036F\\u203F\\u2040`;
// The classes hold combining marks and U+200D on purpose: XML lists them as name characters.
// eslint-disable-next-line no-misleading-character-class
const name = new RegExp(`^[${nameStart}][${nameRest}]*$`, 'u');

export function isXmlName(text: string): boolean {
  return name.test(text);
}

/**
 * One attribute with the whitespace before it (§ 3.1: required between attributes). Sticky: run
 * at a position. The ASCII one first: it reads the exports' attributes twice as fast, and the
 * full one, tried where it fails, accepts the same and the rest of XML's names.
 */
export const asciiAttributePattern = /[ \t\r\n]+([:A-Z_a-z][\w.:-]*)[ \t\r\n]*=[ \t\r\n]*(?:"([^"<]*)"|'([^'<]*)')/y;
// eslint-disable-next-line no-misleading-character-class
export const attributePattern = new RegExp(`[ \\t\\r\\n]+([${nameStart}][${nameRest}]*)[ \\t\\r\\n]*=[ \\t\\r\\n]*(?:"([^"<]*)"|'([^'<]*)')`, 'uy');

/** § 2.3 S: only these four are XML whitespace (not U+00A0, not U+FEFF). */
export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

export function spaceOnly(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(text.charCodeAt(k))) return false;
  return true;
}

// § 2.2 Char: C0 controls but TAB, LF and CR are forbidden, and so are U+FFFE, U+FFFF and lone surrogates.
// eslint-disable-next-line no-control-regex
const forbiddenCharacter = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where the first character XML forbids is, -1 when none is (one native pass over the text). */
export function forbiddenCharacterAt(text: string): number {
  const control = forbiddenCharacter.exec(text)?.index ?? -1;
  const lone = loneSurrogate.exec(text)?.index ?? -1;
  return control === -1 || lone === -1 ? Math.max(control, lone) : Math.min(control, lone);
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

// A Map, not an object: `&constructor;` must not find Object.prototype's.
const predefined = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);
const reference = /&(#x[0-9a-fA-F]+;|#[0-9]+;|[^\s&;<#][^\s&;<]{0,63};)?/g;

/**
 * § 4.1, § 4.6: the five predefined entities and character references. Any other entity is
 * refused: without a DTD (never read) it is undefined, and expanding one is how XML bombs work.
 */
export function decodeReferences(text: string, line: number): string {
  return text.replace(reference, (_match, ref: string | undefined) => {
    if (ref === undefined) malformed(line, 'un caractère « & » isolé');
    const body = ref.slice(0, -1);
    if (body.charCodeAt(0) === 0x23 /* # */) {
      const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!isXmlChar(code)) malformed(line, `la référence de caractère « &${body.slice(0, 12)}; » est invalide`);
      return String.fromCodePoint(code);
    }
    const value = predefined.get(body);
    if (value === undefined) {
      refuse(`Le fichier XML utilise une entité inconnue « &${body}; » (ligne ${line}). Par sécurité, Sésame ne la remplace pas et ne lit pas ce fichier.`);
    }
    return value;
  });
}

const special = /[&\r\]]/;

/**
 * Character data as an XML parser hands it over: line ends read as LF (§ 2.11), references
 * replaced; « ]]> » is refused outside CDATA (§ 2.4). Text with none of `& CR ]` is returned as is.
 */
export function characterData(raw: string, line: number): string {
  if (!special.test(raw)) return raw;
  if (raw.includes(']]>')) malformed(line, 'la suite « ]]> » se trouve hors d’une section CDATA');
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return text.includes('&') ? decodeReferences(text, line) : text;
}

/** CDATA content: taken literally, line ends read as LF (§ 2.11). */
export function cdataText(raw: string): string {
  return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
}

const valueSpace = /[\t\n\r]/;

/** § 3.3.3: a literal TAB, CR, LF or CRLF in an attribute value reads as one space; references are kept as written. */
export function attributeValue(raw: string, line: number): string {
  const value = valueSpace.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
  return value.includes('&') ? decodeReferences(value, line) : value;
}

const declaration =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>$/;

/**
 * A processing instruction `<?target …?>` (§ 2.6), or the XML declaration (§ 2.8), which
 * only the very first characters of the document may hold. `instruction` runs from `<?` to `?>`.
 */
export function checkInstruction(instruction: string, atStart: boolean, line: number): void {
  let end = 2;
  while (end < instruction.length - 2 && !isSpace(instruction.charCodeAt(end))) end++;
  const target = instruction.slice(2, end);
  if (target.toLowerCase() === 'xml') {
    if (!atStart || target !== 'xml' || !declaration.test(instruction)) malformed(line, 'la déclaration « <?xml … ?> » est mal écrite ou mal placée');
  } else if (!isXmlName(target)) malformed(line, `l’instruction « <?${target.slice(0, 20)} » n’a pas de nom valable`);
}
