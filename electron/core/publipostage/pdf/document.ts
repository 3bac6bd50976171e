import type { SheetsPerPage, ShrunkSheets } from '../../../../shared/domain/publipostage.ts';
import type { Sheet, SheetFrame } from '../sheet-model.ts';
import { Canvas } from './canvas.ts';
import { cardOrigin, cutLines, drawCard } from './cards.ts';
import { drawCoverPage, drawHandOutPages, type ClassGroup } from './class-pages.ts';
import { a4, type RenderKit } from './kit.ts';
import { a4Letter, a5Letter, drawLetter } from './letter.ts';
import { qrDrawing } from './qr.ts';
import { PdfWriter } from './writer.ts';

export interface RenderInput {
  /**
   * In print order. Read once, sheet by sheet: a generator that builds each sheet model as it is
   * asked for keeps only the page being drawn (a class, with cover pages or lists) in memory.
   */
  sheets: Iterable<Sheet>;
  /** How many sheets `sheets` yields, for the progress. */
  sheetCount: number;
  frame: SheetFrame;
  layout: SheetsPerPage;
  coverPages: boolean;
  handOutList: boolean;
  /** The school logo of Paramètres; a file the PDF cannot embed is left out, never fatal. */
  logo: { mime: 'image/png' | 'image/jpeg'; bytes: Uint8Array } | null;
  createdAt: Date;
  title: string;
}

export interface RenderHooks {
  /** Called between batches of sheets: report progress, yield to the event loop, stop if cancelled. */
  batch?(done: number, total: number): Promise<void> | void;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
  shrunk: ShrunkSheets;
}

interface PageLayout {
  width: number;
  height: number;
  perPage: number;
  background(kit: RenderKit): string | null;
  draw(kit: RenderKit, canvas: Canvas, sheet: Sheet, slot: number): void;
}

const layouts: Record<SheetsPerPage, PageLayout> = {
  1: {
    width: a4.width,
    height: a4.height,
    perPage: 1,
    background: () => null,
    draw: (kit, canvas, sheet) => drawLetter(kit, canvas, sheet, a4Letter, 0, 0),
  },
  2: {
    width: a4.height,
    height: a4.width,
    perPage: 2,
    background: (kit) => {
      const key = 'fold-line';
      if (!kit.forms.has(key)) {
        const canvas = new Canvas().strokeColor([0.62, 0.65, 0.7]).line(a4.height / 2, 0, a4.height / 2, a4.width, 0.5, [3, 2.5]);
        kit.forms.set(key, { resourceName: kit.writer.addForm(canvas, a4.height, a4.width), width: a4.height, height: a4.width });
      }
      return kit.forms.get(key)?.resourceName ?? null;
    },
    draw: (kit, canvas, sheet, slot) => drawLetter(kit, canvas, sheet, a5Letter, slot * (a4.height / 2), 0),
  },
  8: {
    width: a4.width,
    height: a4.height,
    perPage: 8,
    background: cutLines,
    draw: (kit, canvas, sheet, slot) => {
      const [x, y] = cardOrigin(slot);
      drawCard(kit, canvas, sheet, x, y);
    },
  },
};

/** Consecutive sheets filed under the same class, one group at a time (the caller sorted them by class first). */
function* classGroups(sheets: Iterable<Sheet>): Generator<ClassGroup> {
  let group: ClassGroup | null = null;
  for (const sheet of sheets) {
    if (group && group.className === sheet.filingClass) {
      group.sheets.push(sheet);
    } else {
      if (group) yield group;
      group = { className: sheet.filingClass, sheets: [sheet] };
    }
  }
  if (group) yield group;
}

const batchSize = 250;

/** Sheet models → PDF bytes, in the chosen layout. */
export async function renderPdf(input: RenderInput, hooks: RenderHooks = {}): Promise<RenderedPdf> {
  const writer = await PdfWriter.create();
  const layout = layouts[input.layout];
  const kit: RenderKit = { writer, frame: input.frame, qr: null, logo: null, forms: new Map(), seen: new Set(), shrunk: { names: new Map(), url: false } };
  if (input.frame.entUrl) {
    const qr = qrDrawing(input.frame.entUrl);
    kit.qr = { resourceName: writer.addForm(qr.canvas, qr.size, qr.size), modules: qr.size };
  }
  if (input.logo) kit.logo = await writer.addImage(input.logo.bytes, input.logo.mime).catch(() => null);

  const page = { width: layout.width, height: layout.height };
  const total = input.sheetCount;
  let done = 0;
  /** Sheets laid out `perPage` to a page; a page is handed to the writer as soon as it is full. */
  const drawSheets = async (sheets: Iterable<Sheet>) => {
    let canvas: Canvas | null = null;
    let slot = 0;
    for (const sheet of sheets) {
      if (!canvas) {
        canvas = new Canvas();
        slot = 0;
        const background = layout.background(kit);
        if (background) canvas.place(background, 0, 0);
      }
      layout.draw(kit, canvas, sheet, slot);
      if (++slot === layout.perPage) {
        writer.addPage(page.width, page.height, canvas);
        canvas = null;
      }
      if (++done % batchSize === 0) await hooks.batch?.(done, total);
    }
    if (canvas) writer.addPage(page.width, page.height, canvas);
  };
  if (input.coverPages || input.handOutList) {
    for (const group of classGroups(input.sheets)) {
      if (input.coverPages) {
        writer.addPage(page.width, page.height, drawCoverPage(kit, group, page, Math.ceil(group.sheets.length / layout.perPage)));
      }
      if (input.handOutList) {
        for (const canvas of drawHandOutPages(kit, group, page)) writer.addPage(page.width, page.height, canvas);
      }
      await drawSheets(group.sheets);
    }
  } else {
    await drawSheets(input.sheets);
  }
  await hooks.batch?.(done, total);
  const bytes = await writer.finish({
    title: input.title,
    author: input.frame.schoolName,
    subject: `Fiches de connexion à l’ENT ${input.frame.entName}`,
    createdAt: input.createdAt,
  });
  const names = [...kit.shrunk.names.values()];
  return { bytes, pages: writer.pageCount, shrunk: { count: names.length, names: names.slice(0, 10), url: kit.shrunk.url } };
}
