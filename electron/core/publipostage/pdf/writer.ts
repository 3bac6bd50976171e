import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, PrintScaling } from 'pdf-lib';
import type { Canvas } from './canvas.ts';
import { deflateSmall } from './deflate.ts';
import { DocumentFonts, Typesetter, type EmbeddedFont } from './text.ts';

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  createdAt: Date;
}

export interface PlacedImage {
  resourceName: string;
  width: number;
  height: number;
}

function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex;
}

/** ToUnicode CMap, so that the text of every glyph can be searched and copied (pdftotext). */
function toUnicodeCmap(font: EmbeddedFont): string {
  const entries = font.unicodes.map((text, id) => `<${id.toString(16).padStart(4, '0')}> <${utf16Hex(text)}>`);
  const blocks: string[] = [];
  // At most 100 entries per bfchar block (PDF 32000-1, 9.10.3).
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** The six capital letters that mark a subset font (PDF 32000-1, 9.6.4), stable for the same glyphs. */
function subsetTag(font: EmbeddedFont): string {
  const digest = createHash('sha1').update(font.face.postscriptName).update(font.unicodes.join('')).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/**
 * A PDF built on pdf-lib's object model, with the content streams written directly: one shared
 * resource dictionary, form XObjects for everything drawn more than once, deflate from zlib, and
 * fonts embedded as subsets at the end.
 */
export class PdfWriter {
  readonly doc: PDFDocument;
  readonly fonts = new DocumentFonts();
  readonly type = new Typesetter(this.fonts);
  #resourcesRef: PDFRef;
  #fontDict: PDFDict;
  #xObjects: PDFDict;
  #pagesRef: PDFRef;
  #kids: PDFArray;
  #pages = 0;
  /** Direct arrays shared by every page of a size: thousands of pages, one object each. */
  #mediaBoxes = new Map<string, PDFArray>();
  #forms = 0;
  #images = 0;

  private constructor(doc: PDFDocument) {
    this.doc = doc;
    const context = doc.context;
    this.#fontDict = context.obj({});
    this.#xObjects = context.obj({});
    this.#resourcesRef = context.register(
      context.obj({ ProcSet: ['PDF', 'Text', 'ImageB', 'ImageC'], Font: this.#fontDict, XObject: this.#xObjects }),
    );
    this.#pagesRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
    this.#kids = doc.catalog.Pages().Kids();
  }

  static async create(): Promise<PdfWriter> {
    return new PdfWriter(await PDFDocument.create({ updateMetadata: false }));
  }

  get pageCount(): number {
    return this.#pages;
  }

  #stream(content: string | Uint8Array, extra: Record<string, unknown> = {}): PDFRef {
    const raw = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
    // Page contents are a kilobyte or two: compressed in-process without zlib's per-call cost
    // (deflate.ts); fonts and other large streams go to zlib.
    const bytes = raw.length <= 32_768 ? deflateSmall(raw) : deflateSync(raw);
    return this.doc.context.register(this.doc.context.stream(bytes, { ...extra, Filter: 'FlateDecode' }));
  }

  /**
   * Something drawn once and placed many times: returns its resource name. The bounding box
   * has a margin: a form clips to it, and descenders or strokes may reach past the box.
   */
  addForm(canvas: Canvas, width: number, height: number): string {
    const name = `X${++this.#forms}`;
    const ref = this.#stream(canvas.toString(), {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [-12, -12, width + 12, height + 12],
      Resources: this.#resourcesRef,
    });
    this.#xObjects.set(PDFName.of(name), ref);
    return name;
  }

  addPage(width: number, height: number, canvas: Canvas): void {
    const context = this.doc.context;
    const contents = this.#stream(canvas.toString());
    const sizeKey = `${width}x${height}`;
    let mediaBox = this.#mediaBoxes.get(sizeKey);
    if (!mediaBox) {
      mediaBox = context.obj([0, 0, width, height]);
      this.#mediaBoxes.set(sizeKey, mediaBox);
    }
    const page = context.register(
      context.obj({ Type: 'Page', Parent: this.#pagesRef, MediaBox: mediaBox, Resources: this.#resourcesRef, Contents: contents }),
    );
    this.#kids.push(page);
    this.#pages++;
  }

  async addImage(bytes: Uint8Array, mime: 'image/png' | 'image/jpeg'): Promise<PlacedImage> {
    const image = mime === 'image/png' ? await this.doc.embedPng(bytes) : await this.doc.embedJpg(bytes);
    const resourceName = `Im${++this.#images}`;
    this.#xObjects.set(PDFName.of(resourceName), image.ref);
    return { resourceName, width: image.width, height: image.height };
  }

  async #embedFont(font: EmbeddedFont): Promise<PDFRef> {
    const context = this.doc.context;
    const face = font.face;
    const fontBytes = await font.subsetBytes();
    const baseFont = `${subsetTag(font)}+${face.postscriptName}`;
    const fontFile = this.#stream(fontBytes, { Length1: fontBytes.length });
    const bbox = face.font.bbox;
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        // Symbolic (glyphs addressed by id), plus fixed pitch for the monospace.
        Flags: 4 | (face.font.post.isFixedPitch ? 1 : 0),
        FontBBox: [bbox.minX * face.scale, bbox.minY * face.scale, bbox.maxX * face.scale, bbox.maxY * face.scale].map(Math.round),
        ItalicAngle: 0,
        Ascent: Math.round(face.ascent),
        Descent: Math.round(face.descent),
        CapHeight: Math.round(face.capHeight),
        StemV: face.role.endsWith('Bold') || face.role === 'mono' ? 120 : 80,
        FontFile2: fontFile,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: [0, font.advances.map((advance) => Math.round(advance))],
        CIDToGIDMap: 'Identity',
      }),
    );
    return context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: baseFont,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: this.#stream(toUnicodeCmap(font)),
      }),
    );
  }

  async finish(info: DocumentInfo): Promise<Uint8Array> {
    for (const font of this.fonts.all()) {
      if (font.used) this.#fontDict.set(PDFName.of(font.resourceName), await this.#embedFont(font));
    }
    this.doc.catalog.Pages().set(PDFName.of('Count'), PDFNumber.of(this.#pages));
    this.doc.setTitle(info.title, { showInWindowTitleBar: true });
    this.doc.setAuthor(info.author);
    this.doc.setSubject(info.subject);
    this.doc.setCreator('Sésame');
    this.doc.setProducer('Sésame (pdf-lib)');
    this.doc.setCreationDate(info.createdAt);
    this.doc.setModificationDate(info.createdAt);
    this.doc.setLanguage('fr-FR');
    // Cards and cut lines must print at their real size, not shrunk to the printer's margins.
    this.doc.catalog.getOrCreateViewerPreferences().setPrintScaling(PrintScaling.None);
    this.doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseNone'));
    return this.doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
  }
}
