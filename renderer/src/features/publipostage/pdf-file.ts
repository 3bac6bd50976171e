import type { ExportedFile } from '../../../../shared/domain/exports.ts';
import type { ShrunkSheets } from '../../../../shared/domain/publipostage.ts';

/** A generated PDF held by the page: its bytes for the viewer, its id to print or save it again. */
export interface PdfFile {
  documentId: string;
  name: string;
  pages: number;
  sheets: number;
  bytes: Uint8Array<ArrayBuffer>;
  /** Sheets whose credentials were set smaller or broken to print whole (publipostage only). */
  shrunk?: ShrunkSheets;
}

export function pdfBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** The PDF in the shape the « Enregistrer sous » helper of Exporter writes. */
export function asSavedFile(file: PdfFile): ExportedFile {
  return { name: file.name, size: file.bytes.length, rows: file.sheets, path: null, base64: toBase64(file.bytes), mimeType: 'application/pdf' };
}

/** « identifiants-ent-2026-09-01.pdf », the name the core gives a batch made today. */
export function todaysFileName(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `identifiants-ent-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.pdf`;
}

/**
 * Opens the PDF in a new tab of the browser's own viewer and asks it to print: the system
 * print dialog, with the printer's settings. False when the browser blocked the new tab.
 */
export function printPdf(file: PdfFile): boolean {
  const url = URL.createObjectURL(new Blob([file.bytes], { type: 'application/pdf' }));
  const opened = window.open(url, '_blank');
  if (!opened) {
    URL.revokeObjectURL(url);
    return false;
  }
  opened.addEventListener('load', () => opened.print(), { once: true });
  setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
  return true;
}
