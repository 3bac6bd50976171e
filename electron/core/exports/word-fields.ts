import { ImportedXmlComponent, type ParagraphChild } from 'docx';
import type { MergeField } from '../../../shared/domain/exports.ts';
import type { LetterLine } from './letter-texts.ts';

/**
 * Word's complex fields (begin, instruction, separate, result, end), which `docx` does not
 * build: an IF field holds a MERGEFIELD in its condition, and only complex fields nest
 * (ECMA-376 part 1, §17.16.18). Each run is written as raw WordprocessingML.
 */
export interface RunStyle {
  font: string;
  bold?: boolean;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A raw run; `docx` writes it as is inside a paragraph, though its types do not list it. */
function run(style: RunStyle, content: string): ParagraphChild {
  const fonts = `<w:rFonts w:ascii="${style.font}" w:hAnsi="${style.font}" w:cs="${style.font}"/>`;
  const xml = `<w:r><w:rPr>${fonts}${style.bold ? '<w:b/><w:bCs/>' : ''}</w:rPr>${content}</w:r>`;
  return ImportedXmlComponent.fromXmlString(xml) as unknown as ParagraphChild;
}

const fieldChar = (style: RunStyle, type: 'begin' | 'separate' | 'end') => run(style, `<w:fldChar w:fldCharType="${type}"/>`);
const instruction = (style: RunStyle, text: string) => run(style, `<w:instrText xml:space="preserve">${escapeXml(text)}</w:instrText>`);
const text = (style: RunStyle, value: string) => run(style, `<w:t xml:space="preserve">${escapeXml(value)}</w:t>`);

/** Inside a quoted argument of a field, Word reads \" as a quotation mark and \\ as a backslash. */
const quoted = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

export interface FieldStyles {
  body: RunStyle;
  code: RunStyle;
}

/** « MERGEFIELD Name » as a complex field, showing «Name» until the merge. */
export function mergeField(name: MergeField, style: RunStyle): ParagraphChild[] {
  return [fieldChar(style, 'begin'), instruction(style, ` MERGEFIELD ${name} `), fieldChar(style, 'separate'), text(style, `«${name}»`), fieldChar(style, 'end')];
}

function argument(line: LetterLine, styles: FieldStyles): ParagraphChild[] {
  return line.flatMap((part) =>
    typeof part === 'string' ? [instruction(styles.body, quoted(part))] : mergeField(part.field, part.monospace ? styles.code : styles.body),
  );
}

function shown(line: LetterLine, styles: FieldStyles): ParagraphChild[] {
  return line.map((part) => (typeof part === 'string' ? text(styles.body, part) : text(part.monospace ? styles.code : styles.body, `«${part.field}»`)));
}

/**
 * `{ IF "{ MERGEFIELD Code_activation }" = "" "activated" "notActivated" }`: the workbook leaves
 * the code empty once an account is activated (word-merge.ts), so each letter of the merge
 * says what its reader must do. Before the merge, the template shows the first-connection words.
 */
export function byAccountState(line: { notActivated: LetterLine; activated: LetterLine }, styles: FieldStyles): ParagraphChild[] {
  return [
    fieldChar(styles.body, 'begin'),
    instruction(styles.body, ' IF "'),
    ...mergeField('Code_activation', styles.code),
    instruction(styles.body, '" = "" "'),
    ...argument(line.activated, styles),
    instruction(styles.body, '" "'),
    ...argument(line.notActivated, styles),
    instruction(styles.body, '" '),
    fieldChar(styles.body, 'separate'),
    ...shown(line.notActivated, styles),
    fieldChar(styles.body, 'end'),
  ];
}
