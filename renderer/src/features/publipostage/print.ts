import { api, valueOrToast } from '../../lib/api.ts';
import { toasts } from '../../lib/components/toasts.svelte.ts';
import { inDesktopApp } from '../../lib/transport.ts';
import { printPdf, type PdfFile } from './pdf-file.ts';

/**
 * « Imprimer » a generated PDF. In the desktop app the window may not open a new one: the main
 * process hands the PDF to the system (its PDF reader, where the printer's settings are). In a
 * browser, the browser's own PDF viewer opens in a new tab and prints.
 */
export async function printFile(file: PdfFile): Promise<void> {
  if (inDesktopApp()) {
    const opened = valueOrToast(await api.publipostage.openDocument({ documentId: file.documentId, purpose: 'print' }));
    if (opened?.openedWith === 'viewer') {
      toasts.info(`${file.name} est ouvert dans le lecteur de PDF de l’ordinateur : imprimez-le depuis celui-ci (menu Fichier, Imprimer).`);
    }
    return;
  }
  if (!printPdf(file)) toasts.error('Le navigateur a bloqué l’ouverture du PDF : autorisez les fenêtres pour Sésame, ou enregistrez le PDF.');
}
