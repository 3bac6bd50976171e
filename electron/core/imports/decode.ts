import { refuse } from './refusal.ts';

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used, e.g. « utf-8 », « windows-1252 ». */
  encoding: string;
}

export const emptyFileMessage = 'Le fichier est vide : il n’y a rien à importer.';
export const binaryFileMessage =
  'Ce fichier n’est ni un tableau (CSV), ni un fichier XML, ni un classeur Excel : Sésame ne sait pas le lire. ' +
  'Vérifiez que vous avez choisi le bon fichier.';

// Bytes Windows-1252 leaves undefined: a file holding them is in some other encoding.
const undefinedIn1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
// Where ISO-8859-15 differs from Windows-1252 (€ Š š Ž ž Œ œ Ÿ instead of ¤ ¦ ¨ ´ ¸ ¼ ½ ¾).
const specificTo885915 = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Many control characters (NUL among them) at its start mean a binary file (PDF, image, executable…). */
function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 65_536);
  let controls = 0;
  for (let i = 0; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  return controls > end / 100;
}

/**
 * One rule for NUL, wherever it is: the file is refused, the line named. No exporter writes one
 * in a table; a file holding one is damaged or not text, and no cell of it can be trusted
 * (a NUL after the first 64 KB used to be imported as part of a name).
 */
function refuseNul(text: string): void {
  const at = text.indexOf('\0');
  if (at === -1) return;
  let line = 1;
  for (let k = text.indexOf('\n'); k !== -1 && k < at; k = text.indexOf('\n', k + 1)) line++;
  refuse(
    `Le fichier contient un caractère nul (octet 0) ligne ${line} : il est abîmé, ou ce n’est pas un fichier texte. ` +
      'Téléchargez ou enregistrez-le de nouveau, par exemple au format « CSV UTF-8 » dans Excel.',
  );
}

function utf16(bytes: Uint8Array): DecodedText | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  return null;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The decoded text, refused when blank, handed over as a string of V8's own heap (inHeap). */
function refuseIfBlank(decoded: DecodedText): DecodedText {
  if (decoded.text.trim() === '') refuse(emptyFileMessage);
  return { text: inHeap(decoded.text), encoding: decoded.encoding };
}

/** A table's text: decoded, then refused if blank or holding a NUL. */
function tableText(decoded: DecodedText): DecodedText {
  refuseNul(decoded.text);
  return refuseIfBlank(decoded);
}

/**
 * CSV text as FORMATS.md says: a BOM decides; else strict UTF-8 if it decodes; else
 * Windows-1252 — or ISO-8859-15 when the file uses one of its eight own letters (Œ, œ, €…)
 * and none of Windows-1252's.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) refuse(emptyFileMessage);
  const wide = utf16(bytes);
  if (wide) return tableText(wide);
  if (looksBinary(bytes)) refuse(binaryFileMessage);
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return tableText({ text: utf8, encoding: 'utf-8' });

  let uses1252Range = false;
  let uses885915Letters = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte < 0x80) continue;
    if (undefinedIn1252.has(byte)) {
      refuse(
        `Le fichier contient des caractères illisibles (octet 0x${byte.toString(16).toUpperCase()}, ligne ${lineOf(bytes, i)}) : ` +
          'son encodage n’est ni l’UTF-8 ni le Windows-1252. Enregistrez-le de nouveau, par exemple au format « CSV UTF-8 » dans Excel.',
      );
    }
    if (byte < 0xa0) uses1252Range = true;
    else if (specificTo885915.has(byte)) uses885915Letters = true;
  }
  const encoding = uses885915Letters && !uses1252Range ? 'iso-8859-15' : 'windows-1252';
  return tableText({ text: decodeSingleByte(bytes, encoding), encoding });
}

// The bytes where each encoding differs from Latin-1, as characters of the Latin-1 decoding.
const differsFromLatin1 = {
  'windows-1252': /[\x80-\x9f]/,
  'iso-8859-15': /[\xa4\xa6\xa8\xb4\xb8\xbc-\xbe]/,
};

/**
 * Single-byte text through Node's native Latin-1 decoding when no byte differs from Latin-1
 * in that encoding (the common case, and several times faster than TextDecoder's tables).
 * The check is a regular expression over the decoded text: native, unlike a loop over bytes.
 */
function decodeSingleByte(bytes: Uint8Array, encoding: 'windows-1252' | 'iso-8859-15'): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return differsFromLatin1[encoding].test(latin1) ? new TextDecoder(encoding).decode(bytes) : latin1;
}

/**
 * The same text as a flat string of V8's own heap. Node hands a big decoding over as an external
 * string (its bytes outside the heap), which V8 reads a character at a time through a runtime
 * call: the readers spent a tenth of their time there. Joining two halves makes V8 copy the
 * characters into one sequential string of its heap. (Cutting a copy instead would give a
 * sliced string, which every character access must unwrap first: counted with valgrind, the
 * scanner reads a SIECLE guardians file in 11 % fewer instructions from the joined one.)
 */
function inHeap(text: string): string {
  const half = text.length >> 1;
  return [text.slice(0, half), text.slice(half)].join('');
}

const declaration = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/;

/** XML text in the encoding its declaration names (SIECLE and STS-Web use ISO-8859-15). */
export function decodeXml(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) refuse(emptyFileMessage);
  const wide = utf16(bytes);
  if (wide) return refuseIfBlank(wide);
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const head = new TextDecoder('latin1').decode(bytes.subarray(hasBom ? 3 : 0, 200));
  const declared = hasBom ? 'utf-8' : (declaration.exec(head)?.[1]?.toLowerCase() ?? 'utf-8');
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    return refuse(`Le fichier XML annonce l’encodage « ${declared} », que Sésame ne connaît pas.`);
  }
  try {
    const encoding = decoder.encoding;
    const text = encoding === 'windows-1252' || encoding === 'iso-8859-15' ? decodeSingleByte(bytes, encoding) : decoder.decode(bytes);
    return refuseIfBlank({ text, encoding });
  } catch {
    return refuse(`Le fichier XML annonce l’encodage « ${declared} » mais contient des caractères qui n’en sont pas : il est peut-être abîmé.`);
  }
}

export type Separator = ';' | ',' | '\t';

/** The separator of the header line, counted outside quotes; « ; » when in doubt (French Excel). */
export function sniffSeparator(text: string): Separator {
  const counts = { ';': 0, '\t': 0, ',': 0 };
  let quoted = false;
  let seenContent = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (seenContent) break;
    } else if (!quoted && (char === ';' || char === '\t' || char === ',')) counts[char]++;
    if (char !== '\n' && char !== '\r' && char !== '\ufeff') seenContent = true;
  }
  const best = (Object.keys(counts) as Separator[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ';';
}
