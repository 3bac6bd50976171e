import { Canvas } from './canvas.ts';
import type { FontRole } from './fonts.ts';
import type { PdfWriter, PlacedImage } from './writer.ts';
import type { Sheet, SheetFrame } from '../sheet-model.ts';

/** A4 in points. */
export const a4 = { width: 595.28, height: 841.89 } as const;

/** What every layout draws with: the writer, the school frame and the assets made once. */
export interface RenderKit {
  writer: PdfWriter;
  frame: SheetFrame;
  /** The QR code of the ENT address as a form of `qrModules` units a side; null without an address. */
  qr: { resourceName: string; modules: number } | null;
  logo: PlacedImage | null;
  forms: Map<string, Form>;
  /** Keys of personal blocks met once: a second meeting makes them a form (blocks.ts, recurring). */
  seen: Set<string>;
  /** What had to be set smaller or broken to be printed whole (credential.ts), for the preview. */
  shrunk: ShrunkCredentials;
}

export interface ShrunkCredentials {
  /** « NOM Prénom » of each account whose login or code was, in print order. */
  names: Map<number, string>;
  /** The ENT address, printed on every sheet. */
  url: boolean;
}

/** Notes that a sheet's login or code had to shrink or break. */
export function noteShrunk(kit: RenderKit, sheet: Sheet, ...fitted: ({ shrunk: boolean } | null)[]): void {
  if (fitted.some((value) => value?.shrunk)) kit.shrunk.names.set(sheet.accountId, [sheet.lastName, sheet.firstName].filter(Boolean).join(' '));
}

export interface Form {
  resourceName: string;
  width: number;
  height: number;
}

/**
 * A form drawn once per document and cached under `key`: `draw` paints it in its own box
 * (origin bottom left, `height` tall).
 */
export function cachedForm(kit: RenderKit, key: string, width: number, height: number, draw: (canvas: Canvas) => void): Form {
  let form = kit.forms.get(key);
  if (!form) {
    const canvas = new Canvas();
    draw(canvas);
    form = { resourceName: kit.writer.addForm(canvas, width, height), width, height };
    kit.forms.set(key, form);
  }
  return form;
}

/** A block of text lines in one style. */
export interface TextStyle {
  role: FontRole;
  size: number;
  leading: number;
}

/** Height taken by `count` lines: the first line's cap height region plus the leading of the others and a descent. */
export function linesHeight(count: number, style: TextStyle): number {
  return count === 0 ? 0 : style.size * 1.2 + (count - 1) * style.leading;
}

/** Baseline of the first line of a block whose top is `top`. */
export function firstBaseline(top: number, style: TextStyle): number {
  return top - style.size * 0.95;
}

