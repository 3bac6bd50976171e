import { Canvas, colors, type Color } from './canvas.ts';
import { firstBaseline, linesHeight, type TextStyle } from './kit.ts';
import type { PdfWriter } from './writer.ts';

export interface FlowPage {
  width: number;
  height: number;
  margin: { top: number; bottom: number; side: number };
}

/**
 * Text that runs down A4 pages and onto the next when a page is full: for the documents that
 * are read rather than cut out (the renewal letter, the « à faire dans l'ENT » checklist).
 * `pageHeader` draws what each page starts with and answers where the text begins.
 */
export class PageFlow {
  readonly writer: PdfWriter;
  readonly page: FlowPage;
  canvas: Canvas;
  /** The top of the room left on the current page. */
  y: number;
  #pages = 0;
  #pageHeader: (canvas: Canvas, index: number) => number;

  constructor(writer: PdfWriter, page: FlowPage, pageHeader: (canvas: Canvas, index: number) => number = () => page.height - page.margin.top) {
    this.writer = writer;
    this.page = page;
    this.#pageHeader = pageHeader;
    this.canvas = new Canvas();
    this.y = pageHeader(this.canvas, 0);
  }

  get left(): number {
    return this.page.margin.side;
  }

  get width(): number {
    return this.page.width - 2 * this.page.margin.side;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y - height >= this.page.margin.bottom) return;
    this.#flush();
    this.canvas = new Canvas();
    this.y = this.#pageHeader(this.canvas, this.#pages);
  }

  /** A wrapped paragraph at the cursor, `indent` from the left margin; kept on one page. */
  paragraph(text: string, style: TextStyle, color: Color = colors.ink, indent = 0): void {
    const lines = this.writer.type.wrap(text, style.role, style.size, this.width - indent);
    const height = linesHeight(lines.length, style);
    this.ensure(height);
    this.canvas.fillColor(color).lines(lines, style.size, this.left + indent, firstBaseline(this.y, style), style.leading);
    this.y -= height;
  }

  space(height: number): void {
    this.y -= height;
  }

  #flush(): void {
    this.writer.addPage(this.page.width, this.page.height, this.canvas);
    this.#pages++;
  }

  /** Adds the last page; answers how many pages the flow took. */
  end(): number {
    this.#flush();
    return this.#pages;
  }
}
