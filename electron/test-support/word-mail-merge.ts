/**
 * What Word prints for one row of a mail merge, read from a template's word/document.xml:
 * MERGEFIELD takes the row's value, IF compares two quoted strings, nested complex fields are
 * evaluated inside out, and the cached results are ignored. Just what our letter templates
 * use — enough to read a merged letter in a test on a machine without Word.
 */
type Row = Record<string, string>;

interface Frame {
  instruction: string;
  inResult: boolean;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const decode = (text: string) => text.replace(/&(?:amp|lt|gt|quot|apos);/g, (entity) => entities[entity] as string);

/** The arguments of a field instruction: words, or quoted strings with \" and \\ escapes. */
function argumentsOf(instruction: string): string[] {
  return [...instruction.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((match) =>
    match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] as string),
  );
}

function evaluate(instruction: string, row: Row): string {
  const [kind, ...args] = argumentsOf(instruction.trim());
  if (kind === 'MERGEFIELD') return row[args[0] as string] ?? '';
  if (kind === 'IF') {
    const [left, operator, right, whenTrue, whenFalse] = args;
    if (operator !== '=') throw new Error(`IF with ${operator}: not simulated`);
    return left === right ? (whenTrue ?? '') : (whenFalse ?? '');
  }
  throw new Error(`field not simulated: ${instruction}`);
}

/** The paragraphs of the merged letter, as plain text. */
export function mergedParagraphs(documentXml: string, row: Row): string[] {
  const paragraphs: string[] = [];
  let output = '';
  const stack: Frame[] = [];
  let inSimpleField = false;
  const pattern =
    /<w:fldSimple w:instr="([^"]*)"[^>]*>|<\/w:fldSimple>|<w:fldChar w:fldCharType="(begin|separate|end)"\/>|<w:instrText[^>]*>([^<]*)<\/w:instrText>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<\/w:p>/g;
  for (const match of documentXml.matchAll(pattern)) {
    const [token, simple, fieldChar, instruction, text] = match;
    const top = stack.at(-1);
    if (simple !== undefined) {
      output += evaluate(decode(simple), row);
      inSimpleField = true;
    } else if (token === '</w:fldSimple>') {
      inSimpleField = false;
    } else if (fieldChar === 'begin') {
      stack.push({ instruction: '', inResult: false });
    } else if (fieldChar === 'separate') {
      if (top) top.inResult = true;
    } else if (fieldChar === 'end') {
      const done = stack.pop() as Frame;
      const value = evaluate(done.instruction, row);
      const parent = stack.at(-1);
      if (parent) parent.instruction += value;
      else output += value;
    } else if (instruction !== undefined) {
      if (top && !top.inResult) top.instruction += decode(instruction);
    } else if (text !== undefined) {
      if (top) {
        if (!top.inResult) top.instruction += decode(text);
      } else if (!inSimpleField) {
        output += decode(text);
      }
    } else if (token === '</w:p>' && stack.length === 0) {
      paragraphs.push(output);
      output = '';
    }
  }
  return paragraphs;
}
