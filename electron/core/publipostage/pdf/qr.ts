import QRCode from 'qrcode';
import { Canvas, colors, num } from './canvas.ts';

export interface QrDrawing {
  /** Modules per side, quiet zone excluded. */
  size: number;
  canvas: Canvas;
}

/** The address a phone should open: the ENT URL with its scheme. */
export function qrTarget(url: string): string {
  const trimmed = url.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/**
 * A QR code as one-unit modules, each dark run of a row merged into a single rectangle, to be
 * drawn once into a form and scaled wherever it is placed.
 */
export function qrDrawing(url: string): QrDrawing {
  return qrDrawingOf(qrTarget(url));
}

/** The same drawing for any text (the recovery sheet's key), taken as it is. */
export function qrDrawingOf(text: string): QrDrawing {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const canvas = new Canvas().fillColor(colors.ink);
  const rects: string[] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let column = 0; column <= size; column++) {
      const dark = column < size && modules.get(row, column);
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        // A hair of overlap so that viewers' anti-aliasing shows no seam between rows.
        rects.push(`${start} ${num(size - row - 1.02)} ${column - start} 1.04 re`);
        start = -1;
      }
    }
  }
  canvas.raw(`${rects.join(' ')} f`);
  return { size, canvas };
}
