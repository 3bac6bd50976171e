import { api, valueOrToast } from '../../lib/api.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';
import { chooseSaveTarget } from '../exports/save-files.ts';
import { asSavedFile, pdfBytes, type PdfFile } from './pdf-file.ts';

/** A PDF the core keeps for the preview (publipostage.document), as the page holds it. */
export async function keptPdf(documentId: string, sheets: number): Promise<PdfFile | null> {
  const document = valueOrToast(await api.publipostage.document({ documentId }));
  if (!document) return null;
  return { documentId, name: document.fileName, pages: document.pages, sheets, bytes: pdfBytes(document.base64) };
}

/** « Enregistrer » from the preview: the place is chosen first; `what` names it in the toast (« Fiche »). */
export async function savePdf(file: PdfFile, what: string): Promise<void> {
  const target = await chooseSaveTarget([file.name], file.name);
  if (!target) return;
  try {
    await target.write([asSavedFile(file)]);
    toasts.success(`${what} ${target.verb}e : ${file.name}.`);
  } catch {
    toasts.error('Le PDF n’a pas pu être enregistré à cet endroit. Choisissez un autre dossier.');
  }
}
