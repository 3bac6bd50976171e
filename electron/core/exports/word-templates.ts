import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  type ParagraphChild,
  SimpleField,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { letterAudiences, type LetterAudience, type MergeField } from '../../../shared/domain/exports.ts';
import type { SchoolSettings } from '../../../shared/domain/settings.ts';
import { byAccountState, type FieldStyles } from './word-fields.ts';
import { letterText, type ByState, type LetterLine, type LetterParagraph } from './letter-texts.ts';

/**
 * The three Word letter templates (pupils, parents, staff), generated with `docx`. Personal data
 * are MERGEFIELD fields named after the workbook's header (shared/domain/exports.ts), so Word
 * offers them as soon as the workbook is chosen as the recipient list.
 */
const bodyFont = 'Arial';
/** The guide's advice: Consolas tells O from 0 and l from 1. */
const codeFont = 'Consolas';

/**
 * A `MERGEFIELD` whose placeholder run carries the formatting: Word gives the merged value the
 * formatting of the field's result, which is how the login and code come out in Consolas.
 */
class MergeFieldRun extends SimpleField {
  constructor(name: MergeField, options: { monospace?: boolean; bold?: boolean } = {}) {
    super(` MERGEFIELD ${name} `);
    this.root.push(
      new TextRun({ text: `«${name}»`, font: options.monospace ? codeFont : bodyFont, ...(options.bold ? { bold: true } : {}) }),
    );
  }
}

function runs(line: LetterLine, bold = false): (TextRun | MergeFieldRun)[] {
  return line.map((part) =>
    typeof part === 'string'
      ? new TextRun({ text: part, ...(bold ? { bold: true } : {}) })
      : new MergeFieldRun(part.field, { monospace: part.monospace ?? false, bold }),
  );
}

type ParagraphOptions = { bold?: boolean; after?: number; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] };
function paragraphOf(children: ParagraphChild[], options: ParagraphOptions): Paragraph {
  return new Paragraph({
    children,
    spacing: { after: options.after ?? 120 },
    ...(options.alignment ? { alignment: options.alignment } : {}),
  });
}

function paragraph(line: LetterLine, options: ParagraphOptions = {}): Paragraph {
  return paragraphOf(runs(line, options.bold), options);
}

const fieldStyles = (bold = false): FieldStyles => ({ body: { font: bodyFont, bold }, code: { font: codeFont, bold } });

/** Words that differ for an activated account, chosen by Word for each row (word-fields.ts). */
function byState(text: ByState, prefix = '', options: ParagraphOptions = {}): Paragraph {
  const line = { notActivated: [text.notActivated], activated: [text.activated] };
  return paragraphOf([...(prefix ? [new TextRun({ text: prefix, ...(options.bold ? { bold: true } : {}) })] : []), ...byAccountState(line, fieldStyles(options.bold))], options);
}

function letterParagraph(text: LetterParagraph): Paragraph {
  return typeof text === 'string' ? paragraph([text]) : byState(text);
}

/** School, city and UAI, then « Rouen, le «Date» »: the workbook dates each letter (word-merge.ts). */
function schoolHeader(school: SchoolSettings): Paragraph[] {
  const lines = [
    school.schoolName.trim() ? [new TextRun({ text: school.schoolName.trim(), bold: true, size: 26 })] : [],
    school.city.trim() ? [new TextRun(school.city.trim())] : [],
    school.uai.trim() ? [new TextRun(`UAI ${school.uai.trim()}`)] : [],
  ].filter((line) => line.length > 0);
  const place: LetterLine = [school.city.trim() ? `${school.city.trim()}, le ` : 'Le ', { field: 'Date' }];
  return [
    ...lines.map((children) => new Paragraph({ children, spacing: { after: 0 } })),
    new Paragraph({ children: runs(place), alignment: AlignmentType.RIGHT, spacing: { before: 240, after: 240 } }),
  ];
}

const boxBorder = { style: BorderStyle.SINGLE, size: 8, color: '555555' };

/** The framed block with the credentials, the part the reader looks for first. */
function credentialsBox(school: SchoolSettings, noCode: string): Table {
  const row = (label: string, value: Paragraph) =>
    new TableRow({
      children: [
        new TableCell({ children: [paragraph([label], { after: 60 })], width: { size: 35, type: WidthType.PERCENTAGE } }),
        new TableCell({ children: [value], width: { size: 65, type: WidthType.PERCENTAGE } }),
      ],
    });
  const value = (line: LetterLine) => paragraph(line, { bold: true, after: 60 });
  // An activated account's row says why there is no code rather than staying blank.
  const code = byAccountState({ notActivated: [{ field: 'Code_activation', monospace: true }], activated: [noCode] }, fieldStyles(true));
  const address: LetterLine = school.entUrl.trim() ? [school.entUrl.trim()] : [{ field: 'Adresse_ENT' }];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: boxBorder, bottom: boxBorder, left: boxBorder, right: boxBorder, insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } },
    rows: [
      row('Adresse de l’ENT', value(address)),
      row('Identifiant', value([{ field: 'Identifiant', monospace: true }])),
      row('Code d’activation', paragraphOf(code, { after: 60 })),
      row('État du compte', value([{ field: 'Etat' }])),
    ],
  });
}

export function letterDocument(audience: LetterAudience, school: SchoolSettings): Document {
  const text = letterText(audience, school);
  const children = [
    ...schoolHeader(school),
    paragraph(['À l’attention de ', { field: 'Prénom' }, ' ', { field: 'Nom' }], { bold: true, after: 0 }),
    paragraph(text.recipientDetail, { after: 360 }),
    paragraph([text.subject], { bold: true, after: 240 }),
    paragraph([text.greeting]),
    ...text.introduction.map(letterParagraph),
    credentialsBox(school, text.noCode),
    new Paragraph({ spacing: { after: 120 } }),
    byState(text.stepsTitle, '', { bold: true }),
    ...text.steps.map((step, index) => byState(step, `${index + 1}. `, { after: 80 })),
    paragraph([text.security], { after: 360 }),
    paragraph([school.signature.trim() || 'La direction'], { alignment: AlignmentType.RIGHT }),
  ];
  return new Document({
    creator: 'Sésame',
    title: text.subject.replace(/^Objet : /, ''),
    styles: { default: { document: { run: { font: bodyFont, size: 22, language: { value: 'fr-FR' } } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(22), right: convertMillimetersToTwip(22) },
          },
        },
        children,
      },
    ],
  });
}

export interface LetterFile {
  audience: LetterAudience;
  bytes: Uint8Array;
}

export async function wordLetterTemplates(school: SchoolSettings): Promise<LetterFile[]> {
  return Promise.all(
    letterAudiences.map(async (audience) => ({
      audience,
      bytes: new Uint8Array(await Packer.toArrayBuffer(letterDocument(audience, school))),
    })),
  );
}
