import { zipSync } from 'fflate';
import type { ExportedFile } from '../../../../shared/domain/exports.ts';

/**
 * « Enregistrer sous » in the renderer. Chromium (and so the desktop app) has the File System
 * Access pickers: the user picks the place first, then the export runs. Other browsers get a
 * download, several files zipped into one so that nothing is blocked as "multiple downloads".
 */
interface PickerAccept {
  description: string;
  accept: Record<string, string[]>;
}
interface PickerWindow {
  showSaveFilePicker?: (options: { suggestedName: string; types?: PickerAccept[] }) => Promise<FileSystemFileHandle>;
  showDirectoryPicker?: (options?: { mode?: 'read' | 'readwrite' }) => Promise<FileSystemDirectoryHandle>;
}

export interface SaveTarget {
  /** « enregistré » on disk, « téléchargé » for a browser download. */
  readonly verb: 'enregistré' | 'téléchargé';
  write(files: readonly ExportedFile[]): Promise<void>;
}

const fileTypes: Record<string, PickerAccept> = {
  xlsx: { description: 'Classeur Excel', accept: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'] } },
  csv: { description: 'Fichier CSV', accept: { 'text/csv': ['.csv'] } },
  docx: { description: 'Document Word', accept: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'] } },
};

export function bytesOf(file: ExportedFile): Uint8Array<ArrayBuffer> {
  const binary = atob(file.base64 ?? '');
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function download(name: string, bytes: Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function writeHandle(handle: FileSystemFileHandle, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const writable = await handle.createWritable();
  await writable.write(bytes);
  await writable.close();
}

const downloadTarget = (zipName: string): SaveTarget => ({
  verb: 'téléchargé',
  async write(files) {
    const [only] = files;
    if (files.length === 1 && only) return download(only.name, bytesOf(only), only.mimeType);
    const zipped = zipSync(Object.fromEntries(files.map((file) => [file.name, bytesOf(file)])));
    download(zipName, zipped as Uint8Array<ArrayBuffer>, 'application/zip');
  },
});

const isCancel = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * Asks where to save the files announced by the preview, before the export runs (the pickers
 * need the click's user activation). Null when the user cancels.
 */
export async function chooseSaveTarget(names: readonly string[], zipName: string): Promise<SaveTarget | null> {
  const pickers = window as unknown as PickerWindow;
  const [first] = names;
  try {
    if (names.length === 1 && first && pickers.showSaveFilePicker) {
      const type = fileTypes[first.split('.').pop() ?? ''];
      const handle = await pickers.showSaveFilePicker({ suggestedName: first, ...(type ? { types: [type] } : {}) });
      return {
        verb: 'enregistré',
        async write(files) {
          const [file, ...others] = files;
          if (file) await writeHandle(handle, bytesOf(file));
          if (others.length) await downloadTarget(zipName).write(others);
        },
      };
    }
    if (names.length > 1 && pickers.showDirectoryPicker) {
      const folder = await pickers.showDirectoryPicker({ mode: 'readwrite' });
      return {
        verb: 'enregistré',
        async write(files) {
          for (const file of files) await writeHandle(await folder.getFileHandle(file.name, { create: true }), bytesOf(file));
        },
      };
    }
  } catch (error) {
    if (isCancel(error)) return null;
    throw error;
  }
  return downloadTarget(zipName);
}
